#include "core/controller/leader_election.h"

#include <algorithm>

#include "sim/assert.h"

namespace core::controller {

namespace {

bool contains(const std::vector<int32_t>& ids, int32_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

ElectionResult elect_leader(const PartitionRegistration& partition,
                            const std::vector<int32_t>& target_isr, const IsActive& is_active,
                            bool unclean_leader_election_enable) {
    ElectionResult result;
    result.isr = target_isr;
    if (partition.leader != protocol::kNoLeader && contains(target_isr, partition.leader) &&
        is_active(partition.leader)) {
        result.leader = partition.leader;
        return result;
    }
    for (int32_t replica : partition.replicas) {
        if (contains(target_isr, replica) && is_active(replica)) {
            result.leader = replica;
            return result;
        }
    }
    if (unclean_leader_election_enable) {
        for (int32_t replica : partition.replicas) {
            if (is_active(replica)) {
                result.leader = replica;
                result.isr = {replica};
                result.unclean = true;
                return result;
            }
        }
    }
    return result;
}

std::optional<protocol::PartitionChangeRecord> build_partition_change(
    uint64_t topic_id, int32_t partition_id, const PartitionRegistration& partition,
    std::vector<int32_t> target_isr, const IsActive& is_active,
    bool unclean_leader_election_enable) {
    // Keep replica order in the ISR so "first ISR member" reads the same everywhere.
    std::vector<int32_t> ordered;
    for (int32_t replica : partition.replicas) {
        if (contains(target_isr, replica)) ordered.push_back(replica);
    }
    if (ordered.empty()) {
        // KRaft never empties an ISR: the last member stays so that it, and only it, can
        // lead cleanly when it comes back.
        ordered = partition.isr;
    }
    ElectionResult election =
        elect_leader(partition, ordered, is_active, unclean_leader_election_enable);
    protocol::PartitionChangeRecord change;
    change.topic_id = topic_id;
    change.partition_id = partition_id;
    bool changed = false;
    if (election.isr != partition.isr) {
        change.isr = election.isr;
        changed = true;
    }
    if (election.leader != partition.leader) {
        change.leader = election.leader;
        changed = true;
    }
    KS_ASSERT(!election.isr.empty() || partition.isr.empty());
    if (!changed) return std::nullopt;
    return change;
}

}  // namespace core::controller
