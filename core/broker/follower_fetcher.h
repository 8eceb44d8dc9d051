#pragma once
// The follower side of replication (Kafka's ReplicaFetcherThread): one fetch session per
// leader broker with at most one Fetch in flight, carrying every partition this broker
// follows from that leader. Responses append records, move the follower's high watermark,
// and truncate on a diverging epoch (KIP-595) or an out-of-range offset.

#include <cstdint>
#include <map>
#include <memory>

#include "core/protocol/fetch.h"
#include "sim/node_env.h"

namespace core::broker {

class ReplicaManager;

class FollowerFetcher {
 public:
    FollowerFetcher(sim::NodeEnv& env, ReplicaManager& replicas);

    /// Sends a fetch to `leader` unless one is in flight or backing off.
    void maybe_fetch(int32_t leader);
    void on_response(sim::NodeId from, const protocol::FetchResponse& response);
    void on_disconnected(sim::NodeId peer);

    /// replica.fetch.wait.max.ms, replica.fetch.backoff.ms, replica.socket.timeout.ms
    int32_t fetch_wait_max_ms = 500;
    int32_t fetch_backoff_ms = 1000;
    int32_t socket_timeout_ms = 30000;

 private:
    enum class SessionState { Idle, InFlight, BackingOff };
    struct Session {
        SessionState state = SessionState::Idle;
        std::shared_ptr<const protocol::FetchRequest> request;
        sim::TimerId timer;
    };
    void back_off(int32_t leader, Session& session);
    /// replica.fetch.backoff.ms passed (payload: the leader).
    void on_backoff_over(uint64_t leader);
    /// replica.socket.timeout.ms passed without an answer (payload: the leader).
    void on_request_timeout(uint64_t leader);
    Session* find_session(uint64_t leader);
    /// Applies one partition's answer; false when it calls for a back-off.
    bool apply(sim::NodeId leader, const protocol::FetchPartition& sent,
               const protocol::FetchablePartitionResponse& response);

    sim::NodeEnv& env_;
    ReplicaManager& replicas_;
    std::map<int32_t, Session> sessions_;
    sim::TimerMember<FollowerFetcher, &FollowerFetcher::on_backoff_over> backoff_timer_{*this};
    sim::TimerMember<FollowerFetcher, &FollowerFetcher::on_request_timeout> timeout_timer_{*this};
};

}  // namespace core::broker
