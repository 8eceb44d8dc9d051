// GroupMember: finding the coordinator, JoinGroup/SyncGroup, the leader's assignment,
// heartbeats, the poll timeout, and the errors that send a member back to rejoin.

#include "core/client/group_member.h"

#include <algorithm>

#include "core/client/metadata_cache.h"
#include "core/client/network_client.h"
#include "core/common/probes.h"
#include "core/config/client_config.h"
#include "core/client/assignor/assignor.h"
#include "core/protocol/group.h"
#include "sim/assert.h"

namespace core::client {

using namespace core::protocol;

namespace {
constexpr uint64_t kTickTag = 1;
constexpr sim::Duration kTickPeriod = 100 * sim::kMillisecond;

bool is_coordinator_error(Error error) {
    return error == Error::NOT_COORDINATOR || error == Error::COORDINATOR_NOT_AVAILABLE ||
           error == Error::NETWORK_EXCEPTION || error == Error::REQUEST_TIMED_OUT;
}
}  // namespace

GroupMemberOptions group_member_options(const config::ConsumerConfig& config) {
    KS_ASSERT(config.group_id.has_value());
    GroupMemberOptions options;
    options.group_id = *config.group_id;
    options.group_instance_id = config.group_instance_id;
    if (!config.client_id.empty()) options.client_id = config.client_id;
    options.session_timeout = sim::from_ms(config.session_timeout_ms);
    options.heartbeat_interval = sim::from_ms(config.heartbeat_interval_ms);
    options.max_poll_interval = sim::from_ms(config.max_poll_interval_ms);
    if (!config.partition_assignment_strategy.empty()) {
        options.assignors.clear();
        for (const auto& name : config.partition_assignment_strategy) {
            auto assignor = make_assignor(name);
            if (assignor) options.assignors.emplace_back(assignor->name());
        }
    }
    options.enable_auto_commit = config.enable_auto_commit;
    options.auto_commit_interval = sim::from_ms(config.auto_commit_interval_ms);
    options.retry_backoff = sim::from_ms(config.retry_backoff_ms);
    options.default_api_timeout = sim::from_ms(config.default_api_timeout_ms);
    return options;
}

GroupMember::GroupMember(sim::NodeEnv& env, Consumer& consumer, uint64_t tag_base,
                         GroupMemberOptions options)
    : env_(env), consumer_(consumer), tag_base_(tag_base), options_(std::move(options)) {
    KS_ASSERT(!options_.assignors.empty());
}

GroupMember::~GroupMember() { env_.cancel_timer(tick_timer_); }

void GroupMember::subscribe(std::vector<std::string> topics, ConsumerRebalanceListener* listener) {
    std::sort(topics.begin(), topics.end());
    topics_ = std::move(topics);
    listener_ = listener;
    for (const auto& topic : topics_) consumer_.mutable_metadata().add_topic(topic);
    rejoin_needed_ = true;
    last_poll_ = env_.now();
    next_auto_commit_ = env_.now() + options_.auto_commit_interval;
    start_tick(0);
}

std::vector<ConsumerRecord> GroupMember::poll() {
    const sim::Time now = env_.now();
    last_poll_ = now;
    if (closing_ || fatal_error_ != Error::NONE) return {};
    maybe_auto_commit(now);
    ensure_active_group();
    std::vector<ConsumerRecord> records = consumer_.poll();
    // Records of partitions not (or no longer) owned never reach the application.
    records.erase(std::remove_if(records.begin(), records.end(),
                                 [&](const ConsumerRecord& r) {
                                     return owned_.count({r.topic, r.partition}) == 0;
                                 }),
                  records.end());
    return records;
}

void GroupMember::start_tick(sim::Duration after) {
    env_.cancel_timer(tick_timer_);
    tick_timer_ = env_.start_timer(after, tag_base_ + kTickTag);
}

bool GroupMember::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    return consumer_.on_message(from, message);
}

bool GroupMember::on_timer(uint64_t tag) {
    if (tag == tag_base_ + kTickTag) {
        tick_timer_ = {};
        tick();
        start_tick(kTickPeriod);
        return true;
    }
    return consumer_.on_timer(tag);
}

void GroupMember::on_disconnected(sim::NodeId peer) {
    consumer_.on_disconnected(peer);
    if (peer == coordinator_) mark_coordinator_unknown("disconnected");
}

