#pragma once
// One replica of one partition on this broker (Kafka's Partition): its log, its role
// (leader or follower) in a leader epoch, the ISR as committed by the controller plus the
// change in flight (KIP-497 maximal ISR), the followers' progress, the high watermark and
// the idempotent producer state.
//
// Invariants (asserted): high watermark <= log end offset; the leader epoch never goes
// back; on the leader the high watermark never decreases within an epoch.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/broker/isr.h"
#include "core/broker/producer_state.h"
#include "core/config/topic_config.h"
#include "core/controller/metadata_image.h"
#include "core/log/partition_log.h"
#include "core/protocol/alter_partition.h"
#include "core/protocol/fetch.h"

namespace core::broker {

enum class ReplicaRole { None, Leader, Follower };
/// Kafka's PartitionState kinds: committed ISR, or a proposal sent to the controller.
enum class IsrState { Committed, PendingExpand, PendingShrink };

struct LeaderAppendResult {
    protocol::Error error = protocol::Error::NONE;
    Offset base_offset = kNoOffset;
    Offset last_offset = kNoOffset;
    /// fsync time to wait before acknowledging (flush.messages / flush.ms).
    sim::Duration flush_latency = 0;
    bool duplicate = false;
};

class Partition {
 public:
    Partition(TopicPartition tp, std::unique_ptr<log::PartitionLog> log, config::TopicConfig config,
              Offset checkpointed_high_watermark);

    const TopicPartition& topic_partition() const { return tp_; }
    ReplicaRole role() const { return role_; }
    int32_t leader_id() const { return leader_id_; }
    int32_t leader_epoch() const { return leader_epoch_; }
    int32_t partition_epoch() const { return partition_epoch_; }
    const std::vector<int32_t>& isr() const { return isr_; }
    IsrState isr_state() const { return isr_state_; }
    Offset high_watermark() const { return high_watermark_; }
    /// Kafka's lastStableOffset: read_committed consumers read below it; the high
    /// watermark, or the first offset of the oldest transaction not yet decided and
    /// replicated, whichever is lower.
    Offset last_stable_offset() const;
    Offset log_end_offset() const { return log_->log_end_offset(); }
    Offset log_start_offset() const { return log_->log_start_offset(); }
    log::PartitionLog& log() { return *log_; }
    const log::PartitionLog& log() const { return *log_; }
    const config::TopicConfig& config() const { return config_; }
    const ProducerStateManager& producer_state() const { return producer_state_; }
    void set_replica_lag_time_max(sim::Duration lag) { replica_lag_time_max_ = lag; }
    const std::map<int32_t, FollowerState>& followers() const { return followers_; }

    /// Applies the committed registration: becomes leader or follower in its epoch, or just
    /// takes the new ISR. Returns true when the role or leader epoch changed.
    bool apply_registration(int32_t self, const controller::PartitionRegistration& reg,
                            sim::Time now);
    /// Stops being a replica (topic deleted or reassigned away).
    void make_offline() { role_ = ReplicaRole::None; }

    // --- leader ---
    LeaderAppendResult append_as_leader(const protocol::RecordBatch& batch, int16_t acks,
                                        int64_t now_ms);
    /// KIP-595 divergence check of a follower fetch; a present() result means "truncate".
    protocol::EpochEndOffset diverging_epoch(int32_t last_fetched_epoch, Offset fetch_offset) const;
    /// Records a follower's fetch; returns true when the high watermark moved.
    bool record_follower_fetch(int32_t follower, Offset fetch_offset, int64_t broker_epoch,
                               sim::Time now);
    /// Moves the high watermark if the (maximal) ISR allows; true when it moved.
    bool maybe_increment_high_watermark(sim::Time now);
    /// An ISR proposal to send, when one is due and none is in flight.
    std::optional<protocol::AlterPartitionData> maybe_expand_isr(
        int32_t follower, const controller::MetadataImage& image);
    std::optional<protocol::AlterPartitionData> maybe_shrink_isr(sim::Time now);
    /// The controller's answer to our proposal (or nullopt when it was lost).
    void on_alter_partition_response(const protocol::AlterPartitionPartitionResponse* response);
    /// acks=all: has every ISR member the records below `required_offset`?
    bool reached(Offset required_offset) const { return high_watermark_ >= required_offset; }

    // --- follower ---
    void append_as_follower(const std::vector<protocol::RecordBatch>& batches, int64_t now_ms);
    void update_follower_high_watermark(Offset leader_high_watermark);
    /// Truncates after a diverging-epoch answer (KIP-101/279/595).
    void truncate_on_divergence(const protocol::EpochEndOffset& diverging);
    /// The leader no longer has our offset: restart at its log start or cut to its HW.
    void reset_out_of_range(Offset fetch_offset, Offset leader_log_start,
                            Offset leader_high_watermark);

    void apply_retention(int64_t now_ms);
    /// Rebuilds producer state from the log (recovery, truncation).
    void rebuild_producer_state();

 private:
    const std::vector<int32_t>& maximal_isr() const;
    protocol::AlterPartitionData proposal(const std::vector<int32_t>& isr) const;
    void set_high_watermark(Offset offset);

    TopicPartition tp_;
    std::unique_ptr<log::PartitionLog> log_;
    config::TopicConfig config_;
    ProducerStateManager producer_state_;
    ReplicaRole role_ = ReplicaRole::None;
    int32_t leader_id_ = -1;
    int32_t leader_epoch_ = kNoLeaderEpoch;
    int32_t partition_epoch_ = -1;
    std::vector<int32_t> replicas_;
    std::vector<int32_t> isr_;
    IsrState isr_state_ = IsrState::Committed;
    std::vector<int32_t> proposed_isr_;
    int32_t self_ = -1;
    Offset high_watermark_ = 0;
    /// Where this leader's epoch starts in the log (followers must reach it to join).
    Offset leader_epoch_start_offset_ = 0;
    std::map<int32_t, FollowerState> followers_;
    /// replica.lag.time.max.ms
    sim::Duration replica_lag_time_max_ = 30 * sim::kSecond;
};

}  // namespace core::broker
