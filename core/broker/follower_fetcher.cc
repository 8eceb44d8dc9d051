#include "core/broker/follower_fetcher.h"

#include "core/broker/replica_manager.h"
#include "core/common/probes.h"

namespace core::broker {

using namespace core::protocol;

FollowerFetcher::FollowerFetcher(sim::NodeEnv& env, ReplicaManager& replicas)
    : env_(env), replicas_(replicas) {}

void FollowerFetcher::maybe_fetch(int32_t leader) {
    Session& session = sessions_[leader];
    if (session.state != SessionState::Idle) return;
    auto request = std::make_shared<FetchRequest>();
    request->correlation_id = env_.next_correlation_id();
    request->replica_id = env_.self();
    request->replica_epoch = replicas_.host_.broker_epoch();
    request->max_wait_ms = fetch_wait_max_ms;
    request->min_bytes = 1;
    request->partitions.reserve(replicas_.partitions_.size());
    for (const auto& [tp, partition] : replicas_.partitions_) {
        if (partition->role() != ReplicaRole::Follower || partition->leader_id() != leader) {
            continue;
        }
        FetchPartition p;
        p.topic_partition = tp;
        p.current_leader_epoch = partition->leader_epoch();
        p.fetch_offset = partition->log_end_offset();
        p.last_fetched_epoch = partition->log().latest_epoch();
        p.log_start_offset = partition->log_start_offset();
        request->partitions.push_back(std::move(p));
    }
    if (request->partitions.empty()) {
        sessions_.erase(leader);
        return;
    }
    session.state = SessionState::InFlight;
    session.request = request;
    session.timer = env_.start_timer(sim::from_ms(socket_timeout_ms), timeout_timer_,
                                     static_cast<uint32_t>(leader));
    env_.send(leader, std::move(request));
}

void FollowerFetcher::back_off(int32_t leader, Session& session) {
    env_.cancel_timer(session.timer);
    session.state = SessionState::BackingOff;
    session.request.reset();
    session.timer = env_.start_timer(sim::from_ms(fetch_backoff_ms), backoff_timer_,
                                     static_cast<uint32_t>(leader));
}

void FollowerFetcher::on_response(sim::NodeId from, const FetchResponse& response) {
    auto it = sessions_.find(from);
    if (it == sessions_.end() || it->second.state != SessionState::InFlight ||
        it->second.request->correlation_id != response.correlation_id) {
        return;  // a late answer to a request we gave up on
    }
    Session& session = it->second;
    env_.cancel_timer(session.timer);
    std::shared_ptr<const FetchRequest> request = std::move(session.request);
    session.state = SessionState::Idle;
    bool backoff = response.error != Error::NONE;
    const auto& sent_partitions = request->partitions;
    for (size_t i = 0; i < response.responses.size(); ++i) {
        const auto& r = response.responses[i];
        // The leader answers in request order, so the same position nearly always holds
        // the match (a request names each partition once); else search.
        const FetchPartition* sent = nullptr;
        if (i < sent_partitions.size() && sent_partitions[i].topic_partition == r.topic_partition) {
            sent = &sent_partitions[i];
        } else {
            for (const auto& candidate : sent_partitions) {
                if (candidate.topic_partition == r.topic_partition) {
                    sent = &candidate;
                    break;
                }
            }
        }
        if (sent != nullptr) backoff = !apply(from, *sent, r) || backoff;
    }
    if (backoff) {
        back_off(from, session);
    } else {
        maybe_fetch(from);
    }
}

bool FollowerFetcher::apply(sim::NodeId leader, const FetchPartition& sent,
                            const FetchablePartitionResponse& r) {
    Partition* p = replicas_.partition(r.topic_partition);
    // Only act on answers that still match what we follow: the partition may have changed
    // leader or epoch while the request was in flight.
    if (p == nullptr || p->role() != ReplicaRole::Follower || p->leader_id() != leader ||
        p->leader_epoch() != sent.current_leader_epoch ||
        p->log_end_offset() != sent.fetch_offset) {
        return true;
    }
    const int64_t now_ms = sim::to_ms(env_.now());
    switch (r.error) {
        case Error::NONE:
            if (r.diverging_epoch.present()) {
                hit(env_, Probe::FollowerTruncationByLeaderEpoch);
                env_.note("truncating " + r.topic_partition.str() + " on diverging epoch " +
                          std::to_string(r.diverging_epoch.epoch) + " end " +
                          std::to_string(r.diverging_epoch.end_offset));
                p->truncate_on_divergence(r.diverging_epoch);
                return true;
            }
            p->append_as_follower(r.records, now_ms);
            if (r.log_start_offset > p->log_start_offset() &&
                r.log_start_offset <= p->log_end_offset()) {
                p->log().advance_log_start_offset(r.log_start_offset);
            }
            p->update_follower_high_watermark(r.high_watermark);
            return true;
        case Error::OFFSET_OUT_OF_RANGE:
            hit(env_, Probe::FollowerOffsetOutOfRange);
            p->reset_out_of_range(sent.fetch_offset, r.log_start_offset, r.high_watermark);
            return true;
        default:
            // NOT_LEADER_OR_FOLLOWER, FENCED/UNKNOWN_LEADER_EPOCH, UNKNOWN_TOPIC_OR_PARTITION:
            // the leader and we disagree on metadata; wait for it to converge.
            return false;
    }
}

FollowerFetcher::Session* FollowerFetcher::find_session(uint64_t leader) {
    auto it = sessions_.find(static_cast<int32_t>(static_cast<uint32_t>(leader)));
    return it == sessions_.end() ? nullptr : &it->second;
}

void FollowerFetcher::on_backoff_over(uint64_t leader) {
    Session* session = find_session(leader);
    if (session == nullptr || session->state != SessionState::BackingOff) return;
    session->state = SessionState::Idle;
    maybe_fetch(static_cast<int32_t>(static_cast<uint32_t>(leader)));
}

void FollowerFetcher::on_request_timeout(uint64_t leader) {
    Session* session = find_session(leader);
    if (session == nullptr || session->state != SessionState::InFlight) return;
    back_off(static_cast<int32_t>(static_cast<uint32_t>(leader)), *session);
}

void FollowerFetcher::on_disconnected(sim::NodeId peer) {
    auto it = sessions_.find(peer);
    if (it == sessions_.end() || it->second.state != SessionState::InFlight) return;
    back_off(peer, it->second);
}

}  // namespace core::broker
