// ReplicaManager: the Produce path (Kafka's ReplicaManager.appendRecords and
// DelayedProduce): validation, leader append, flush policy, and acks 0 / 1 / all.

#include "core/broker/replica_manager.h"
#include "core/common/probes.h"

namespace core::broker {

using namespace core::protocol;

void ReplicaManager::handle_produce(sim::NodeId from, const ProduceRequest& request) {
    const int64_t now_ms = sim::to_ms(env_.now());
    DelayedProduceState state;
    state.from = from;
    state.correlation_id = request.correlation_id;
    bool waits = false;
    for (const auto& data : request.partitions) {
        DelayedProducePartition out;
        out.response.topic_partition = data.topic_partition;
        Partition* p = partition(data.topic_partition);
        if (request.acks != kAcksNone && request.acks != kAcksLeader && request.acks != kAcksAll) {
            out.response.error = Error::INVALID_REQUIRED_ACKS;
        } else if (p == nullptr && host_.image().partition(data.topic_partition) == nullptr) {
            out.response.error = Error::UNKNOWN_TOPIC_OR_PARTITION;
        } else if (p == nullptr || p->role() != ReplicaRole::Leader) {
            out.response.error = Error::NOT_LEADER_OR_FOLLOWER;
        } else {
            LeaderAppendResult result = p->append_as_leader(data.records, request.acks, now_ms);
            out.response.error = result.error;
            if (result.error == Error::NOT_ENOUGH_REPLICAS) {
                hit(env_, Probe::IsrBelowMinInsyncProduceRejected);
            }
            out.response.log_start_offset = p->log_start_offset();
            if (result.error == Error::NONE) {
                out.response.base_offset = result.base_offset;
                out.required_offset = result.last_offset + 1;
                out.leader_epoch = p->leader_epoch();
                out.done = request.acks != kAcksAll;
                waits = waits || !out.done;
                state.flush_latency = std::max(state.flush_latency, result.flush_latency);
                if (result.duplicate) hit(env_, Probe::ProducerRetryDuplicateSequence);
                if (p->maybe_increment_high_watermark(env_.now())) {
                    on_high_watermark_moved(data.topic_partition);
                }
                // Followers parked at our old log end have data now.
                try_complete_fetches(data.topic_partition);
            }
        }
        state.partitions.push_back(std::move(out));
    }
    if (request.acks == kAcksNone) return;
    park_produce(std::move(state), waits, request.timeout_ms);
}

void ReplicaManager::park_produce(DelayedProduceState state, bool waits, int32_t timeout_ms) {
    const uint64_t id = next_id_++;
    if (waits) {
        state.timer = env_.start_timer(sim::from_ms(timeout_ms), produce_timer_, id);
        for (const auto& p : state.partitions) {
            if (!p.done) produce_watchers_[p.response.topic_partition].push_back(id);
        }
    }
    delayed_produces_.emplace(id, std::move(state));
    try_complete_produce(id, false);
}

void ReplicaManager::try_complete_produces(const TopicPartition& tp) {
    auto it = produce_watchers_.find(tp);
    if (it == produce_watchers_.end()) return;
    const std::vector<uint64_t> ids = it->second;  // completing one erases it from there
    for (uint64_t id : ids) try_complete_produce(id, false);
}

bool ReplicaManager::try_complete_produce(uint64_t id, bool timed_out) {
    auto it = delayed_produces_.find(id);
    if (it == delayed_produces_.end()) return false;
    DelayedProduceState& state = it->second;
    bool all_done = true;
    for (auto& part : state.partitions) {
        if (part.done) continue;
        Partition* p = partition(part.response.topic_partition);
        if (p == nullptr || p->role() != ReplicaRole::Leader ||
            p->leader_epoch() != part.leader_epoch) {
            // Kafka's checkEnoughReplicasReachOffset: no longer the leader in the epoch the
            // records were appended in, so they may be truncated: never acknowledge them.
            hit(env_, Probe::LeaderChangeDuringAcksAllProduce);
            part.response.error = Error::NOT_LEADER_OR_FOLLOWER;
            part.response.base_offset = kNoOffset;
            part.done = true;
        } else if (p->reached(part.required_offset)) {
            if (static_cast<int32_t>(p->isr().size()) < p->config().min_insync_replicas) {
                part.response.error = Error::NOT_ENOUGH_REPLICAS_AFTER_APPEND;
                hit(env_, Probe::NotEnoughReplicasAfterAppend);
            }
            part.done = true;
        } else if (timed_out) {
            part.response.error = Error::REQUEST_TIMED_OUT;
            part.response.base_offset = kNoOffset;
            part.done = true;
        } else {
            all_done = false;
        }
    }
    if (!all_done) return false;
    env_.cancel_timer(state.timer);
    send_produce_response(state, id);
    delayed_produces_.erase(it);
    return true;
}

void ReplicaManager::send_produce_response(DelayedProduceState& state, uint64_t id) {
    for (auto& part : state.partitions) {
        std::erase(produce_watchers_[part.response.topic_partition], id);
    }
    if (state.write_txn_markers) {
        auto response = std::make_shared<WriteTxnMarkersResponse>();
        response->correlation_id = state.correlation_id;
        for (auto& part : state.partitions) {
            if (response->markers.empty() ||
                response->markers.back().producer_id != part.producer_id) {
                response->markers.push_back({part.producer_id, {}});
            }
            response->markers.back().partitions.push_back(
                {part.response.topic_partition, part.response.error});
        }
        send_after(state.flush_latency, state.from, std::move(response));
        return;
    }
    auto response = std::make_shared<ProduceResponse>();
    response->correlation_id = state.correlation_id;
    for (auto& part : state.partitions) response->responses.push_back(std::move(part.response));
    send_after(state.flush_latency, state.from, std::move(response));
}

void ReplicaManager::send_after(sim::Duration delay, sim::NodeId to, sim::MessagePtr message) {
    if (delay <= 0) {
        env_.send(to, std::move(message));
        return;
    }
    const uint64_t id = next_id_++;
    delayed_sends_[id] = std::move(message);
    delayed_send_targets_[id] = to;
    env_.start_timer(delay, delayed_send_timer_, id);
}

}  // namespace core::broker