void GroupMember::tick() {
    if (topics_.empty() || fatal_error_ != Error::NONE) return;
    const sim::Time now = env_.now();
    if (coordinator_ == sim::kNoNode) {
        lookup_coordinator();
        return;
    }
    retry_commits();
    if (state_ == MemberState::Stable && !awaiting_positions_.empty()) fetch_committed_offsets();
    if (state_ == MemberState::CompletingRebalance && leader_join_) perform_assignment();
    if (state_ != MemberState::Stable && state_ != MemberState::CompletingRebalance) return;
    if (now - last_poll_ > options_.max_poll_interval) {
        // Kafka's heartbeat thread: the application stopped polling, so give the partitions
        // to someone who is.
        hit(env_, Probe::ConsumerPollTimeoutLeave);
        maybe_leave_group("consumer poll timeout has expired");
        return;
    }
    if (now - last_heartbeat_ok_ > options_.session_timeout) {
        mark_coordinator_unknown("heartbeat session expired");
        return;
    }
    if (!heartbeat_in_flight_ && now - last_heartbeat_sent_ >= options_.heartbeat_interval) {
        send_heartbeat();
    }
}

void GroupMember::lookup_coordinator() {
    const sim::Time now = env_.now();
    if (lookup_in_flight_ || now < lookup_not_before_) return;
    std::vector<sim::NodeId> brokers = consumer_.metadata().brokers();
    if (brokers.empty()) return;
    auto request = std::make_shared<FindCoordinatorRequest>();
    request->key = options_.group_id;
    lookup_in_flight_ = true;
    const sim::NodeId to = consumer_.network().least_loaded(brokers);
    consumer_.network().send(to, request, [this](const KafkaMessage* m, Error error) {
        lookup_in_flight_ = false;
        const auto* r = static_cast<const FindCoordinatorResponse*>(m);
        if (error == Error::NONE) error = r->error;
        if (error != Error::NONE) {
            lookup_not_before_ = env_.now() + options_.retry_backoff;
            return;
        }
        coordinator_ = r->node_id;
        last_heartbeat_ok_ = env_.now();
        env_.note("group member: coordinator is broker " + std::to_string(coordinator_));
    });
}

void GroupMember::mark_coordinator_unknown(const char* why) {
    if (coordinator_ == sim::kNoNode) return;
    env_.note(std::string("group member: coordinator unknown (") + why + ")");
    coordinator_ = sim::kNoNode;
    lookup_not_before_ = env_.now() + options_.retry_backoff;
    // A join or sync that was in flight is answered with an error, or lost: rejoin.
    if (state_ == MemberState::PreparingRebalance || state_ == MemberState::CompletingRebalance) {
        state_ = MemberState::Unjoined;
        join_in_flight_ = false;
        leader_join_.reset();
        rejoin_needed_ = true;
    }
}

void GroupMember::ensure_active_group() {
    if (!rejoin_needed_ && state_ != MemberState::Unjoined) return;
    if (coordinator_ == sim::kNoNode) {
        lookup_coordinator();
        return;
    }
    if (join_in_flight_ || state_ == MemberState::CompletingRebalance) return;
    if (env_.now() < rejoin_not_before_ || prepare_commit_in_flight_) return;
    if (!join_prepared_) {
        on_join_prepare();
        if (!join_prepared_) return;
    }
    send_join_group();
}

void GroupMember::on_join_prepare() {
    if (generation_id_ < 0) {
        lose_partitions();
        join_prepared_ = true;
        return;
    }
    if (options_.enable_auto_commit && state_ == MemberState::Stable && !owned_.empty() &&
        !prepare_commit_done_) {
        // Kafka's maybeAutoCommitOffsetsSync before revoking: hand over our progress.
        prepare_commit_in_flight_ = true;
        CommitRequest request;
        request.offsets = consumed_positions();
        request.callback = [this](Error) {
            prepare_commit_in_flight_ = false;
            prepare_commit_done_ = true;
        };
        send_commit(std::move(request));
        return;
    }
    prepare_commit_done_ = false;
    join_prepared_ = true;
    const std::string& name = protocol_name_.empty() ? options_.assignors.front() : protocol_name_;
    if (make_assignor(name)->protocol() == RebalanceProtocol::Eager) {
        // EAGER: give everything back before joining; COOPERATIVE keeps it (KIP-429).
        std::vector<TopicPartition> revoked(owned_.begin(), owned_.end());
        owned_.clear();
        awaiting_positions_.clear();
        consumer_.assign({});
        if (listener_ != nullptr && !revoked.empty()) listener_->on_partitions_revoked(revoked);
    }
}

