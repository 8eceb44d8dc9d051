// GroupCoordinator: transactional offset commits (Kafka's GroupMetadataManager
// storeOffsets with a producer id, and handleTxnCompletion). TxnOffsetCommit appends the
// offsets as the producer's transactional batch; they stay pending, invisible to
// OffsetFetch, until the transaction's marker in this partition commits or drops them.

#include "core/common/probes.h"
#include "core/group/group_coordinator.h"
#include "core/group/offsets_topic.h"

namespace core::group {

using namespace core::protocol;

void GroupCoordinator::handle_txn_offset_commit(sim::NodeId from,
                                                const TxnOffsetCommitRequest& request) {
    PendingAppend pending;
    pending.kind = AppendKind::TxnOffsetCommit;
    pending.group_id = request.group_id;
    pending.reply = {from, request.correlation_id};
    pending.producer_id = request.producer_id;
    const int64_t now_ms = sim::to_ms(env_.now());
    for (const auto& p : request.partitions) {
        pending.offsets.push_back({p.topic_partition,
                                   {p.committed_offset, p.committed_leader_epoch,
                                    p.committed_metadata, now_ms}});
    }
    Error error = coordinator_error(request.group_id);
    const GroupMetadata* group = error == Error::NONE ? find_group(request.group_id) : nullptr;
    if (error == Error::NONE && request.producer_id == kNoProducerId) {
        error = Error::INVALID_PRODUCER_ID_MAPPING;
    } else if (group != nullptr && request.generation_id >= 0) {
        // KIP-447: a zombie member of an older generation can't commit for the group.
        if (!group->has(request.member_id)) {
            error = Error::UNKNOWN_MEMBER_ID;
        } else if (request.generation_id != group->generation_id) {
            error = Error::ILLEGAL_GENERATION;
        }
    }
    if (error != Error::NONE || pending.offsets.empty()) {
        return complete_txn_offset_commit(pending, error);
    }
    std::vector<Record> records;
    for (const auto& [tp, value] : pending.offsets) {
        records.push_back(offset_commit_record(request.group_id, tp, value));
    }
    RecordBatch producer;
    producer.producer_id = request.producer_id;
    producer.producer_epoch = request.producer_epoch;
    append_to_offsets_topic(request.group_id, std::move(records), std::move(pending), &producer);
}

void GroupCoordinator::complete_txn_offset_commit(const PendingAppend& pending, Error error) {
    if (error == Error::NONE) {
        auto& offsets = pending_txn_offsets_[pending.producer_id][pending.group_id];
        for (const auto& [tp, value] : pending.offsets) offsets[tp] = value;
    }
    auto response = std::make_shared<TxnOffsetCommitResponse>();
    response->correlation_id = pending.reply.correlation_id;
    for (const auto& [tp, value] : pending.offsets) response->partitions.push_back({tp, error});
    env_.send(pending.reply.node, std::move(response));
}

void GroupCoordinator::on_txn_marker(int32_t partition, int64_t producer_id, bool committed) {
    auto it = pending_txn_offsets_.find(producer_id);
    if (it == pending_txn_offsets_.end()) return;
    auto& groups = it->second;
    for (auto g = groups.begin(); g != groups.end();) {
        if (partition_of(g->first) != partition) {
            ++g;
            continue;
        }
        if (committed) {
            GroupMetadata& group = get_or_create_group(g->first);
            for (const auto& [tp, value] : g->second) group.offsets[tp] = value;
            hit(env_, Probe::TxnOffsetsCommitted);
        } else {
            hit(env_, Probe::TxnOffsetsAborted);
        }
        g = groups.erase(g);
    }
    if (groups.empty()) pending_txn_offsets_.erase(it);
}

bool GroupCoordinator::has_pending_txn_offset(const std::string& group_id,
                                              const TopicPartition& tp) const {
    for (const auto& [producer_id, groups] : pending_txn_offsets_) {
        auto g = groups.find(group_id);
        if (g != groups.end() && g->second.contains(tp)) return true;
    }
    return false;
}

}  // namespace core::group
