#pragma once
// One group as its coordinator holds it in memory (Kafka's GroupMetadata and
// MemberMetadata): state, generation, chosen protocol, leader, members with their held
// JoinGroup/SyncGroup answers, KIP-394 pending members, and the committed offsets.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/group/group_state.h"
#include "core/group/offsets_topic.h"
#include "core/protocol/group.h"
#include "sim/assert.h"
#include "sim/time.h"

namespace core::group {

/// Who to answer a held request: the client node and its correlation id.
struct HeldRequest {
    int32_t node = -1;
    int32_t correlation_id = 0;
};

struct MemberMetadata {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::string client_id;
    int32_t session_timeout_ms = 0;
    int32_t rebalance_timeout_ms = 0;
    /// In the member's order of preference.
    std::vector<protocol::JoinGroupRequestProtocol> protocols;
    protocol::ConsumerProtocolAssignment assignment;
    std::optional<HeldRequest> awaiting_join;
    std::optional<HeldRequest> awaiting_sync;
    /// Joined in the current rebalance for the first time (Kafka's isNew).
    bool is_new = false;
    sim::Time last_heartbeat = 0;
    /// A session-expiry timer is pending for this member.
    bool session_timer_armed = false;

    const protocol::ConsumerProtocolSubscription* metadata_for(const std::string& name) const {
        for (const auto& p : protocols) {
            if (p.name == name) return &p.metadata;
        }
        return nullptr;
    }
};

class GroupMetadata {
   public:
    explicit GroupMetadata(std::string group_id) : group_id_(std::move(group_id)) {}

    const std::string& group_id() const { return group_id_; }
    GroupState state() const { return state_; }
    bool is(GroupState state) const { return state_ == state; }
    void transition_to(GroupState next) {
        KS_ASSERT(is_legal_transition(state_, next));
        state_ = next;
    }
    /// Loading from the log sets the state without a transition (a fresh object).
    void load_state(GroupState state) { state_ = state; }

    int32_t generation_id = 0;
    std::string protocol_type;
    std::string protocol_name;
    std::optional<std::string> leader_id;
    std::map<std::string, MemberMetadata> members;
    /// KIP-394: member ids handed out with MEMBER_ID_REQUIRED, not yet joined.
    std::set<std::string> pending_members;
    std::map<TopicPartition, OffsetAndMetadata> offsets;
    /// Bumped whenever a rebalance delay starts; stale rebalance timers check it.
    uint64_t rebalance_token = 0;
    /// group.initial.rebalance.delay.ms bookkeeping (Kafka's InitialDelayedJoin).
    int32_t initial_delay_remaining_ms = 0;
    bool in_initial_delay = false;
    /// A new member joined during the initial delay, so the delay is extended once more.
    bool new_member_added = false;
    /// Unique per in-memory incarnation of the group; timers of a dropped one are stale.
    uint64_t incarnation = 0;
    /// Members the coordinator still waits on for SyncGroup (Kafka's pendingSyncMembers).
    std::set<std::string> pending_sync_members;
    /// Assignment held while its group metadata record is being committed.
    bool storing_assignment = false;

    bool has(const std::string& member_id) const { return members.count(member_id) != 0; }
    /// Kafka's hasAllMembersJoined.
    bool all_members_joined() const {
        for (const auto& [id, m] : members) {
            if (!m.awaiting_join) return false;
        }
        return pending_members.empty();
    }
    /// The largest rebalance timeout of the members (Kafka's rebalanceTimeoutMs).
    int32_t rebalance_timeout_ms() const {
        int32_t out = 0;
        for (const auto& [id, m] : members) out = std::max(out, m.rebalance_timeout_ms);
        return out;
    }
    /// Kafka's supportsProtocols: the type matches and some protocol is shared by all.
    bool supports_protocols(const std::string& type,
                            const std::vector<protocol::JoinGroupRequestProtocol>& ps) const;
    /// Kafka's selectProtocol: each member votes for its most preferred protocol among
    /// those every member supports; the most votes wins (ties: the first candidate).
    std::string select_protocol() const;
    GroupMetadataValue to_value(int64_t now_ms) const;

   private:
    std::string group_id_;
    GroupState state_ = GroupState::Empty;
};

}  // namespace core::group
