#pragma once
// The producer's partitioner: keyed records by murmur2 as Kafka does, null-key records by
// sticky partitioning (KIP-480) or round-robin (Kafka's RoundRobinPartitioner).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/rng.h"

namespace core::client {

/// What the producer's metadata says about one topic when a record is partitioned.
struct TopicPartitions {
    int32_t partition_count = 0;
    /// Partitions with a live leader, ascending (Kafka's availablePartitionsForTopic).
    std::vector<int32_t> available;
};

enum class PartitionerKind {
    /// Kafka's built-in (DefaultPartitioner): murmur2 for keys, sticky for null keys.
    BuiltIn,
    /// Kafka's UniformStickyPartitioner: sticky for every record, keys ignored.
    UniformSticky,
    /// Kafka's RoundRobinPartitioner: each record to the next available partition, keys
    /// ignored.
    RoundRobin,
};

/// Maps Kafka's partitioner.class value (empty = built-in) and partitioner.ignore.keys to
/// a kind. REQUIRES: class_name is empty or one of Kafka's three partitioner classes.
PartitionerKind partitioner_kind(std::string_view class_name, bool ignore_keys);

/// One producer's partitioner state: the sticky partition per topic (KIP-480) and the
/// round-robin counter per topic. Randomness comes from the producer's sim::Rng.
class Partitioner {
   public:
    explicit Partitioner(PartitionerKind kind) : kind_(kind) {}

    /// The partition for a record; `key` null means a null key (not the empty key).
    /// REQUIRES: partitions.partition_count > 0.
    int32_t partition(std::string_view topic, const std::string* key,
                      const TopicPartitions& partitions, sim::Rng& rng);

    /// Kafka's Partitioner.onNewBatch: the batch for `previous_partition` is full or was
    /// sent, so a sticky partitioner moves on to another available partition. A no-op
    /// when `previous_partition` is not the current sticky partition (another batch
    /// already moved it) and for round-robin.
    void on_new_batch(std::string_view topic, const TopicPartitions& partitions,
                      int32_t previous_partition, sim::Rng& rng);

    PartitionerKind kind() const { return kind_; }

   private:
    int32_t sticky_partition(std::string_view topic, const TopicPartitions& partitions,
                             sim::Rng& rng);
    int32_t next_sticky_partition(std::string_view topic, const TopicPartitions& partitions,
                                  int32_t previous_partition, sim::Rng& rng);
    int32_t round_robin_partition(std::string_view topic, const TopicPartitions& partitions);

    PartitionerKind kind_;
    std::map<std::string, int32_t, std::less<>> sticky_;
    std::map<std::string, uint32_t, std::less<>> round_robin_counter_;
};

}  // namespace core::client
