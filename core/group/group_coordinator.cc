// GroupCoordinator: request routing, JoinGroup (KIP-394 member ids, the initial and the
// regular rebalance delays, protocol selection, leader choice) and SyncGroup (the leader's
// assignment is stored in __consumer_offsets before anyone receives theirs).

#include "core/group/group_coordinator.h"

#include "core/broker/replica_manager.h"
#include "core/common/probes.h"
#include "core/common/timer_tags.h"

namespace core::group {

using namespace core::protocol;

GroupCoordinator::GroupCoordinator(sim::NodeEnv& env, const config::BrokerConfig& config,
                                   broker::ReplicaManager& replica_manager,
                                   broker::ReplicaManagerHost& host)
    : env_(env),
      config_(config),
      runtime_(env, replica_manager, host, *this,
               {.name = "group coordinator",
                .topic = std::string(kOffsetsTopic),
                .num_partitions = config.offsets_topic_num_partitions,
                .replication_factor = config.offsets_topic_replication_factor,
                .configs = {{"cleanup.policy", "compact"},
                            {"segment.bytes", std::to_string(config.offsets_topic_segment_bytes)}},
                .min_insync_replicas = -1}) {}

GroupCoordinator::~GroupCoordinator() = default;

bool GroupCoordinator::handle_request(sim::NodeId from, const sim::MessagePtr& message) {
    const auto* kafka = dynamic_cast<const KafkaMessage*>(message.get());
    if (kafka == nullptr || kafka->is_response()) return false;
    switch (kafka->api_key()) {
        case ApiKey::FindCoordinator:
            handle_find_coordinator(from, static_cast<const FindCoordinatorRequest&>(*kafka));
            return true;
        case ApiKey::JoinGroup:
            handle_join_group(from, static_cast<const JoinGroupRequest&>(*kafka));
            return true;
        case ApiKey::SyncGroup:
            handle_sync_group(from, static_cast<const SyncGroupRequest&>(*kafka));
            return true;
        case ApiKey::Heartbeat:
            handle_heartbeat(from, static_cast<const HeartbeatRequest&>(*kafka));
            return true;
        case ApiKey::LeaveGroup:
            handle_leave_group(from, static_cast<const LeaveGroupRequest&>(*kafka));
            return true;
        case ApiKey::OffsetCommit:
            handle_offset_commit(from, static_cast<const OffsetCommitRequest&>(*kafka));
            return true;
        case ApiKey::TxnOffsetCommit:
            handle_txn_offset_commit(from, static_cast<const TxnOffsetCommitRequest&>(*kafka));
            return true;
        case ApiKey::OffsetFetch:
            handle_offset_fetch(from, static_cast<const OffsetFetchRequest&>(*kafka));
            return true;
        default: return false;
    }
}

void GroupCoordinator::reply_join_error(const HeldRequest& to, Error error,
                                        const std::string& member_id) {
    auto response = std::make_shared<JoinGroupResponse>();
    response->correlation_id = to.correlation_id;
    response->error = error;
    response->member_id = member_id;
    env_.send(to.node, std::move(response));
}

void GroupCoordinator::handle_join_group(sim::NodeId from, const JoinGroupRequest& request) {
    const HeldRequest held{from, request.correlation_id};
    Error error = coordinator_error(request.group_id);
    if (request.group_id.empty()) error = Error::INVALID_GROUP_ID;
    if (error == Error::NONE &&
        (request.session_timeout_ms < config_.group_min_session_timeout_ms ||
         request.session_timeout_ms > config_.group_max_session_timeout_ms)) {
        error = Error::INVALID_SESSION_TIMEOUT;
    }
    if (error != Error::NONE) {
        reply_join_error(held, error, request.member_id);
        return;
    }
    if (request.member_id.empty()) {
        join_unknown_member(get_or_create_group(request.group_id), from, request);
        return;
    }
    GroupMetadata* group = find_group(request.group_id);
    if (group == nullptr) {
        reply_join_error(held, Error::UNKNOWN_MEMBER_ID, request.member_id);
        return;
    }
    join_known_member(*group, from, request);
}

void GroupCoordinator::join_unknown_member(GroupMetadata& group, sim::NodeId from,
                                           const JoinGroupRequest& request) {
    const HeldRequest held{from, request.correlation_id};
    if (group.is(GroupState::Dead)) return reply_join_error(held, Error::COORDINATOR_NOT_AVAILABLE);
    if (!group.supports_protocols(request.protocol_type, request.protocols)) {
        return reply_join_error(held, Error::INCONSISTENT_GROUP_PROTOCOL);
    }
    if (static_cast<int64_t>(group.members.size() + group.pending_members.size()) >=
        config_.group_max_size) {
        return reply_join_error(held, Error::GROUP_MAX_SIZE_REACHED);
    }
    // KIP-394: hand out the id first, so a client that times out and retries rejoins with
    // the same id instead of leaving an orphan member behind.
    // Kafka appends a random UUID; 64 random bits in hex serve the same purpose.
    std::string suffix = "-";
    const uint64_t random = env_.rng().next();
    for (int shift = 60; shift >= 0; shift -= 4) {
        suffix += "0123456789abcdef"[(random >> shift) & 15];
    }
    const std::string member_id =
        (request.client_id.empty() ? std::string("consumer") : request.client_id) + suffix;
    group.pending_members.insert(member_id);
    TimerEntry entry{TimerKind::Session, group.group_id(), member_id, group.incarnation};
    env_.start_timer(sim::from_ms(request.session_timeout_ms), timer_tag(entry));
    hit(env_, Probe::GroupMemberIdRequired);
    reply_join_error(held, Error::MEMBER_ID_REQUIRED, member_id);
}

void GroupCoordinator::join_known_member(GroupMetadata& group, sim::NodeId from,
                                         const JoinGroupRequest& request) {
    const HeldRequest held{from, request.correlation_id};
    if (group.is(GroupState::Dead)) {
        return reply_join_error(held, Error::COORDINATOR_NOT_AVAILABLE, request.member_id);
    }
    if (!group.supports_protocols(request.protocol_type, request.protocols)) {
        return reply_join_error(held, Error::INCONSISTENT_GROUP_PROTOCOL, request.member_id);
    }
    if (group.pending_members.count(request.member_id) != 0) {
        add_member_and_rebalance(group, from, request);
        return;
    }
    auto it = group.members.find(request.member_id);
    if (it == group.members.end()) {
        return reply_join_error(held, Error::UNKNOWN_MEMBER_ID, request.member_id);
    }
    MemberMetadata& member = it->second;
    const bool same_protocols = [&] {
        if (member.protocols.size() != request.protocols.size()) return false;
        for (size_t i = 0; i < member.protocols.size(); ++i) {
            const auto& a = member.protocols[i];
            const auto& b = request.protocols[i];
            if (a.name != b.name || a.metadata.topics != b.metadata.topics ||
                a.metadata.owned_partitions != b.metadata.owned_partitions) {
                return false;
            }
        }
        return true;
    }();
    const bool is_leader = group.leader_id == member.member_id;
    const bool rejoin_needed = group.is(GroupState::PreparingRebalance) || !same_protocols ||
                               (group.is(GroupState::Stable) && is_leader);
    member.protocols = request.protocols;
    member.session_timeout_ms = request.session_timeout_ms;
    member.rebalance_timeout_ms = request.rebalance_timeout_ms;
    if (!rejoin_needed) {
        // A duplicate join of the current generation: answer it as the join did.
        member.awaiting_join = held;
        send_join_response(group, member);
        return;
    }
    member.awaiting_join = held;
    maybe_prepare_rebalance(group, "member " + member.member_id + " rejoined");
    try_complete_join(group);
}

void GroupCoordinator::add_member_and_rebalance(GroupMetadata& group, sim::NodeId from,
                                                const JoinGroupRequest& request) {
    MemberMetadata member;
    member.member_id = request.member_id;
    member.group_instance_id = request.group_instance_id;
    member.client_id = request.client_id;
    member.session_timeout_ms = request.session_timeout_ms;
    member.rebalance_timeout_ms = request.rebalance_timeout_ms;
    member.protocols = request.protocols;
    member.awaiting_join = HeldRequest{from, request.correlation_id};
    member.is_new = true;
    member.last_heartbeat = env_.now();
    group.pending_members.erase(request.member_id);
    if (group.members.empty()) group.protocol_type = request.protocol_type;
    if (!group.leader_id) group.leader_id = request.member_id;
    group.members.emplace(member.member_id, std::move(member));
    if (group.in_initial_delay) group.new_member_added = true;
    maybe_prepare_rebalance(group, "new member " + request.member_id + " joined");
    try_complete_join(group);
}

void GroupCoordinator::maybe_prepare_rebalance(GroupMetadata& group, const std::string& reason) {
    if (group.is(GroupState::Stable) || group.is(GroupState::CompletingRebalance) ||
        group.is(GroupState::Empty)) {
        prepare_rebalance(group, reason);
    }
}

void GroupCoordinator::prepare_rebalance(GroupMetadata& group, const std::string& reason) {
    if (group.is(GroupState::CompletingRebalance)) {
        // Kafka's resetAndPropagateAssignmentError: held syncs learn a new round started.
        for (auto& [id, m] : group.members) {
            if (m.awaiting_sync) reply_sync(*m.awaiting_sync, Error::REBALANCE_IN_PROGRESS);
            m.awaiting_sync.reset();
        }
    }
    group.pending_sync_members.clear();
    const bool was_empty = group.is(GroupState::Empty);
    group.transition_to(GroupState::PreparingRebalance);
    env_.note("group " + group.group_id() + ": preparing rebalance in generation " +
              std::to_string(group.generation_id) + " (" + reason + ")");
    group.rebalance_token = next_token_++;
    const int32_t timeout_ms = std::max(group.rebalance_timeout_ms(), 1);
    if (was_empty && config_.group_initial_rebalance_delay_ms > 0) {
        // Kafka's InitialDelayedJoin: wait for more members before the first generation.
        const int32_t delay = std::min(config_.group_initial_rebalance_delay_ms, timeout_ms);
        group.in_initial_delay = true;
        group.new_member_added = false;
        group.initial_delay_remaining_ms = std::max(timeout_ms - delay, 0);
        start_group_timer(TimerKind::Rebalance, group, sim::from_ms(delay));
        return;
    }
    group.in_initial_delay = false;
    start_group_timer(TimerKind::Rebalance, group, sim::from_ms(timeout_ms));
}

void GroupCoordinator::on_rebalance_timer(const TimerEntry& entry) {
    GroupMetadata* group = find_group(entry.group_id);
    if (group == nullptr || group->rebalance_token != entry.token ||
        !group->is(GroupState::PreparingRebalance)) {
        return;
    }
    if (group->in_initial_delay && group->new_member_added &&
        group->initial_delay_remaining_ms > 0) {
        const int32_t delay =
            std::min(config_.group_initial_rebalance_delay_ms, group->initial_delay_remaining_ms);
        group->initial_delay_remaining_ms -= delay;
        group->new_member_added = false;
        group->rebalance_token = next_token_++;
        start_group_timer(TimerKind::Rebalance, *group, sim::from_ms(delay));
        return;
    }
    group->in_initial_delay = false;
    complete_join(*group);
}

void GroupCoordinator::try_complete_join(GroupMetadata& group) {
    if (group.is(GroupState::PreparingRebalance) && !group.in_initial_delay &&
        group.all_members_joined()) {
        complete_join(group);
    }
}

void GroupCoordinator::complete_join(GroupMetadata& group) {
    KS_ASSERT(group.is(GroupState::PreparingRebalance));
    std::vector<std::string> not_rejoined;
    for (const auto& [id, m] : group.members) {
        if (!m.awaiting_join) not_rejoined.push_back(id);
    }
    for (const auto& id : not_rejoined) {
        hit(env_, Probe::GroupMemberRemovedNotRejoining);
        group.members.erase(id);
    }
    if (group.leader_id && !group.has(*group.leader_id)) group.leader_id.reset();
    group.rebalance_token = next_token_++;  // any pending delay is now stale
    ++group.generation_id;
    if (group.members.empty()) {
        group.protocol_name.clear();
        group.leader_id.reset();
        group.transition_to(GroupState::Empty);
        env_.note("group " + group.group_id() + ": empty in generation " +
                  std::to_string(group.generation_id));
        store_group(group, HeldRequest{});
        return;
    }
    group.protocol_name = group.select_protocol();
    if (!group.leader_id) group.leader_id = group.members.begin()->first;
    group.transition_to(GroupState::CompletingRebalance);
    env_.note("group " + group.group_id() + ": generation " +
              std::to_string(group.generation_id) + " with " +
              std::to_string(group.members.size()) + " members, protocol " +
              group.protocol_name + ", leader " + *group.leader_id);
    for (auto& [id, m] : group.members) {
        send_join_response(group, m);
        group.pending_sync_members.insert(id);
    }
    start_group_timer(TimerKind::Sync, group,
                      sim::from_ms(std::max(group.rebalance_timeout_ms(), 1)));
}

void GroupCoordinator::send_join_response(GroupMetadata& group, MemberMetadata& member) {
    KS_ASSERT(member.awaiting_join.has_value());
    auto response = std::make_shared<JoinGroupResponse>();
    response->correlation_id = member.awaiting_join->correlation_id;
    response->generation_id = group.generation_id;
    response->protocol_type = group.protocol_type;
    response->protocol_name = group.protocol_name;
    response->leader = group.leader_id.value_or("");
    response->member_id = member.member_id;
    if (group.leader_id == member.member_id) {
        for (const auto& [id, m] : group.members) {
            const ConsumerProtocolSubscription* metadata = m.metadata_for(group.protocol_name);
            KS_ASSERT(metadata != nullptr);
            response->members.push_back({id, m.group_instance_id, *metadata});
        }
    }
    env_.send(member.awaiting_join->node, std::move(response));
    member.awaiting_join.reset();
    member.is_new = false;
    member.last_heartbeat = env_.now();
    arm_session_timer(group, member);
}

void GroupCoordinator::reply_sync(const HeldRequest& to, Error error, const GroupMetadata* group,
                                  const MemberMetadata* member) {
    auto response = std::make_shared<SyncGroupResponse>();
    response->correlation_id = to.correlation_id;
    response->error = error;
    if (group != nullptr && member != nullptr && error == Error::NONE) {
        response->protocol_type = group->protocol_type;
        response->protocol_name = group->protocol_name;
        response->assignment = member->assignment;
    }
    env_.send(to.node, std::move(response));
}

void GroupCoordinator::handle_sync_group(sim::NodeId from, const SyncGroupRequest& request) {
    const HeldRequest held{from, request.correlation_id};
    Error error = coordinator_error(request.group_id);
    GroupMetadata* group = error == Error::NONE ? find_group(request.group_id) : nullptr;
    if (error == Error::NONE) {
        if (group == nullptr || !group->has(request.member_id)) {
            error = Error::UNKNOWN_MEMBER_ID;
        } else if (group->is(GroupState::Dead)) {
            error = Error::COORDINATOR_NOT_AVAILABLE;
        } else if (request.generation_id != group->generation_id) {
            error = Error::ILLEGAL_GENERATION;
        } else if (group->is(GroupState::Empty)) {
            error = Error::UNKNOWN_MEMBER_ID;
        } else if (group->is(GroupState::PreparingRebalance)) {
            error = Error::REBALANCE_IN_PROGRESS;
        } else if (!request.protocol_name.empty() &&
                   request.protocol_name != group->protocol_name) {
            error = Error::INCONSISTENT_GROUP_PROTOCOL;
        }
    }
    if (error != Error::NONE) return reply_sync(held, error);
    MemberMetadata& member = group->members.at(request.member_id);
    group->pending_sync_members.erase(request.member_id);
    if (group->is(GroupState::Stable)) return reply_sync(held, Error::NONE, group, &member);
    member.awaiting_sync = held;
    if (group->leader_id == request.member_id && !group->storing_assignment) {
        store_assignment(*group, request);
    }
}

void GroupCoordinator::store_assignment(GroupMetadata& group, const SyncGroupRequest& request) {
    for (auto& [id, m] : group.members) m.assignment = {};
    for (const auto& a : request.assignments) {
        auto it = group.members.find(a.member_id);
        if (it != group.members.end()) it->second.assignment = a.assignment;
    }
    group.storing_assignment = true;
    store_group(group, HeldRequest{});
}

void GroupCoordinator::on_assignment_stored(GroupMetadata& group, int32_t generation,
                                            Error error) {
    group.storing_assignment = false;
    if (!group.is(GroupState::CompletingRebalance) || group.generation_id != generation) return;
    if (error != Error::NONE) {
        for (auto& [id, m] : group.members) {
            m.assignment = {};
            if (m.awaiting_sync) reply_sync(*m.awaiting_sync, error);
            m.awaiting_sync.reset();
        }
        prepare_rebalance(group, "storing the assignment failed");
        return;
    }
    for (auto& [id, m] : group.members) {
        if (!m.awaiting_sync) continue;
        reply_sync(*m.awaiting_sync, Error::NONE, &group, &m);
        m.awaiting_sync.reset();
        m.last_heartbeat = env_.now();
    }
    group.transition_to(GroupState::Stable);
    env_.note("group " + group.group_id() + ": stable in generation " +
              std::to_string(generation));
}

}  // namespace core::group
