#pragma once
// A client's connections to brokers: correlation ids, per-broker in-flight requests,
// request.timeout.ms, and failing every in-flight request when a connection breaks,
// as Kafka's NetworkClient does for the producer, consumer and admin client.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include "core/protocol/api.h"
#include "core/protocol/errors.h"
#include "sim/node_env.h"

namespace core::protocol {
class KafkaMessage;
}

namespace core::client {

/// What a request's owner hears back: the response, or an error without one
/// (REQUEST_TIMED_OUT when request.timeout.ms passed, NETWORK_EXCEPTION on disconnect).
using ResponseHandler =
    std::function<void(const protocol::KafkaMessage* response, protocol::Error error)>;

class Wakeup;

class NetworkClient final : public sim::TimerTarget {
 public:
    /// `wakeup`, if given, runs the owner's loop after a request timed out.
    NetworkClient(sim::NodeEnv& env, sim::Duration request_timeout, Wakeup* wakeup = nullptr);
    ~NetworkClient();
    NetworkClient(const NetworkClient&) = delete;
    NetworkClient& operator=(const NetworkClient&) = delete;

    /// Sends `request` (its correlation_id comes from the node's one allocator). With
    /// `expect_response` false (acks=0) nothing is tracked and `handler` is never called. REQUIRES:
    /// request is not shared with anyone else yet.
    void send(sim::NodeId to, std::shared_ptr<protocol::KafkaMessage> request,
              ResponseHandler handler, bool expect_response = true);

    /// True (and the handler has run) when `message` answered one of our requests. A
    /// response to a request that already timed out or failed is not ours any more.
    bool on_message(sim::NodeId from, const sim::MessagePtr& message);
    /// request.timeout.ms of the request with this correlation id passed.
    void on_timer(uint64_t correlation_id) override;
    /// Fails every request in flight to `peer` with NETWORK_EXCEPTION.
    void on_disconnected(sim::NodeId peer);

    /// Requests awaiting a response from `node` (max.in.flight.requests.per.connection).
    int in_flight(sim::NodeId node) const;
    int in_flight_total() const { return static_cast<int>(pending_.size()); }
    /// The broker among `candidates` with the fewest requests in flight (Kafka's
    /// leastLoadedNode), ties broken by rotating through the list.
    sim::NodeId least_loaded(const std::vector<sim::NodeId>& candidates);
    sim::NodeEnv& env() { return env_; }

   private:
    struct Pending {
        sim::NodeId node = sim::kNoNode;
        sim::TimerId timer;
        ResponseHandler handler;
    };
    void fail(int32_t correlation_id, protocol::Error error);

    sim::NodeEnv& env_;
    sim::Duration request_timeout_;
    Wakeup* wakeup_;
    uint64_t least_loaded_rotation_ = 0;
    std::map<int32_t, Pending> pending_;
    std::map<sim::NodeId, int> in_flight_;
};

}  // namespace core::client
