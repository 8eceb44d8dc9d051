#pragma once
// The group coordinator a broker hosts (Kafka's classic GroupCoordinator plus
// GroupMetadataManager): for the __consumer_offsets partitions this broker leads, it runs
// the groups hashed there — JoinGroup/SyncGroup/Heartbeat/LeaveGroup with generations,
// member ids, session and rebalance timeouts — and their offsets, appended to the
// partition with acks=all and reloaded from it when the broker becomes the leader.
//
// The broker feeds it: group and offset requests (handle_request), the answers to its own
// appends (on_produce_response), metadata changes (on_metadata_update) and its timers.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/config/broker_config.h"
#include "core/coordinator/coordinator_runtime.h"
#include "core/group/group_metadata.h"
#include "core/protocol/group.h"
#include "core/protocol/offsets.h"
#include "core/protocol/produce.h"
#include "core/protocol/txn_offsets.h"
#include "sim/node_env.h"

namespace core::broker {
class ReplicaManager;
class ReplicaManagerHost;
}  // namespace core::broker

namespace core::group {

class GroupCoordinator final : private coordinator::CoordinatorShard {
   public:
    GroupCoordinator(sim::NodeEnv& env, const config::BrokerConfig& config,
                     broker::ReplicaManager& replica_manager, broker::ReplicaManagerHost& host);
    ~GroupCoordinator() override;

    /// True when `message` is a group/offset request (then it is answered, now or later).
    bool handle_request(sim::NodeId from, const sim::MessagePtr& message);
    /// The answer to one of our own __consumer_offsets appends.
    void on_produce_response(const protocol::ProduceResponse& response);
    /// Elects or resigns for each __consumer_offsets partition this broker (no longer) leads.
    void on_metadata_update();
    /// TimerComponent::Group timers.
    void on_timer(uint64_t tag);
    /// A COMMIT/ABORT marker of `producer_id` was appended to __consumer_offsets-`partition`
    /// here: its pending transactional offsets there become committed, or are dropped.
    void on_txn_marker(int32_t partition, int64_t producer_id, bool committed);

    /// For tests and checkers: the group if this broker coordinates it and has loaded it.
    const GroupMetadata* group(const std::string& group_id) const;
    /// True when this broker leads and has loaded the group's offsets partition.
    bool is_coordinator_for(const std::string& group_id) const;

   private:
    enum class TimerKind { Session, Rebalance, Sync, Load };
    struct TimerEntry {
        TimerKind kind = TimerKind::Session;
        std::string group_id;
        std::string member_id;
        /// The group incarnation (session/sync), rebalance token, or leader epoch (load).
        uint64_t token = 0;
        int32_t generation_id = -1;
        int32_t partition = -1;
    };
    enum class AppendKind { OffsetCommit, StoreGroup, TxnOffsetCommit };
    struct PendingAppend {
        AppendKind kind = AppendKind::OffsetCommit;
        std::string group_id;
        HeldRequest reply;
        int32_t generation_id = 0;
        std::vector<std::pair<TopicPartition, OffsetAndMetadata>> offsets;
        /// TxnOffsetCommit: the producer whose transaction holds the offsets.
        int64_t producer_id = kNoProducerId;
    };
    /// Offsets a transaction committed and its marker has not settled yet (Kafka's
    /// pendingTransactionalOffsetCommits), per producer, group and partition.
    using PendingTxnOffsets =
        std::map<int64_t, std::map<std::string, std::map<TopicPartition, OffsetAndMetadata>>>;