void GroupMember::lose_partitions() {
    std::vector<TopicPartition> lost(owned_.begin(), owned_.end());
    owned_.clear();
    awaiting_positions_.clear();
    consumer_.assign({});
    if (listener_ != nullptr && !lost.empty()) {
        hit(env_, Probe::ConsumerPartitionsLost);
        listener_->on_partitions_lost(lost);
    }
}

void GroupMember::send_join_group() {
    auto request = std::make_shared<JoinGroupRequest>();
    request->group_id = options_.group_id;
    request->session_timeout_ms = static_cast<int32_t>(sim::to_ms(options_.session_timeout));
    request->rebalance_timeout_ms = static_cast<int32_t>(sim::to_ms(options_.max_poll_interval));
    request->member_id = member_id_;
    request->group_instance_id = options_.group_instance_id;
    request->client_id = options_.client_id;
    ConsumerProtocolSubscription subscription;
    subscription.topics = topics_;
    subscription.owned_partitions.assign(owned_.begin(), owned_.end());
    subscription.generation_id = generation_id_;
    for (const auto& name : options_.assignors) request->protocols.push_back({name, subscription});
    join_in_flight_ = true;
    rejoin_needed_ = false;
    state_ = MemberState::PreparingRebalance;
    const sim::NodeId to = coordinator_;
    consumer_.network().send(to, request, [this, to](const KafkaMessage* m, Error error) {
        if (to != coordinator_) return;
        on_join_response(static_cast<const JoinGroupResponse*>(m), error);
    });
}

void GroupMember::on_join_response(const JoinGroupResponse* r, Error error) {
    join_in_flight_ = false;
    if (error == Error::NONE) error = r->error;
    if (error == Error::MEMBER_ID_REQUIRED) {
        member_id_ = r->member_id;
        state_ = MemberState::Unjoined;
        rejoin_needed_ = true;
        ensure_active_group();
        return;
    }
    if (error != Error::NONE) {
        // The coordinator moved (or died) while this member was joining.
        if (is_coordinator_error(error)) hit(env_, Probe::CoordinatorFailoverMidJoin);
        state_ = MemberState::Unjoined;
        handle_group_error(error, "join");
        return;
    }
    member_id_ = r->member_id;
    generation_id_ = r->generation_id;
    protocol_name_ = r->protocol_name;
    leader_id_ = r->leader;
    state_ = MemberState::CompletingRebalance;
    last_heartbeat_ok_ = env_.now();
    if (r->leader == r->member_id) {
        leader_join_ = std::make_shared<JoinGroupResponse>(*r);
        leader_waiting_since_ = env_.now();
        perform_assignment();
    } else {
        send_sync_group({});
    }
}

void GroupMember::perform_assignment() {
    KS_ASSERT(leader_join_ != nullptr);
    PartitionsPerTopic partitions_per_topic;
    std::vector<Subscription> subscriptions;
    bool missing = false;
    for (const auto& m : leader_join_->members) {
        Subscription s{m.member_id, m.group_instance_id, m.metadata.topics,
                              m.metadata.owned_partitions, std::nullopt};
        if (m.metadata.generation_id >= 0) s.generation = m.metadata.generation_id;
        for (const auto& topic : m.metadata.topics) {
            consumer_.mutable_metadata().add_topic(topic);
            const int32_t count = consumer_.metadata().partition_count(topic);
            if (count > 0) {
                partitions_per_topic[topic] = count;
            } else {
                missing = true;
            }
        }
        subscriptions.push_back(std::move(s));
    }
    // Wait a little for metadata of subscribed topics (Kafka's leader refreshes first).
    if (missing && env_.now() - leader_waiting_since_ < options_.session_timeout / 2) {
        consumer_.mutable_metadata().request_update();
        return;
    }
    auto assignor = make_assignor(leader_join_->protocol_name);
    KS_ASSERT(assignor != nullptr);
    leader_join_.reset();
    send_sync_group(assignor->assign(partitions_per_topic, subscriptions));
}

