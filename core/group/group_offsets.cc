// GroupCoordinator: FindCoordinator (through the CoordinatorRuntime, which creates
// __consumer_offsets on first use), offset commits (fenced by generation and member id,
// answered once committed with acks=all) and offset fetches.

#include <algorithm>

#include "core/broker/replica_manager.h"
#include "core/common/probes.h"
#include "core/common/timer_tags.h"
#include "core/group/group_coordinator.h"
#include "core/protocol/admin.h"

namespace core::group {

using namespace core::protocol;

int32_t GroupCoordinator::partition_of(const std::string& group_id) const {
    return runtime_.partition_for(group_id);
}

GroupMetadata* GroupCoordinator::find_group(const std::string& group_id) {
    auto it = groups_.find(group_id);
    return it == groups_.end() ? nullptr : it->second.get();
}

const GroupMetadata* GroupCoordinator::group(const std::string& group_id) const {
    if (!is_coordinator_for(group_id)) return nullptr;
    auto it = groups_.find(group_id);
    return it == groups_.end() ? nullptr : it->second.get();
}

GroupMetadata& GroupCoordinator::get_or_create_group(const std::string& group_id) {
    auto& slot = groups_[group_id];
    if (!slot) {
        slot = std::make_unique<GroupMetadata>(group_id);
        slot->incarnation = next_token_++;
    }
    return *slot;
}

bool GroupCoordinator::is_coordinator_for(const std::string& group_id) const {
    return coordinator_error(group_id) == Error::NONE;
}

void GroupCoordinator::handle_find_coordinator(sim::NodeId from,
                                               const FindCoordinatorRequest& request) {
    if (request.key_type != kCoordinatorTypeGroup) {
        auto response = std::make_shared<FindCoordinatorResponse>();
        response->correlation_id = request.correlation_id;
        response->error = Error::COORDINATOR_NOT_AVAILABLE;
        response->error_message = std::string(error_message(response->error));
        env_.send(from, std::move(response));
        return;
    }
    runtime_.find_coordinator(from, request, Error::INVALID_GROUP_ID);
}

Error GroupCoordinator::validate_offset_commit(const OffsetCommitRequest& request) {
    GroupMetadata* group = find_group(request.group_id);
    if (group == nullptr) {
        if (request.generation_id >= 0) return Error::ILLEGAL_GENERATION;
        get_or_create_group(request.group_id);  // a standalone consumer's group
        return Error::NONE;
    }
    if (group->is(GroupState::Dead)) return Error::COORDINATOR_NOT_AVAILABLE;
    if (request.generation_id < 0 && group->is(GroupState::Empty)) return Error::NONE;
    if (group->is(GroupState::CompletingRebalance)) return Error::REBALANCE_IN_PROGRESS;
    if (!group->has(request.member_id)) return Error::UNKNOWN_MEMBER_ID;
    if (request.generation_id != group->generation_id) return Error::ILLEGAL_GENERATION;
    return Error::NONE;
}

void GroupCoordinator::handle_offset_commit(sim::NodeId from, const OffsetCommitRequest& request) {
    Error error = coordinator_error(request.group_id);
    if (error == Error::NONE) error = validate_offset_commit(request);
    if (const GroupMetadata* group = find_group(request.group_id);
        group != nullptr && (group->is(GroupState::PreparingRebalance) ||
                             group->is(GroupState::CompletingRebalance))) {
        hit(env_, Probe::RebalanceDuringOffsetCommit);
    }
    if (error != Error::NONE) {
        if (error == Error::ILLEGAL_GENERATION || error == Error::UNKNOWN_MEMBER_ID ||
            error == Error::FENCED_INSTANCE_ID) {
            hit(env_, Probe::FencedOffsetCommitRejected);
        }
        PendingAppend failed;
        failed.reply = {from, request.correlation_id};
        for (const auto& p : request.partitions) failed.offsets.push_back({p.topic_partition, {}});
        complete_offset_commit(failed, error);
        return;
    }
    PendingAppend pending;
    pending.kind = AppendKind::OffsetCommit;
    pending.group_id = request.group_id;
    pending.reply = {from, request.correlation_id};
    pending.generation_id = request.generation_id;
    std::vector<Record> records;
    const int64_t now_ms = sim::to_ms(env_.now());
    for (const auto& p : request.partitions) {
        OffsetAndMetadata value{p.committed_offset, p.committed_leader_epoch,
                                p.committed_metadata, now_ms};
        records.push_back(offset_commit_record(request.group_id, p.topic_partition, value));
        pending.offsets.push_back({p.topic_partition, value});
    }
    if (records.empty()) return complete_offset_commit(pending, Error::NONE);
    append_to_offsets_topic(request.group_id, std::move(records), std::move(pending));
}

void GroupCoordinator::complete_offset_commit(const PendingAppend& pending, Error error) {
    GroupMetadata* group = find_group(pending.group_id);
    if (error == Error::NONE && group != nullptr) {
        for (const auto& [tp, value] : pending.offsets) group->offsets[tp] = value;
    }
    auto response = std::make_shared<OffsetCommitResponse>();
    response->correlation_id = pending.reply.correlation_id;
    for (const auto& [tp, value] : pending.offsets) response->partitions.push_back({tp, error});
    env_.send(pending.reply.node, std::move(response));
}

void GroupCoordinator::handle_offset_fetch(sim::NodeId from, const OffsetFetchRequest& request) {
    auto response = std::make_shared<OffsetFetchResponse>();
    response->correlation_id = request.correlation_id;
    response->error = coordinator_error(request.group_id);
    const GroupMetadata* group =
        response->error == Error::NONE ? find_group(request.group_id) : nullptr;
    if (response->error == Error::NONE) {
        auto describe = [&](const TopicPartition& tp) {
            OffsetFetchResponsePartition out;
            out.topic_partition = tp;
            if (request.require_stable && has_pending_txn_offset(request.group_id, tp)) {
                // KIP-447: the caller waits until the transaction settles the offset.
                out.error = Error::UNSTABLE_OFFSET_COMMIT;
            } else if (group != nullptr) {
                auto it = group->offsets.find(tp);
                if (it != group->offsets.end()) {
                    out.committed_offset = it->second.committed_offset;
                    out.committed_leader_epoch = it->second.leader_epoch;
                    out.metadata = it->second.metadata;
                }
            }
            response->partitions.push_back(std::move(out));
        };
        if (request.partitions) {
            for (const auto& tp : *request.partitions) describe(tp);
        } else if (group != nullptr) {
            for (const auto& [tp, value] : group->offsets) describe(tp);
        }
    }
    env_.send(from, std::move(response));
}

void GroupCoordinator::append_to_offsets_topic(const std::string& group_id,
                                               std::vector<Record> records,
                                               PendingAppend pending,
                                               const RecordBatch* producer) {
    RecordBatch batch;
    if (producer != nullptr) {
        // A transaction's offsets: written as the producer's batch, without a sequence
        // (Kafka appends them with the coordinator as origin, which skips sequence checks).
        batch.producer_id = producer->producer_id;
        batch.producer_epoch = producer->producer_epoch;
        batch.is_transactional = true;
    }
    batch.records = std::move(records);
    const int32_t correlation_id = next_correlation_id(ApiKey::Produce);
    pending_appends_.emplace(correlation_id, std::move(pending));
    runtime_.append(correlation_id, partition_of(group_id), std::move(batch),
                    config_.offsets_commit_timeout_ms);
}

void GroupCoordinator::on_produce_response(const ProduceResponse& response) {
    auto it = pending_appends_.find(response.correlation_id);
    if (it == pending_appends_.end()) return;
    const PendingAppend pending = std::move(it->second);
    pending_appends_.erase(it);
    const Error error = coordinator::CoordinatorRuntime::append_error(response);
    if (pending.kind == AppendKind::OffsetCommit) {
        complete_offset_commit(pending, error);
        return;
    }
    if (pending.kind == AppendKind::TxnOffsetCommit) {
        complete_txn_offset_commit(pending, error);
        return;
    }
    GroupMetadata* group = find_group(pending.group_id);
    if (group != nullptr) on_assignment_stored(*group, pending.generation_id, error);
}

}  // namespace core::group