    // group_coordinator.cc: join and sync.
    void handle_join_group(sim::NodeId from, const protocol::JoinGroupRequest& request);
    void join_unknown_member(GroupMetadata& group, sim::NodeId from,
                             const protocol::JoinGroupRequest& request);
    void join_known_member(GroupMetadata& group, sim::NodeId from,
                           const protocol::JoinGroupRequest& request);
    void add_member_and_rebalance(GroupMetadata& group, sim::NodeId from,
                                  const protocol::JoinGroupRequest& request);
    void maybe_prepare_rebalance(GroupMetadata& group, const std::string& reason);
    void prepare_rebalance(GroupMetadata& group, const std::string& reason);
    void try_complete_join(GroupMetadata& group);
    void complete_join(GroupMetadata& group);
    void send_join_response(GroupMetadata& group, MemberMetadata& member);
    void handle_sync_group(sim::NodeId from, const protocol::SyncGroupRequest& request);
    void store_assignment(GroupMetadata& group, const protocol::SyncGroupRequest& request);
    void on_assignment_stored(GroupMetadata& group, int32_t generation, protocol::Error error);
    void reply_sync(const HeldRequest& to, protocol::Error error,
                    const GroupMetadata* group = nullptr,
                    const MemberMetadata* member = nullptr);
    void reply_join_error(const HeldRequest& to, protocol::Error error,
                          const std::string& member_id = "");

    // group_membership.cc: heartbeats, leaving, timeouts.
    void handle_heartbeat(sim::NodeId from, const protocol::HeartbeatRequest& request);
    void handle_leave_group(sim::NodeId from, const protocol::LeaveGroupRequest& request);
    void remove_member(GroupMetadata& group, const std::string& member_id,
                       const std::string& reason);
    void arm_session_timer(GroupMetadata& group, MemberMetadata& member);
    void on_session_timer(const TimerEntry& entry);
    void on_rebalance_timer(const TimerEntry& entry);
    void on_sync_timer(const TimerEntry& entry);
    void start_group_timer(TimerKind kind, GroupMetadata& group, sim::Duration after,
                           const std::string& member_id = "");
    void store_group(GroupMetadata& group, HeldRequest reply);
    uint64_t timer_tag(TimerEntry entry);

    // group_offsets.cc: FindCoordinator and offsets.
    void handle_find_coordinator(sim::NodeId from, const protocol::FindCoordinatorRequest& r);
    void handle_offset_commit(sim::NodeId from, const protocol::OffsetCommitRequest& request);
    protocol::Error validate_offset_commit(const protocol::OffsetCommitRequest& request);
    void handle_offset_fetch(sim::NodeId from, const protocol::OffsetFetchRequest& request);
    void append_to_offsets_topic(const std::string& group_id,
                                 std::vector<protocol::Record> records, PendingAppend pending,
                                 const protocol::RecordBatch* producer = nullptr);
    void complete_offset_commit(const PendingAppend& pending, protocol::Error error);
    // group_txn_offsets.cc: TxnOffsetCommit and the markers that settle it.
    void handle_txn_offset_commit(sim::NodeId from,
                                  const protocol::TxnOffsetCommitRequest& request);
    void complete_txn_offset_commit(const PendingAppend& pending, protocol::Error error);
    /// True when a transaction holds an unsettled offset for the group's partition.
    bool has_pending_txn_offset(const std::string& group_id, const TopicPartition& tp) const;
    // group_loading.cc: CoordinatorShard, following __consumer_offsets leadership.
    void schedule_load(int32_t partition, sim::Duration delay) override;
    void load_partition(int32_t partition, const log::PartitionLog& log) override;
    void resign_partition(int32_t partition) override;
    int32_t next_correlation_id(protocol::ApiKey api) override;
    /// NONE when this broker serves `group_id`, else NOT_COORDINATOR or
    /// COORDINATOR_LOAD_IN_PROGRESS.
    protocol::Error coordinator_error(const std::string& group_id) const {
        return runtime_.coordinator_error(group_id);
    }
    GroupMetadata* find_group(const std::string& group_id);
    GroupMetadata& get_or_create_group(const std::string& group_id);
    int32_t partition_of(const std::string& group_id) const;

    sim::NodeEnv& env_;
    const config::BrokerConfig& config_;
    std::map<std::string, std::unique_ptr<GroupMetadata>> groups_;
    std::map<uint64_t, TimerEntry> timers_;
    std::map<int32_t, PendingAppend> pending_appends_;
    PendingTxnOffsets pending_txn_offsets_;
    uint64_t next_timer_id_ = 1;
    uint64_t next_token_ = 1;
    int32_t next_correlation_id_ = 1;
    uint64_t next_member_suffix_ = 1;
    coordinator::CoordinatorRuntime runtime_;
};

}  // namespace core::group
