// GroupCoordinator: Heartbeat, LeaveGroup, member removal, and the session, rebalance and
// pending-sync timers (Kafka's heartbeat purgatory, DelayedJoin and pending-sync expiry).

#include "core/broker/replica_manager.h"
#include "core/common/probes.h"
#include "core/common/timer_tags.h"
#include "core/group/group_coordinator.h"

namespace core::group {

using namespace core::protocol;

void GroupCoordinator::handle_heartbeat(sim::NodeId from, const HeartbeatRequest& request) {
    auto response = std::make_shared<HeartbeatResponse>();
    response->correlation_id = request.correlation_id;
    Error error = coordinator_error(request.group_id);
    GroupMetadata* group = error == Error::NONE ? find_group(request.group_id) : nullptr;
    if (error == Error::NONE) {
        if (group == nullptr || group->is(GroupState::Empty) || !group->has(request.member_id)) {
            error = Error::UNKNOWN_MEMBER_ID;
        } else if (group->is(GroupState::Dead)) {
            error = Error::COORDINATOR_NOT_AVAILABLE;
        } else if (request.generation_id != group->generation_id) {
            error = Error::ILLEGAL_GENERATION;
        } else {
            MemberMetadata& member = group->members.at(request.member_id);
            member.last_heartbeat = env_.now();
            arm_session_timer(*group, member);
            if (group->is(GroupState::PreparingRebalance)) error = Error::REBALANCE_IN_PROGRESS;
        }
    }
    response->error = error;
    env_.send(from, std::move(response));
}

void GroupCoordinator::handle_leave_group(sim::NodeId from, const LeaveGroupRequest& request) {
    auto response = std::make_shared<LeaveGroupResponse>();
    response->correlation_id = request.correlation_id;
    response->error = coordinator_error(request.group_id);
    GroupMetadata* group =
        response->error == Error::NONE ? find_group(request.group_id) : nullptr;
    if (response->error == Error::NONE) {
        for (const auto& identity : request.members) {
            MemberResponse out{identity.member_id, identity.group_instance_id, Error::NONE};
            if (group != nullptr && group->pending_members.erase(identity.member_id) != 0) {
                try_complete_join(*group);
            } else if (group == nullptr || !group->has(identity.member_id)) {
                out.error = Error::UNKNOWN_MEMBER_ID;
            } else {
                remove_member(*group, identity.member_id, "member left the group");
            }
            response->members.push_back(std::move(out));
        }
    }
    env_.send(from, std::move(response));
}

void GroupCoordinator::remove_member(GroupMetadata& group, const std::string& member_id,
                                     const std::string& reason) {
    auto it = group.members.find(member_id);
    KS_ASSERT(it != group.members.end());
    if (it->second.awaiting_join) {
        reply_join_error(*it->second.awaiting_join, Error::UNKNOWN_MEMBER_ID, member_id);
    }
    if (it->second.awaiting_sync) reply_sync(*it->second.awaiting_sync, Error::UNKNOWN_MEMBER_ID);
    group.members.erase(it);
    group.pending_sync_members.erase(member_id);
    if (group.leader_id == member_id) {
        group.leader_id.reset();
        if (!group.members.empty()) group.leader_id = group.members.begin()->first;
    }
    env_.note("group " + group.group_id() + ": removed " + member_id + " (" + reason + ")");
    switch (group.state()) {
        case GroupState::Dead:
        case GroupState::Empty: return;
        case GroupState::Stable:
        case GroupState::CompletingRebalance: prepare_rebalance(group, reason); return;
        case GroupState::PreparingRebalance: try_complete_join(group); return;
    }
}

void GroupCoordinator::arm_session_timer(GroupMetadata& group, MemberMetadata& member) {
    if (member.session_timer_armed) return;
    member.session_timer_armed = true;
    TimerEntry entry{TimerKind::Session, group.group_id(), member.member_id, group.incarnation};
    const sim::Time deadline = member.last_heartbeat + sim::from_ms(member.session_timeout_ms);
    env_.start_timer(std::max<sim::Duration>(deadline - env_.now(), 1), timer_tag(entry));
}

void GroupCoordinator::on_session_timer(const TimerEntry& entry) {
    GroupMetadata* group = find_group(entry.group_id);
    if (group == nullptr || group->incarnation != entry.token) return;
    auto it = group->members.find(entry.member_id);
    if (it == group->members.end()) {
        // A KIP-394 pending member that never joined with its id.
        if (group->pending_members.erase(entry.member_id) != 0) try_complete_join(*group);
        return;
    }
    MemberMetadata& member = it->second;
    member.session_timer_armed = false;
    // Members held in JoinGroup/SyncGroup cannot heartbeat (Kafka's hasSatisfiedHeartbeat).
    if (member.awaiting_join || member.awaiting_sync) member.last_heartbeat = env_.now();
    if (env_.now() < member.last_heartbeat + sim::from_ms(member.session_timeout_ms)) {
        arm_session_timer(*group, member);
        return;
    }
    hit(env_, Probe::GroupMemberSessionExpired);
    remove_member(*group, entry.member_id, "session timeout expired");
}

void GroupCoordinator::on_sync_timer(const TimerEntry& entry) {
    GroupMetadata* group = find_group(entry.group_id);
    if (group == nullptr || group->incarnation != entry.token ||
        group->generation_id != entry.generation_id || group->pending_sync_members.empty()) {
        return;
    }
    if (!group->is(GroupState::CompletingRebalance) && !group->is(GroupState::Stable)) return;
    hit(env_, Probe::GroupMembersRemovedNotSyncing);
    const std::set<std::string> late = group->pending_sync_members;
    for (const auto& id : late) {
        if (group->has(id)) remove_member(*group, id, "no SyncGroup within the rebalance timeout");
    }
}

void GroupCoordinator::start_group_timer(TimerKind kind, GroupMetadata& group,
                                         sim::Duration after, const std::string& member_id) {
    TimerEntry entry{kind, group.group_id(), member_id, group.incarnation};
    entry.generation_id = group.generation_id;
    if (kind == TimerKind::Rebalance) entry.token = group.rebalance_token;
    env_.start_timer(after, timer_tag(std::move(entry)));
}

uint64_t GroupCoordinator::timer_tag(TimerEntry entry) {
    const uint64_t id = next_timer_id_++;
    timers_.emplace(id, std::move(entry));
    return make_timer_tag(TimerComponent::Group, id);
}

void GroupCoordinator::on_timer(uint64_t tag) {
    auto it = timers_.find(timer_payload(tag));
    if (it == timers_.end()) return;
    const TimerEntry entry = std::move(it->second);
    timers_.erase(it);
    switch (entry.kind) {
        case TimerKind::Session: on_session_timer(entry); return;
        case TimerKind::Rebalance: on_rebalance_timer(entry); return;
        case TimerKind::Sync: on_sync_timer(entry); return;
        case TimerKind::Load: runtime_.load(entry.partition); return;
    }
}

void GroupCoordinator::store_group(GroupMetadata& group, HeldRequest reply) {
    std::vector<Record> records{
        group_metadata_record(group.group_id(), group.to_value(sim::to_ms(env_.now())))};
    PendingAppend pending;
    pending.kind = AppendKind::StoreGroup;
    pending.group_id = group.group_id();
    pending.reply = reply;
    pending.generation_id = group.generation_id;
    append_to_offsets_topic(group.group_id(), std::move(records), std::move(pending));
}

}  // namespace core::group