void GroupMember::send_sync_group(
    const std::map<std::string, std::vector<TopicPartition>>& assignment) {
    auto request = std::make_shared<SyncGroupRequest>();
    request->group_id = options_.group_id;
    request->generation_id = generation_id_;
    request->member_id = member_id_;
    request->group_instance_id = options_.group_instance_id;
    request->protocol_name = protocol_name_;
    for (const auto& [member, partitions] : assignment) {
        request->assignments.push_back({member, {partitions}});
    }
    const sim::NodeId to = coordinator_;
    const int32_t generation = generation_id_;
    consumer_.network().send(to, request, [this, to, generation](const KafkaMessage* m,
                                                                 Error error) {
        if (to != coordinator_ || generation != generation_id_ ||
            state_ != MemberState::CompletingRebalance) {
            return;
        }
        on_sync_response(static_cast<const SyncGroupResponse*>(m), error);
    });
}

void GroupMember::on_sync_response(const SyncGroupResponse* r, Error error) {
    if (error == Error::NONE) error = r->error;
    if (error != Error::NONE) {
        state_ = MemberState::Unjoined;
        handle_group_error(error, "sync");
        return;
    }
    state_ = MemberState::Stable;
    join_prepared_ = false;
    last_heartbeat_ok_ = env_.now();
    last_heartbeat_sent_ = env_.now();
    env_.note("group member: generation " + std::to_string(generation_id_) + " assigned " +
              std::to_string(r->assignment.assigned_partitions.size()) + " partitions");
    on_assignment(r->assignment.assigned_partitions);
}

void GroupMember::send_heartbeat() {
    auto request = std::make_shared<HeartbeatRequest>();
    request->group_id = options_.group_id;
    request->generation_id = generation_id_;
    request->member_id = member_id_;
    request->group_instance_id = options_.group_instance_id;
    heartbeat_in_flight_ = true;
    last_heartbeat_sent_ = env_.now();
    const sim::NodeId to = coordinator_;
    const int32_t generation = generation_id_;
    consumer_.network().send(to, request, [this, to, generation](const KafkaMessage* m,
                                                                 Error error) {
        heartbeat_in_flight_ = false;
        if (to != coordinator_ || generation != generation_id_) return;
        if (error == Error::NONE) error = static_cast<const HeartbeatResponse*>(m)->error;
        if (error == Error::NONE) {
            last_heartbeat_ok_ = env_.now();
            return;
        }
        handle_group_error(error, "heartbeat");
    });
}

void GroupMember::handle_group_error(Error error, const char* during) {
    env_.note(std::string("group member: ") + during + " failed: " +
              std::string(error_name(error)));
    if (is_coordinator_error(error)) {
        mark_coordinator_unknown(during);
        rejoin_needed_ = rejoin_needed_ || state_ != MemberState::Stable;
        return;
    }
    switch (error) {
        case Error::REBALANCE_IN_PROGRESS:
            rejoin_needed_ = true;
            if (state_ != MemberState::Stable) state_ = MemberState::Unjoined;
            return;
        case Error::UNKNOWN_MEMBER_ID: reset_generation(true); return;
        case Error::ILLEGAL_GENERATION:
        case Error::FENCED_INSTANCE_ID: reset_generation(false); return;
        case Error::COORDINATOR_LOAD_IN_PROGRESS:
            rejoin_needed_ = rejoin_needed_ || state_ != MemberState::Stable;
            rejoin_not_before_ = env_.now() + options_.retry_backoff;
            return;
        default:
            env_.note("group member: fatal group error");
            fatal_error_ = error;
            return;
    }
}

void GroupMember::reset_generation(bool reset_member_id) {
    generation_id_ = -1;
    if (reset_member_id) member_id_.clear();
    state_ = MemberState::Unjoined;
    join_prepared_ = false;
    rejoin_needed_ = true;
    leader_join_.reset();
}

void GroupMember::maybe_leave_group(const char* reason) {
    if (coordinator_ != sim::kNoNode && !member_id_.empty()) {
        auto request = std::make_shared<LeaveGroupRequest>();
        request->group_id = options_.group_id;
        request->members.push_back({member_id_, options_.group_instance_id});
        consumer_.network().send(coordinator_, request, [](const KafkaMessage*, Error) {});
        env_.note(std::string("group member: leaving (") + reason + ")");
    }
    reset_generation(true);
}

}  // namespace core::client
