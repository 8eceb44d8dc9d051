// GroupMember: taking over an assignment (committed offsets, else auto.offset.reset),
// OffsetCommit (auto, async, sync with retries) and what commit errors mean for the member.

#include <algorithm>

#include "core/client/group_member.h"
#include "core/client/network_client.h"
#include "core/common/probes.h"
#include "core/protocol/group.h"
#include "core/protocol/offsets.h"
#include "sim/assert.h"

namespace core::client {

using namespace core::protocol;

namespace {
bool is_retriable_commit_error(Error error) {
    return error == Error::NOT_COORDINATOR || error == Error::COORDINATOR_NOT_AVAILABLE ||
           error == Error::COORDINATOR_LOAD_IN_PROGRESS || error == Error::REQUEST_TIMED_OUT ||
           error == Error::NETWORK_EXCEPTION;
}
}  // namespace

void GroupMember::on_assignment(const std::vector<TopicPartition>& assigned) {
    const std::set<TopicPartition> next(assigned.begin(), assigned.end());
    std::vector<TopicPartition> revoked;
    for (const auto& tp : owned_) {
        if (next.count(tp) == 0) revoked.push_back(tp);
    }
    awaiting_positions_.clear();
    for (const auto& tp : next) {
        if (owned_.count(tp) == 0) awaiting_positions_.insert(tp);
    }
    if (!revoked.empty()) {
        // COOPERATIVE: partitions moving elsewhere are revoked now, and a second
        // rebalance hands them to their new owners (KIP-429).
        for (const auto& tp : revoked) owned_.erase(tp);
        consumer_.assign({owned_.begin(), owned_.end()});
        if (listener_ != nullptr) listener_->on_partitions_revoked(revoked);
        rejoin_needed_ = true;
    }
    if (awaiting_positions_.empty()) {
        if (listener_ != nullptr) listener_->on_partitions_assigned({});
        return;
    }
    offset_fetch_not_before_ = 0;
    fetch_committed_offsets();
}

void GroupMember::fetch_committed_offsets() {
    if (offset_fetch_in_flight_ || coordinator_ == sim::kNoNode ||
        env_.now() < offset_fetch_not_before_) {
        return;
    }
    auto request = std::make_shared<OffsetFetchRequest>();
    request->group_id = options_.group_id;
    request->partitions =
        std::vector<TopicPartition>(awaiting_positions_.begin(), awaiting_positions_.end());
    // KIP-447 (Kafka's requireStable): a read_committed consumer waits for offsets a
    // transaction has not settled yet rather than starting from an older commit.
    request->require_stable = consumer_.read_committed();
    offset_fetch_in_flight_ = true;
    const int32_t generation = generation_id_;
    consumer_.network().send(coordinator_, request,
                             [this, generation](const KafkaMessage* m, Error error) {
                                 offset_fetch_in_flight_ = false;
                                 on_offset_fetch_response(
                                     static_cast<const OffsetFetchResponse*>(m), error,
                                     generation);
                             });
}

void GroupMember::on_offset_fetch_response(const OffsetFetchResponse* r, Error error,
                                           int32_t generation) {
    if (generation != generation_id_ || state_ != MemberState::Stable) return;
    if (error == Error::NONE) error = r->error;
    if (error != Error::NONE) {
        if (error == Error::NOT_COORDINATOR || error == Error::COORDINATOR_NOT_AVAILABLE) {
            mark_coordinator_unknown("offset fetch");
        }
        offset_fetch_not_before_ = env_.now() + options_.retry_backoff;
        return;
    }
    for (const auto& p : r->partitions) {
        if (p.error == Error::UNSTABLE_OFFSET_COMMIT) {
            hit(env_, Probe::UnstableOffsetCommitRefetch);
            offset_fetch_not_before_ = env_.now() + options_.retry_backoff;
            return;
        }
    }
    std::vector<TopicPartition> added(awaiting_positions_.begin(), awaiting_positions_.end());
    for (const auto& tp : added) owned_.insert(tp);
    awaiting_positions_.clear();
    consumer_.assign({owned_.begin(), owned_.end()});
    for (const auto& p : r->partitions) {
        // No commit yet: the consumer resets by auto.offset.reset (Kafka's behaviour).
        if (p.committed_offset >= 0 && owned_.count(p.topic_partition) != 0) {
            consumer_.seek(p.topic_partition, p.committed_offset);
        }
    }
    if (listener_ != nullptr) listener_->on_partitions_assigned(added);
}

std::map<TopicPartition, Offset> GroupMember::consumed_positions() const {
    std::map<TopicPartition, Offset> out;
    for (const auto& tp : owned_) {
        std::optional<Offset> position = consumer_.position(tp);
        if (position) out[tp] = *position;
    }
    return out;
}

void GroupMember::maybe_auto_commit(sim::Time now) {
    if (!options_.enable_auto_commit || now < next_auto_commit_) return;
    next_auto_commit_ = now + options_.auto_commit_interval;
    if (state_ == MemberState::Stable && !owned_.empty()) commit_async();
}

void GroupMember::commit_async(CommitCallback callback) {
    commit_async(consumed_positions(), std::move(callback));
}

void GroupMember::commit_async(std::map<TopicPartition, Offset> offsets, CommitCallback callback) {
    CommitRequest request;
    request.offsets = std::move(offsets);
    request.callback = std::move(callback);
    send_commit(std::move(request));
}

void GroupMember::commit_sync(CommitCallback callback) {
    commit_sync(consumed_positions(), std::move(callback));
}

void GroupMember::commit_sync(std::map<TopicPartition, Offset> offsets, CommitCallback callback) {
    CommitRequest request;
    request.offsets = std::move(offsets);
    request.callback = std::move(callback);
    request.retry = true;
    request.deadline = env_.now() + options_.default_api_timeout;
    send_commit(std::move(request));
}

void GroupMember::send_commit(CommitRequest request) {
    if (request.offsets.empty()) {
        if (request.callback) request.callback(Error::NONE);
        return;
    }
    Error error = Error::NONE;
    // Kafka commits only in a stable generation (RebalanceInProgressException otherwise).
    if (state_ != MemberState::Stable || generation_id_ < 0) error = Error::REBALANCE_IN_PROGRESS;
    if (error == Error::NONE && coordinator_ == sim::kNoNode) {
        error = Error::COORDINATOR_NOT_AVAILABLE;
    }
    if (error != Error::NONE) {
        on_commit_response(std::move(request), nullptr, error);
        return;
    }
    if (!request.generation) request.generation = {generation_id_, member_id_};
    auto message = std::make_shared<OffsetCommitRequest>();
    message->group_id = options_.group_id;
    message->generation_id = request.generation->first;
    message->member_id = request.generation->second;
    message->group_instance_id = options_.group_instance_id;
    for (const auto& [tp, offset] : request.offsets) {
        message->partitions.push_back({tp, offset, kNoLeaderEpoch, ""});
    }
    auto shared = std::make_shared<CommitRequest>(std::move(request));
    consumer_.network().send(coordinator_, message,
                             [this, shared](const KafkaMessage* m, Error e) {
                                 on_commit_response(std::move(*shared),
                                                    static_cast<const OffsetCommitResponse*>(m),
                                                    e);
                             });
}

void GroupMember::on_commit_response(CommitRequest request, const OffsetCommitResponse* r,
                                     Error error) {
    if (error == Error::NONE && r != nullptr) {
        for (const auto& p : r->partitions) {
            if (p.error != Error::NONE) error = p.error;
        }
    }
    if (error == Error::NOT_COORDINATOR || error == Error::COORDINATOR_NOT_AVAILABLE ||
        error == Error::REQUEST_TIMED_OUT || error == Error::NETWORK_EXCEPTION) {
        mark_coordinator_unknown("offset commit");
    } else if (error == Error::UNKNOWN_MEMBER_ID || error == Error::ILLEGAL_GENERATION ||
               error == Error::FENCED_INSTANCE_ID) {
        // Kafka's CommitFailedException: another member may own these partitions now.
        hit(env_, Probe::ConsumerCommitRejectedGenerationLost);
        if (r != nullptr) reset_generation(error == Error::UNKNOWN_MEMBER_ID);
    } else if (error == Error::REBALANCE_IN_PROGRESS && r != nullptr) {
        rejoin_needed_ = true;
    }
    if (request.retry && is_retriable_commit_error(error) && env_.now() < request.deadline) {
        request.not_before = env_.now() + options_.retry_backoff;
        commits_to_retry_.push_back(std::move(request));
        return;
    }
    if (request.callback) request.callback(error);
}

void GroupMember::retry_commits() {
    if (commits_to_retry_.empty()) return;
    std::vector<CommitRequest> due;
    std::vector<CommitRequest> later;
    for (auto& request : commits_to_retry_) {
        (env_.now() >= request.not_before ? due : later).push_back(std::move(request));
    }
    commits_to_retry_ = std::move(later);
    for (auto& request : due) send_commit(std::move(request));
}

void GroupMember::close(std::function<void()> done) {
    closing_ = true;
    auto leave = [this, done = std::move(done)](Error) {
        maybe_leave_group("the consumer is being closed");
        // Kafka's onLeavePrepare: a clean close revokes (the partitions are not lost).
        std::vector<TopicPartition> revoked(owned_.begin(), owned_.end());
        owned_.clear();
        awaiting_positions_.clear();
        consumer_.assign({});
        if (listener_ != nullptr && !revoked.empty()) listener_->on_partitions_revoked(revoked);
        topics_.clear();
        if (done) done();
    };
    if (options_.enable_auto_commit && state_ == MemberState::Stable && !owned_.empty()) {
        commit_sync(std::move(leave));
    } else {
        leave(Error::NONE);
    }
}

}  // namespace core::client
