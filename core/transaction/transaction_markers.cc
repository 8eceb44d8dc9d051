// TransactionCoordinator: the marker channel (Kafka's TransactionMarkerChannelManager):
// a decided transaction's COMMIT/ABORT markers go, grouped by partition leader, in
// WriteTxnMarkers requests; partitions whose leader is unknown, moved or failed are
// retried on the next tick; once every partition has its marker the transaction moves to
// CompleteCommit / CompleteAbort in __transaction_state.

#include "core/broker/replica_manager.h"
#include "core/common/probes.h"
#include "core/transaction/transaction_coordinator.h"

namespace core::transaction {

using namespace core::protocol;

namespace {

/// A marker request unanswered this long (its leader died, the link was cut) is resent.
constexpr sim::Duration kMarkerRetry = 5 * sim::kSecond;

}  // namespace

void TransactionCoordinator::add_txn_markers_to_send(const TransactionMetadata& metadata) {
    const std::string& id = metadata.transactional_id;
    const std::optional<int32_t> coordinator_epoch = runtime_.coordinator_epoch(id);
    if (!coordinator_epoch) return;
    MarkerWork work;
    work.metadata = metadata;
    work.coordinator_epoch = *coordinator_epoch;
    work.remaining = metadata.topic_partitions;
    markers_[id] = std::move(work);
    if (metadata.topic_partitions.empty()) {
        complete_markers(id);
        return;
    }
    send_markers();
}

void TransactionCoordinator::send_markers() {
    const sim::Time now = env_.now();
    const controller::MetadataImage& image = host_.image();
    std::map<int32_t, std::shared_ptr<WriteTxnMarkersRequest>> by_leader;
    std::map<int32_t, std::vector<std::string>> ids_by_leader;
    std::vector<std::string> finished;
    for (auto& [id, work] : markers_) {
        for (auto it = work.remaining.begin(); it != work.remaining.end();) {
            const TopicPartition& tp = *it;
            auto sent = work.in_flight.find(tp);
            if (sent != work.in_flight.end() && now - sent->second < kMarkerRetry) {
                ++it;
                continue;
            }
            if (image.topic(tp.topic) == nullptr) {  // deleted: nothing left to mark
                work.in_flight.erase(tp);
                it = work.remaining.erase(it);
                continue;
            }
            const auto* reg = image.partition(tp);
            if (reg == nullptr || reg->leader < 0) {
                ++it;
                continue;
            }
            auto& request = by_leader[reg->leader];
            if (!request) request = std::make_shared<WriteTxnMarkersRequest>();
            if (request->markers.empty() ||
                request->markers.back().producer_id != work.metadata.producer_id) {
                request->markers.push_back({work.metadata.producer_id,
                                            work.metadata.producer_epoch,
                                            work.metadata.state == TransactionState::PrepareCommit,
                                            {},
                                            work.coordinator_epoch});
                ids_by_leader[reg->leader].push_back(id);
            }
            request->markers.back().partitions.push_back(tp);
            work.in_flight[tp] = now;
            ++it;
        }
        if (work.remaining.empty() && work.in_flight.empty()) finished.push_back(id);
    }
    for (const auto& id : finished) complete_markers(id);
    for (auto& [leader, request] : by_leader) {
        request->correlation_id = next_correlation_id_++;
        marker_requests_[request->correlation_id] = ids_by_leader[leader];
        if (leader == env_.self()) {
            replica_manager_.handle_write_txn_markers(env_.self(), *request);
        } else {
            env_.send(leader, std::move(request));
        }
    }
}

void TransactionCoordinator::on_write_txn_markers_response(const WriteTxnMarkersResponse& r) {
    auto request = marker_requests_.find(r.correlation_id);
    if (request == marker_requests_.end()) return;
    const std::vector<std::string> ids = std::move(request->second);
    marker_requests_.erase(request);
    for (const auto& result : r.markers) {
        for (const auto& id : ids) {
            auto work = markers_.find(id);
            if (work == markers_.end() || work->second.metadata.producer_id != result.producer_id) {
                continue;
            }
            for (const auto& partition : result.partitions) {
                work->second.in_flight.erase(partition.topic_partition);
                // INVALID_PRODUCER_EPOCH: the partition has already seen a later epoch's
                // marker, so this one has nothing left to end.
                if (partition.error == Error::NONE ||
                    partition.error == Error::INVALID_PRODUCER_EPOCH) {
                    work->second.remaining.erase(partition.topic_partition);
                } else if (partition.error == Error::TRANSACTION_COORDINATOR_FENCED) {
                    // A newer coordinator owns this transactional id now.
                    hit(env_, Probe::TxnMarkerRefusedCoordinatorFenced);
                }
            }
            if (work->second.remaining.empty() && work->second.in_flight.empty()) {
                complete_markers(id);
            }
        }
    }
}

void TransactionCoordinator::complete_markers(const std::string& transactional_id) {
    auto work = markers_.find(transactional_id);
    if (work == markers_.end()) return;
    markers_.erase(work);
    auto it = transactions_.find(transactional_id);
    if (it == transactions_.end() || it->second.pending) return;
    Entry& entry = it->second;
    const bool commit = entry.metadata.state == TransactionState::PrepareCommit;
    if (!commit && entry.metadata.state != TransactionState::PrepareAbort) return;
    PendingAppend pending;
    pending.kind = AppendKind::Complete;
    pending.target = entry.metadata;
    pending.target.state = commit ? TransactionState::CompleteCommit
                                  : TransactionState::CompleteAbort;
    pending.target.topic_partitions.clear();
    pending.target.txn_start_timestamp_ms = -1;
    pending.target.txn_last_update_timestamp_ms = sim::to_ms(env_.now());
    entry.pending = true;
    env_.probe(commit ? "txn: transaction committed" : "txn: transaction aborted");
    append(std::move(pending));
}

}  // namespace core::transaction
