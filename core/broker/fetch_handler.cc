// ReplicaManager: the Fetch and ListOffsets paths (Kafka's ReplicaManager.fetchMessages,
// DelayedFetch and Partition.fetchOffsetForTimestamp): leader-epoch checks, the KIP-595
// divergence check, the high-watermark bound for consumers, follower progress, long polls.

#include "core/broker/replica_manager.h"
#include "core/common/probes.h"

namespace core::broker {

using namespace core::protocol;

namespace {

// The leader-side checks shared by consumers and followers; NONE when the read may go on.
Error check_leader(const Partition* p, bool topic_known, int32_t current_leader_epoch) {
    if (p == nullptr) {
        return topic_known ? Error::NOT_LEADER_OR_FOLLOWER : Error::UNKNOWN_TOPIC_OR_PARTITION;
    }
    if (current_leader_epoch != kNoLeaderEpoch) {
        if (current_leader_epoch < p->leader_epoch()) return Error::FENCED_LEADER_EPOCH;
        if (current_leader_epoch > p->leader_epoch()) return Error::UNKNOWN_LEADER_EPOCH;
    }
    if (p->role() != ReplicaRole::Leader) return Error::NOT_LEADER_OR_FOLLOWER;
    return Error::NONE;
}

}  // namespace

void ReplicaManager::handle_fetch(sim::NodeId from, std::shared_ptr<const FetchRequest> request) {
    if (request->replica_id >= 0) update_follower_fetch_state(*request);
    // Most fetches find nothing new and wait: decide before building an answer.
    if (request->max_wait_ms <= 0 || fetch_ready(*request, TopicPartition{})) {
        env_.send(from, read_fetch(*request));
        return;
    }
    const uint64_t id = next_id_++;
    DelayedFetchState state;
    state.from = from;
    state.timer = env_.start_timer(sim::from_ms(request->max_wait_ms), fetch_timer_, id);
    for (const auto& p : request->partitions) fetch_watchers_[p.topic_partition].push_back(id);
    state.request = std::move(request);
    delayed_fetches_.emplace(id, std::move(state));
}

void ReplicaManager::update_follower_fetch_state(const FetchRequest& request) {
    for (const auto& fp : request.partitions) {
        Partition* p = partition(fp.topic_partition);
        if (check_leader(p, true, fp.current_leader_epoch) != Error::NONE) continue;
        if (p->diverging_epoch(fp.last_fetched_epoch, fp.fetch_offset).present()) continue;
        if (fp.fetch_offset < p->log_start_offset() || fp.fetch_offset > p->log_end_offset()) {
            continue;
        }
        if (p->record_follower_fetch(request.replica_id, fp.fetch_offset, request.replica_epoch,
                                     env_.now())) {
            on_high_watermark_moved(fp.topic_partition);
        }
        if (auto proposal = p->maybe_expand_isr(request.replica_id, host_.image())) {
            hit(env_, Probe::IsrExpandFollowerCaughtUp);
            send_alter_partition(std::move(*proposal));
        }
    }
}

std::shared_ptr<FetchResponse> ReplicaManager::read_fetch(const FetchRequest& request) {
    auto response = std::make_shared<FetchResponse>();
    response->correlation_id = request.correlation_id;
    response->responses.reserve(request.partitions.size());
    for (const auto& fp : request.partitions) {
        response->responses.push_back(read_fetch_partition(request, fp, nullptr));
    }
    return response;
}

FetchablePartitionResponse ReplicaManager::read_fetch_partition(const FetchRequest& request,
                                                                const FetchPartition& fp,
                                                                int64_t* count_bytes) {
    FetchablePartitionResponse out;
    if (count_bytes == nullptr) out.topic_partition = fp.topic_partition;
    Partition* p = partition(fp.topic_partition);
    // Whether the topic is known matters only when this broker has no replica.
    const bool known = p != nullptr || host_.image().partition(fp.topic_partition) != nullptr;
    out.error = check_leader(p, known, fp.current_leader_epoch);
    if (p != nullptr) {
        out.current_leader = {p->leader_id(), p->leader_epoch()};
        out.high_watermark = p->high_watermark();
        out.last_stable_offset = p->last_stable_offset();
        out.log_start_offset = p->log_start_offset();
    }
    if (out.error == Error::NONE && request.replica_id >= 0) {
        out.diverging_epoch = p->diverging_epoch(fp.last_fetched_epoch, fp.fetch_offset);
    }
    if (out.error == Error::NONE && !out.diverging_epoch.present()) {
        if (fp.fetch_offset < p->log_start_offset() || fp.fetch_offset > p->log_end_offset()) {
            out.error = Error::OFFSET_OUT_OF_RANGE;
        } else {
            read_partition(*p, fp, request, out, count_bytes);
        }
    }
    return out;
}

bool ReplicaManager::fetch_ready(const FetchRequest& request, const TopicPartition& moved) {
    // read_fetch's decision (an error, or min_bytes reached) without copying records,
    // stopping as soon as it holds: bytes only grow and an error stays, so a partial
    // answer that is ready stays ready. The partition that moved is looked at first.
    if (request.min_bytes <= 0) return true;
    int64_t bytes = 0;
    auto ready = [&](const FetchPartition& fp) {
        FetchablePartitionResponse out = read_fetch_partition(request, fp, &bytes);
        return out.error != Error::NONE || out.diverging_epoch.present() ||
               bytes >= request.min_bytes;
    };
    for (const auto& fp : request.partitions) {
        if (fp.topic_partition == moved && ready(fp)) return true;
    }
    for (const auto& fp : request.partitions) {
        if (fp.topic_partition != moved && ready(fp)) return true;
    }
    return false;
}

void ReplicaManager::read_partition(const Partition& p, const FetchPartition& fp,
                                    const FetchRequest& request, FetchablePartitionResponse& out,
                                    int64_t* count_bytes) {
    // Followers read to the log end, consumers below the high watermark, and
    // read_committed consumers below the last stable offset (KIP-98).
    const bool read_committed = request.isolation_level == IsolationLevel::ReadCommitted;
    Offset max_offset = p.high_watermark();
    if (request.replica_id >= 0) max_offset = p.log_end_offset();
    if (request.replica_id < 0 && read_committed) max_offset = p.last_stable_offset();
    if (count_bytes != nullptr) {
        // Same batches as read() below, counted without copying them.
        *count_bytes +=
            p.log().read_size_bytes(fp.fetch_offset, max_offset, fp.partition_max_bytes);
        return;
    }
    log::ReadResult read = p.log().read(fp.fetch_offset, max_offset, fp.partition_max_bytes);
    if (read_committed && request.replica_id < 0 && !read.batches.empty()) {
        const Offset upper_bound = read.batches.back().next_offset();
        for (const auto& txn :
             p.producer_state().collect_aborted_transactions(fp.fetch_offset, upper_bound)) {
            out.aborted_transactions.push_back({txn.producer_id, txn.first_offset});
        }
    }
    out.records = std::move(read.batches);
}

void ReplicaManager::on_high_watermark_moved(const TopicPartition& tp) {
    try_complete_produces(tp);
    try_complete_fetches(tp);
}

void ReplicaManager::try_complete_fetches(const TopicPartition& tp) {
    auto watchers = fetch_watchers_.find(tp);
    if (watchers == fetch_watchers_.end() || watchers->second.empty()) return;
    // A copy: completing a fetch erases it from the watchers being walked.
    const std::vector<uint64_t> ids = watchers->second;
    for (uint64_t id : ids) {
        auto it = delayed_fetches_.find(id);
        if (it == delayed_fetches_.end()) continue;
        // Decide on a read that copies no records: most parked fetches stay parked.
        if (!fetch_ready(*it->second.request, tp)) continue;
        auto response = read_fetch(*it->second.request);
        env_.cancel_timer(it->second.timer);
        for (const auto& p : it->second.request->partitions) {
            std::erase(fetch_watchers_[p.topic_partition], id);
        }
        env_.send(it->second.from, std::move(response));
        delayed_fetches_.erase(it);
    }
}

void ReplicaManager::handle_list_offsets(sim::NodeId from, const ListOffsetsRequest& request) {
    auto response = std::make_shared<ListOffsetsResponse>();
    response->correlation_id = request.correlation_id;
    for (const auto& lp : request.partitions) {
        ListOffsetsPartitionResponse out;
        out.topic_partition = lp.topic_partition;
        Partition* p = partition(lp.topic_partition);
        const bool known = host_.image().partition(lp.topic_partition) != nullptr;
        out.error = check_leader(p, known, lp.current_leader_epoch);
        if (out.error == Error::NONE) {
            out.leader_epoch = p->leader_epoch();
            if (lp.timestamp == kEarliestTimestamp) {
                out.offset = p->log_start_offset();
            } else if (lp.timestamp == kLatestTimestamp) {
                // read_committed consumers start at the last stable offset (KIP-98).
                out.offset = request.replica_id >= 0 ? p->log_end_offset()
                             : request.isolation_level == IsolationLevel::ReadCommitted
                                 ? p->last_stable_offset()
                                 : p->high_watermark();
            } else {
                // First record at or after the timestamp, below the high watermark.
                Offset offset = p->log_start_offset();
                while (out.offset == kNoOffset && offset < p->high_watermark()) {
                    log::ReadResult read = p->log().read(offset, p->high_watermark(), 1 << 20);
                    if (read.batches.empty()) break;
                    for (const auto& batch : read.batches) {
                        for (size_t i = 0; i < batch.records.size(); ++i) {
                            if (out.offset == kNoOffset &&
                                batch.records[i].timestamp_ms >= lp.timestamp) {
                                out.offset = batch.base_offset + static_cast<Offset>(i);
                                out.timestamp = batch.records[i].timestamp_ms;
                            }
                        }
                    }
                    offset = read.batches.back().next_offset();
                }
            }
        }
        response->responses.push_back(std::move(out));
    }
    env_.send(from, std::move(response));
}

void ReplicaManager::handle_offset_for_leader_epoch(sim::NodeId from,
                                                    const OffsetForLeaderEpochRequest& request) {
    // Kafka's Partition.lastOffsetForLeaderEpoch: the leader answers from its epoch cache,
    // after the same leader and epoch checks as a Fetch.
    auto response = std::make_shared<OffsetForLeaderEpochResponse>();
    response->correlation_id = request.correlation_id;
    for (const auto& lp : request.partitions) {
        OffsetForLeaderEpochPartitionResult out;
        out.topic_partition = lp.topic_partition;
        Partition* p = partition(lp.topic_partition);
        const bool known = host_.image().partition(lp.topic_partition) != nullptr;
        out.error = check_leader(p, known, lp.current_leader_epoch);
        if (out.error == Error::NONE) {
            const auto [epoch, end_offset] = p->log().end_offset_for_epoch(lp.leader_epoch);
            out.leader_epoch = epoch;
            out.end_offset = end_offset;
        }
        response->partitions.push_back(std::move(out));
    }
    env_.send(from, std::move(response));
}

}  // namespace core::broker
