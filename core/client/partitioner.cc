#include "core/client/partitioner.h"

#include "core/client/murmur2.h"
#include "sim/assert.h"

namespace core::client {

PartitionerKind partitioner_kind(std::string_view class_name, bool ignore_keys) {
    if (class_name == "org.apache.kafka.clients.producer.RoundRobinPartitioner") {
        return PartitionerKind::RoundRobin;
    }
    if (class_name == "org.apache.kafka.clients.producer.UniformStickyPartitioner") {
        return PartitionerKind::UniformSticky;
    }
    KS_ASSERT(class_name.empty() ||
              class_name == "org.apache.kafka.clients.producer.internals.DefaultPartitioner");
    return ignore_keys ? PartitionerKind::UniformSticky : PartitionerKind::BuiltIn;
}

int32_t Partitioner::partition(std::string_view topic, const std::string* key,
                               const TopicPartitions& partitions, sim::Rng& rng) {
    KS_ASSERT(partitions.partition_count > 0);
    switch (kind_) {
        case PartitionerKind::BuiltIn:
            // Keys hash over all partitions, available or not, so a key keeps its
            // partition while a leader is down (the record waits for it).
            if (key != nullptr) return partition_for_key(*key, partitions.partition_count);
            return sticky_partition(topic, partitions, rng);
        case PartitionerKind::UniformSticky:
            return sticky_partition(topic, partitions, rng);
        case PartitionerKind::RoundRobin:
            return round_robin_partition(topic, partitions);
    }
    KS_UNREACHABLE();
}

void Partitioner::on_new_batch(std::string_view topic, const TopicPartitions& partitions,
                               int32_t previous_partition, sim::Rng& rng) {
    if (kind_ == PartitionerKind::RoundRobin) return;
    next_sticky_partition(topic, partitions, previous_partition, rng);
}

int32_t Partitioner::sticky_partition(std::string_view topic, const TopicPartitions& partitions,
                                      sim::Rng& rng) {
    auto it = sticky_.find(topic);
    if (it != sticky_.end() && it->second < partitions.partition_count) return it->second;
    return next_sticky_partition(topic, partitions, -1, rng);
}

// Kafka's StickyPartitionCache.nextPartition (KIP-480): only the partition that just
// completed a batch triggers a switch; the new one is a random available partition other
// than the old, or any partition when none is available.
int32_t Partitioner::next_sticky_partition(std::string_view topic,
                                           const TopicPartitions& partitions,
                                           int32_t previous_partition, sim::Rng& rng) {
    auto it = sticky_.find(topic);
    const bool has_old = it != sticky_.end();
    const int32_t old_partition = has_old ? it->second : -1;
    if (has_old && old_partition != previous_partition) return old_partition;

    int32_t next = old_partition;
    const std::vector<int32_t>& available = partitions.available;
    if (available.empty()) {
        next = static_cast<int32_t>(rng.uniform(uint64_t(partitions.partition_count)));
    } else if (available.size() == 1) {
        next = available.front();
    } else {
        while (next == old_partition) next = rng.pick(available);
    }
    KS_ASSERT(next >= 0 && next < partitions.partition_count);
    sticky_.insert_or_assign(std::string(topic), next);
    return next;
}

// Kafka's RoundRobinPartitioner: a per-topic counter over the available partitions (all
// partitions when none is available).
int32_t Partitioner::round_robin_partition(std::string_view topic,
                                           const TopicPartitions& partitions) {
    auto it = round_robin_counter_.find(topic);
    if (it == round_robin_counter_.end()) {
        it = round_robin_counter_.emplace(std::string(topic), 0).first;
    }
    const int32_t next_value = to_positive(static_cast<int32_t>(it->second++));
    if (partitions.available.empty()) return next_value % partitions.partition_count;
    return partitions.available[size_t(next_value) % partitions.available.size()];
}

}  // namespace core::client
