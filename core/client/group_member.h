#pragma once
// The member side of a classic consumer group (Kafka's ConsumerCoordinator and
// AbstractCoordinator) driving a Consumer: subscribe, FindCoordinator, JoinGroup (with the
// KIP-394 member-id round trip), the leader's client-side assignment, SyncGroup,
// heartbeats, max.poll.interval.ms, rebalance callbacks (eager and cooperative), auto and
// manual commits, positions from the committed offsets, and LeaveGroup on close.
//
// Like Kafka, joining happens only inside poll(): an application that stops polling stops
// rejoining; heartbeats and the poll-timeout check run on the member's own timer (Kafka's
// heartbeat thread).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/client/consumer.h"
#include "core/client/wakeup.h"
#include "core/protocol/errors.h"
#include "core/protocol/record.h"
#include "sim/node_env.h"

namespace core::config {
struct ConsumerConfig;
}  // namespace core::config
namespace core::protocol {
class JoinGroupResponse;
class SyncGroupResponse;
class OffsetCommitResponse;
class OffsetFetchResponse;
class KafkaMessage;
}  // namespace core::protocol

namespace core::client {

/// Kafka's ConsumerRebalanceListener; called from inside GroupMember::poll().
class ConsumerRebalanceListener {
   public:
    virtual ~ConsumerRebalanceListener() = default;
    virtual void on_partitions_revoked(const std::vector<TopicPartition>& partitions) = 0;
    virtual void on_partitions_assigned(const std::vector<TopicPartition>& partitions) = 0;
    /// The member fell out of its generation: someone else may own these already.
    virtual void on_partitions_lost(const std::vector<TopicPartition>& partitions) {
        on_partitions_revoked(partitions);
    }
};

struct GroupMemberOptions {
    std::string group_id;
    std::optional<std::string> group_instance_id;
    std::string client_id = "consumer";
    sim::Duration session_timeout = 45 * sim::kSecond;
    sim::Duration heartbeat_interval = 3 * sim::kSecond;
    /// max.poll.interval.ms, also the JoinGroup rebalance timeout.
    sim::Duration max_poll_interval = 300 * sim::kSecond;
    /// partition.assignment.strategy as protocol names, in order of preference.
    std::vector<std::string> assignors = {"range", "cooperative-sticky"};
    bool enable_auto_commit = true;
    sim::Duration auto_commit_interval = 5 * sim::kSecond;
    sim::Duration retry_backoff = 100 * sim::kMillisecond;
    /// default.api.timeout.ms: how long commit_sync keeps retrying.
    sim::Duration default_api_timeout = 60 * sim::kSecond;
};

/// REQUIRES: config.group_id is set.
GroupMemberOptions group_member_options(const config::ConsumerConfig& config);

/// Kafka's MemberState.
enum class MemberState { Unjoined, PreparingRebalance, CompletingRebalance, Stable };

class GroupMember {
   public:
    using CommitCallback = std::function<void(protocol::Error)>;

    /// Shares `consumer`'s connections.
    GroupMember(sim::NodeEnv& env, Consumer& consumer, GroupMemberOptions options);
    ~GroupMember();
    GroupMember(const GroupMember&) = delete;
    GroupMember& operator=(const GroupMember&) = delete;

    /// KafkaConsumer.subscribe: the group assigns this member partitions of `topics`.
    void subscribe(std::vector<std::string> topics, ConsumerRebalanceListener* listener = nullptr);
    /// KafkaConsumer.poll: auto-commits what the previous poll returned, (re)joins when
    /// needed, and returns the consumer's records for the current assignment.
    std::vector<ConsumerRecord> poll();
    /// Commits the consumer's positions (what poll() returned so far).
    void commit_async(CommitCallback callback = {});
    void commit_async(std::map<TopicPartition, Offset> offsets, CommitCallback callback);
    /// Like commit_async but retries retriable errors until default.api.timeout.ms.
    void commit_sync(CommitCallback callback);
    void commit_sync(std::map<TopicPartition, Offset> offsets, CommitCallback callback);
    /// Auto-commits (when enabled), then leaves the group; `done` runs after both.
    void close(std::function<void()> done = {});

    bool on_message(sim::NodeId from, const sim::MessagePtr& message);
    void on_disconnected(sim::NodeId peer);

