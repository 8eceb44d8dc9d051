#include "core/client/producer_partitioner.h"

#include "sim/assert.h"

namespace core::client {

namespace {
/// Placeholder key hash until core/client/murmur2 lands; stable across machines.
int32_t key_partition(const std::string& key, int32_t partition_count) {
    return static_cast<int32_t>(sim::fnv1a64(key) % static_cast<uint64_t>(partition_count));
}
}  // namespace

ProducerPartitioner::ProducerPartitioner(bool round_robin, bool ignore_keys, uint32_t batch_size)
    : round_robin_(round_robin), ignore_keys_(ignore_keys), batch_size_(batch_size) {}

int32_t ProducerPartitioner::partition(const ProducerRecord& record, int32_t partition_count,
                                       sim::Rng& rng) {
    KS_ASSERT(partition_count > 0);
    if (round_robin_) {
        int32_t& next = round_robin_next_[record.topic];
        return next++ % partition_count;
    }
    if (record.has_key && !ignore_keys_) return key_partition(record.key, partition_count);
    Sticky& sticky = sticky_[record.topic];
    if (sticky.partition < 0 || sticky.partition >= partition_count) {
        sticky.partition = static_cast<int32_t>(rng.uniform(static_cast<uint64_t>(partition_count)));
        sticky.bytes = 0;
    }
    return sticky.partition;
}

void ProducerPartitioner::on_appended(const TopicPartition& tp, uint32_t bytes, bool new_batch,
                                      int32_t partition_count, sim::Rng& rng) {
    (void)new_batch;
    auto it = sticky_.find(tp.topic);
    if (it == sticky_.end() || it->second.partition != tp.partition) return;
    Sticky& sticky = it->second;
    sticky.bytes += bytes;
    if (sticky.bytes < batch_size_ || partition_count <= 1) return;
    // KIP-794: after batch.size bytes, switch to another partition.
    auto next = static_cast<int32_t>(rng.uniform(static_cast<uint64_t>(partition_count - 1)));
    sticky.partition = next >= sticky.partition ? next + 1 : next;
    sticky.bytes = 0;
}

}  // namespace core::client
