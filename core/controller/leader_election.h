#pragma once
// Partition leader election and ISR changes as KRaft's PartitionChangeBuilder makes them:
// a clean election picks the first live ISR member in replica order; an unclean one (only
// with unclean.leader.election.enable) the first live replica, which becomes the whole
// ISR; with no candidate the partition goes offline (leader -1) and keeps its ISR so the
// last in-sync replica can lead again when it returns.

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/controller/metadata_image.h"
#include "core/protocol/metadata_records.h"

namespace core::controller {

/// Whether a broker may lead / be in an ISR now (registered, unfenced).
using IsActive = std::function<bool(int32_t broker_id)>;

struct ElectionResult {
    int32_t leader = protocol::kNoLeader;
    std::vector<int32_t> isr;
    bool unclean = false;
};

/// Elects among `partition.replicas` given `target_isr`. Keeps the current leader when it
/// is still active and in the target ISR (no needless leader epoch bump).
ElectionResult elect_leader(const PartitionRegistration& partition,
                            const std::vector<int32_t>& target_isr, const IsActive& is_active,
                            bool unclean_leader_election_enable);

/// The change that moves `partition` to `target_isr` (and the leader that follows from
/// it), or nullopt when nothing would change. An ISR never becomes empty: removing its
/// last member keeps that member (KRaft), leaving the partition offline.
std::optional<protocol::PartitionChangeRecord> build_partition_change(
    uint64_t topic_id, int32_t partition_id, const PartitionRegistration& partition,
    std::vector<int32_t> target_isr, const IsActive& is_active,
    bool unclean_leader_election_enable);

}  // namespace core::controller
