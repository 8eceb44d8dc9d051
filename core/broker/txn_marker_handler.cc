// ReplicaManager: WriteTxnMarkers (Kafka's KafkaApis.handleWriteTxnMarkersRequest): each
// marker becomes a control batch appended as leader with acks=all, and the answer waits
// in the produce purgatory until every marker is replicated, so a marker the coordinator
// counts as written survives a leader failover exactly as an acks=all record does.

#include "core/broker/replica_manager.h"

namespace core::broker {

using namespace core::protocol;

namespace {

/// Kafka's WriteTxnMarkers waits as long as the coordinator's request timeout.
constexpr int32_t kMarkerTimeoutMs = 30000;

}  // namespace

void ReplicaManager::handle_write_txn_markers(sim::NodeId from,
                                              const WriteTxnMarkersRequest& request) {
    const int64_t now_ms = sim::to_ms(env_.now());
    DelayedProduceState state;
    state.from = from;
    state.correlation_id = request.correlation_id;
    state.write_txn_markers = true;
    bool waits = false;
    for (const WritableTxnMarker& marker : request.markers) {
        const EndTransactionMarker end{
            marker.transaction_result ? ControlRecordType::COMMIT : ControlRecordType::ABORT,
            marker.coordinator_epoch};
        for (const TopicPartition& tp : marker.partitions) {
            DelayedProducePartition out;
            out.producer_id = marker.producer_id;
            out.response.topic_partition = tp;
            Partition* p = partition(tp);
            if (p == nullptr && host_.image().partition(tp) == nullptr) {
                out.response.error = Error::UNKNOWN_TOPIC_OR_PARTITION;
            } else if (p == nullptr || p->role() != ReplicaRole::Leader) {
                out.response.error = Error::NOT_LEADER_OR_FOLLOWER;
            } else {
                RecordBatch batch = end_transaction_marker_batch(
                    marker.producer_id, marker.producer_epoch, end, now_ms);
                LeaderAppendResult result = p->append_as_leader(batch, kAcksAll, now_ms);
                out.response.error = result.error;
                if (result.error == Error::NONE) {
                    env_.probe(marker.transaction_result ? "txn marker: COMMIT written"
                                                         : "txn marker: ABORT written");
                    out.required_offset = result.last_offset + 1;
                    out.leader_epoch = p->leader_epoch();
                    out.done = false;
                    waits = true;
                    state.flush_latency = std::max(state.flush_latency, result.flush_latency);
                    if (p->maybe_increment_high_watermark(env_.now())) {
                        on_high_watermark_moved(tp);
                    }
                    try_complete_fetches(tp);
                    host_.on_txn_marker_written(tp, marker.producer_id,
                                                marker.transaction_result);
                }
            }
            state.partitions.push_back(std::move(out));
        }
    }
    park_produce(std::move(state), waits, kMarkerTimeoutMs);
}

}  // namespace core::broker
