#pragma once
// The algorithm Kafka's StickyAssignor and CooperativeStickyAssignor share
// (AbstractStickyAssignor): a balanced assignment that keeps as many previously owned
// partitions as possible, and the partitions that change owner in this round.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/client/assignor/assignor.h"

namespace core::client {

struct StickyAssignment {
    Assignment assignment;
    /// Partition -> its new owner, for partitions that a different member validly owned
    /// before (Kafka's partitionsTransferringOwnership). Set by the all-subscriptions-equal
    /// path only; nullopt means the caller computes it from the subscriptions.
    std::optional<std::map<TopicPartition, std::string>> partitions_transferring_ownership;
};

/// Owned partitions after Kafka's validation (AbstractStickyAssignor.allSubscriptionsEqual,
/// Kafka >= 3.4): a partition stays with the claimer of the highest generation (no
/// generation counts as -1); claimed twice in that generation, nobody keeps it.
struct OwnedPartitions {
    /// Member id -> owned partitions still valid, in the member's order; every member.
    std::map<std::string, std::vector<TopicPartition>> owned;
    /// Partitions two members claimed in the same generation.
    std::set<TopicPartition> claimed_by_many;
};

OwnedPartitions valid_owned_partitions(const PartitionsPerTopic& partitions_per_topic,
                                       const std::vector<const Subscription*>& members);

/// Kafka's AbstractStickyAssignor.assign: constrainedAssign when every member subscribes
/// to the same topics, generalAssign otherwise.
StickyAssignment sticky_assign(const PartitionsPerTopic& partitions_per_topic,
                               const std::vector<Subscription>& subscriptions);

/// The order in which a java.util.HashMap<String, ?> built by inserting `keys` in order
/// iterates them: by bucket (spread hash & (capacity - 1), capacity 16 doubled past a 0.75
/// load factor), insertion order within a bucket. Kafka's constrainedAssign walks members
/// in this order, and who keeps maxQuota owned partitions depends on it.
std::vector<std::string> java_hash_map_order(const std::vector<std::string>& keys);

/// The general-path assignment, exposed for tests of mixed subscriptions.
Assignment sticky_general_assign(const PartitionsPerTopic& partitions_per_topic,
                                 const std::vector<Subscription>& subscriptions);

}  // namespace core::client
