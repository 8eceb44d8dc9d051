#include "core/broker/partition.h"

#include <algorithm>

#include "core/protocol/produce.h"

namespace core::broker {

using namespace core::protocol;

Partition::Partition(TopicPartition tp, std::unique_ptr<log::PartitionLog> log,
                     config::TopicConfig config, Offset checkpointed_high_watermark)
    : tp_(std::move(tp)), log_(std::move(log)), config_(std::move(config)) {
    // A checkpoint may be ahead of a log that lost its unsynced tail to a power loss.
    high_watermark_ =
        std::clamp(checkpointed_high_watermark, log_->log_start_offset(), log_->log_end_offset());
    rebuild_producer_state();
}

void Partition::rebuild_producer_state() {
    producer_state_.clear();
    Offset offset = log_->log_start_offset();
    while (offset < log_->log_end_offset()) {
        log::ReadResult read = log_->read(offset, log_->log_end_offset(), 1 << 20);
        if (read.batches.empty()) break;
        for (const auto& batch : read.batches) producer_state_.update(batch);
        offset = read.batches.back().next_offset();
    }
    producer_state_.on_high_watermark_update(high_watermark_);
}

void Partition::set_high_watermark(Offset offset) {
    KS_ASSERT(offset <= log_->log_end_offset());
    high_watermark_ = offset;
    producer_state_.on_high_watermark_update(offset);
}

Offset Partition::last_stable_offset() const {
    const Offset first_unstable = producer_state_.first_unstable_offset();
    if (first_unstable == kNoOffset) return high_watermark_;
    return std::min(first_unstable, high_watermark_);
}

bool Partition::apply_registration(int32_t self, const controller::PartitionRegistration& reg,
                                   sim::Time now) {
    KS_ASSERT(reg.leader_epoch >= leader_epoch_ || leader_epoch_ == kNoLeaderEpoch);
    self_ = self;
    const bool epoch_changed = reg.leader_epoch != leader_epoch_;
    const ReplicaRole role = reg.leader == self ? ReplicaRole::Leader : ReplicaRole::Follower;
    const bool role_changed = role != role_;
    replicas_ = reg.replicas;
    if (reg.partition_epoch > partition_epoch_) {
        isr_ = reg.isr;
        partition_epoch_ = reg.partition_epoch;
        // A newer committed state answers (or overrides) any proposal in flight.
        isr_state_ = IsrState::Committed;
        proposed_isr_.clear();
    }
    leader_id_ = reg.leader;
    leader_epoch_ = reg.leader_epoch;
    role_ = role;
    if (!epoch_changed && !role_changed) return false;
    if (role == ReplicaRole::Leader) {
        // Kafka's makeLeader: the new epoch starts at our log end; every follower starts
        // unknown, ISR members as just caught up so they are not shrunk at once.
        leader_epoch_start_offset_ = log_->log_end_offset();
        log_->assign_epoch_start_offset(leader_epoch_, leader_epoch_start_offset_);
        followers_.clear();
        for (int32_t replica : replicas_) {
            if (replica == self) continue;
            FollowerState state;
            if (std::find(isr_.begin(), isr_.end(), replica) != isr_.end()) {
                state.last_caught_up_time = now;
            }
            followers_[replica] = state;
        }
        isr_state_ = IsrState::Committed;
        proposed_isr_.clear();
    } else {
        followers_.clear();
    }
    return true;
}

LeaderAppendResult Partition::append_as_leader(const RecordBatch& batch, int16_t acks,
                                               int64_t now_ms) {
    KS_ASSERT(role_ == ReplicaRole::Leader);
    LeaderAppendResult result;
    if (acks == kAcksAll && static_cast<int32_t>(isr_.size()) < config_.min_insync_replicas) {
        result.error = Error::NOT_ENOUGH_REPLICAS;
        return result;
    }
    ProducerAppendCheck check = producer_state_.check(batch);
    if (check.error != Error::NONE) {
        result.error = check.error;
        return result;
    }
    if (check.duplicate) {
        result.base_offset = check.duplicate->first_offset;
        result.last_offset = check.duplicate->last_offset;
        result.duplicate = true;
        return result;
    }
    const RecordBatch& written = log_->append_as_leader(batch, leader_epoch_, now_ms);
    producer_state_.update(written);
    result.base_offset = written.base_offset;
    result.last_offset = written.last_offset();
    result.flush_latency = log_->maybe_flush(now_ms);
    return result;
}

EpochEndOffset Partition::diverging_epoch(int32_t last_fetched_epoch, Offset fetch_offset) const {
    if (last_fetched_epoch == kNoLeaderEpoch) return {};
    auto [epoch, end_offset] = log_->end_offset_for_epoch(last_fetched_epoch);
    if (epoch < last_fetched_epoch || end_offset < fetch_offset) return {epoch, end_offset};
    return {};
}

bool Partition::record_follower_fetch(int32_t follower, Offset fetch_offset, int64_t broker_epoch,
                                      sim::Time now) {
    auto it = followers_.find(follower);
    if (it == followers_.end()) return false;
    broker::record_follower_fetch(it->second, fetch_offset, log_->log_end_offset(), now,
                                  broker_epoch);
    return maybe_increment_high_watermark(now);
}

const std::vector<int32_t>& Partition::maximal_isr() const {
    // Kafka's maximalIsr: while an expansion is in flight the proposal (the ISR plus the
    // new member, see maybe_expand_isr) already counts; a pending shrink does not yet.
    return isr_state_ == IsrState::PendingExpand ? proposed_isr_ : isr_;
}

bool Partition::maybe_increment_high_watermark(sim::Time now) {
    if (role_ != ReplicaRole::Leader) return false;
    Offset next = compute_high_watermark(high_watermark_, log_->log_end_offset(), maximal_isr(),
                                         self_, followers_, now, replica_lag_time_max_);
    if (next <= high_watermark_) return false;
    set_high_watermark(next);
    return true;
}

AlterPartitionData Partition::proposal(const std::vector<int32_t>& isr) const {
    AlterPartitionData data;
    data.topic_partition = tp_;
    data.leader_epoch = leader_epoch_;
    data.partition_epoch = partition_epoch_;
    for (int32_t id : isr) {
        auto it = followers_.find(id);
        data.new_isr_with_epochs.push_back(
            {id, it == followers_.end() ? -1 : it->second.broker_epoch});
    }
    return data;
}

std::optional<AlterPartitionData> Partition::maybe_expand_isr(
    int32_t follower, const controller::MetadataImage& image) {
    if (role_ != ReplicaRole::Leader || isr_state_ != IsrState::Committed) return std::nullopt;
    if (std::find(isr_.begin(), isr_.end(), follower) != isr_.end()) return std::nullopt;
    auto it = followers_.find(follower);
    if (it == followers_.end() || !image.is_active(follower)) return std::nullopt;
    if (!can_join_isr(it->second, high_watermark_, leader_epoch_start_offset_)) {
        return std::nullopt;
    }
    proposed_isr_ = isr_;
    proposed_isr_.push_back(follower);
    isr_state_ = IsrState::PendingExpand;
    return proposal(proposed_isr_);
}

std::optional<AlterPartitionData> Partition::maybe_shrink_isr(sim::Time now) {
    if (role_ != ReplicaRole::Leader || isr_state_ != IsrState::Committed) return std::nullopt;
    std::vector<int32_t> out = out_of_sync_replicas(isr_, self_, followers_, log_->log_end_offset(),
                                                    now, replica_lag_time_max_);
    if (out.empty()) return std::nullopt;
    proposed_isr_.clear();
    for (int32_t id : isr_) {
        if (std::find(out.begin(), out.end(), id) == out.end()) proposed_isr_.push_back(id);
    }
    isr_state_ = IsrState::PendingShrink;
    return proposal(proposed_isr_);
}

void Partition::on_alter_partition_response(const AlterPartitionPartitionResponse* response) {
    if (isr_state_ == IsrState::Committed) return;
    if (response != nullptr && response->error == Error::NONE &&
        response->partition_epoch > partition_epoch_ && response->leader_epoch == leader_epoch_) {
        isr_ = response->isr;
        partition_epoch_ = response->partition_epoch;
    }
    isr_state_ = IsrState::Committed;
    proposed_isr_.clear();
}

void Partition::append_as_follower(const std::vector<RecordBatch>& batches, int64_t now_ms) {
    for (const auto& batch : batches) {
        if (batch.next_offset() <= log_->log_end_offset()) continue;
        KS_ASSERT(batch.base_offset == log_->log_end_offset());
        log_->append_as_follower(batch);
        producer_state_.update(batch);
    }
    log_->maybe_flush(now_ms);
}

void Partition::update_follower_high_watermark(Offset leader_high_watermark) {
    Offset next = std::min(leader_high_watermark, log_->log_end_offset());
    if (next > high_watermark_) set_high_watermark(next);
}

void Partition::truncate_on_divergence(const EpochEndOffset& diverging) {
    auto [epoch, end_offset] = log_->end_offset_for_epoch(diverging.epoch);
    Offset target = diverging.end_offset;
    if (epoch != kNoLeaderEpoch && epoch == diverging.epoch) {
        target = std::min(end_offset, diverging.end_offset);
    } else if (epoch != kNoLeaderEpoch) {
        // We do not know the leader's epoch: cut to the end of our largest smaller epoch
        // and ask again (Kafka's intermediate truncation).
        target = std::min(end_offset, diverging.end_offset);
    }
    target = std::max(std::min(target, log_->log_end_offset()), log_->log_start_offset());
    log_->truncate_to(target);
    if (high_watermark_ > target) high_watermark_ = target;
    rebuild_producer_state();
}

void Partition::reset_out_of_range(Offset fetch_offset, Offset leader_log_start,
                                   Offset leader_high_watermark) {
    if (fetch_offset < leader_log_start) {
        log_->truncate_fully_and_start_at(leader_log_start);
        high_watermark_ = leader_log_start;
    } else {
        Offset target = std::max(std::min(leader_high_watermark, log_->log_end_offset()),
                                 log_->log_start_offset());
        log_->truncate_to(target);
        high_watermark_ = std::min(high_watermark_, target);
    }
    rebuild_producer_state();
}

void Partition::apply_retention(int64_t now_ms) {
    log_->apply_retention(now_ms);
    if (high_watermark_ < log_->log_start_offset()) high_watermark_ = log_->log_start_offset();
}

}  // namespace core::broker