    MemberState state() const { return state_; }
    int32_t generation_id() const { return generation_id_; }
    const std::string& member_id() const { return member_id_; }
    bool is_leader() const { return !member_id_.empty() && leader_id_ == member_id_; }
    sim::NodeId coordinator() const { return coordinator_; }
    /// Partitions this member owns (handed to the consumer, positions initialised).
    const std::set<TopicPartition>& owned() const { return owned_; }
    /// A fatal group error (INCONSISTENT_GROUP_PROTOCOL, ...); NONE normally.
    protocol::Error fatal_error() const { return fatal_error_; }
    sim::Time last_poll() const { return last_poll_; }

   private:
    struct CommitRequest {
        std::map<TopicPartition, Offset> offsets;
        CommitCallback callback;
        bool retry = false;
        sim::Time deadline = 0;
        sim::Time not_before = 0;
        /// The generation and member id of the first attempt; retries keep them, so a
        /// retried commit can never land in a later generation that moved the partition.
        std::optional<std::pair<int32_t, std::string>> generation;
    };

    // group_member.cc: coordinator, join, sync, heartbeat.
    void tick();
    void lookup_coordinator();
    void mark_coordinator_unknown(const char* why);
    void ensure_active_group();
    void on_join_prepare();
    void send_join_group();
    void on_join_response(const protocol::JoinGroupResponse* r, protocol::Error error);
    void perform_assignment();
    void send_sync_group(const std::map<std::string, std::vector<TopicPartition>>& assignment);
    void on_sync_response(const protocol::SyncGroupResponse* r, protocol::Error error);
    void send_heartbeat();
    void handle_group_error(protocol::Error error, const char* during);
    void reset_generation(bool reset_member_id);
    void maybe_leave_group(const char* reason);
    void lose_partitions();
    void start_tick(sim::Duration after);
    void on_tick();

    // group_member_commit.cc: commits, committed offsets, assignment hand-over.
    void on_assignment(const std::vector<TopicPartition>& assigned);
    void fetch_committed_offsets();
    void on_offset_fetch_response(const protocol::OffsetFetchResponse* r, protocol::Error error,
                                  int32_t generation);
    void send_commit(CommitRequest request);
    void on_commit_response(CommitRequest request, const protocol::OffsetCommitResponse* r,
                            protocol::Error error);
    void retry_commits();
    std::map<TopicPartition, Offset> consumed_positions() const;
    void maybe_auto_commit(sim::Time now);

    sim::NodeEnv& env_;
    Consumer& consumer_;
    GroupMemberOptions options_;
    std::vector<std::string> topics_;
    ConsumerRebalanceListener* listener_ = nullptr;

    MemberState state_ = MemberState::Unjoined;
    std::string member_id_;
    int32_t generation_id_ = -1;
    std::string protocol_name_;
    std::string leader_id_;
    bool rejoin_needed_ = false;
    bool join_in_flight_ = false;
    bool join_prepared_ = false;
    bool prepare_commit_in_flight_ = false;
    bool prepare_commit_done_ = false;
    std::shared_ptr<const protocol::JoinGroupResponse> leader_join_;
    sim::Time leader_waiting_since_ = 0;
    sim::Time rejoin_not_before_ = 0;

    sim::NodeId coordinator_ = sim::kNoNode;
    bool lookup_in_flight_ = false;
    sim::Time lookup_not_before_ = 0;
    bool heartbeat_in_flight_ = false;
    sim::Time last_heartbeat_sent_ = 0;
    sim::Time last_heartbeat_ok_ = 0;
    sim::Time last_poll_ = 0;

    std::set<TopicPartition> owned_;
    /// Assigned in the current generation but waiting for their committed offsets.
    std::set<TopicPartition> awaiting_positions_;
    bool offset_fetch_in_flight_ = false;
    sim::Time offset_fetch_not_before_ = 0;
    std::vector<CommitRequest> commits_to_retry_;
    sim::Time next_auto_commit_ = 0;
    bool closing_ = false;
    protocol::Error fatal_error_ = protocol::Error::NONE;
    /// The heartbeat loop (Kafka's AbstractCoordinator.HeartbeatThread polls in a loop):
    /// the client's one wake-up mechanism, re-armed kTickPeriod after each tick.
    Wakeup tick_{env_, [this] { on_tick(); }};
};

}  // namespace core::client
