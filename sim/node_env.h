#pragma once
// THE seam: everything a node (broker, controller, client) may ask of the world. core/
// sees the world only through this class; tests pass a scripted one.

#include <cstdint>
#include <string_view>

#include "sim/disk.h"
#include "sim/message.h"
#include "sim/rng.h"
#include "sim/time.h"
#include "sim/timer.h"

namespace sim {

/// Handle to a pending timer; 0 is "no timer".
struct TimerId {
    uint64_t value = 0;
    explicit operator bool() const { return value != 0; }
};

/// What runs on a node. The World builds a fresh Process at every start and restart
/// (memory is lost on crash; only the Disk survives). Handlers run to completion.
class Process {
   public:
    virtual ~Process() = default;
    /// Called once after construction, at (re)start time.
    virtual void on_start() = 0;
    virtual void on_message(NodeId from, const MessagePtr& message) = 0;
    /// The connection to `peer` broke (messages were lost on a cut link, or the peer
    /// crashed). Sent after the network's connection timeout, like a TCP reset/timeout.
    virtual void on_disconnected(NodeId peer) { (void)peer; }
};

class NodeEnv {
   public:
    virtual ~NodeEnv() = default;

    virtual NodeId self() const = 0;
    /// This node's local clock: virtual time plus any clock-skew fault on the node.
    virtual Time now() const = 0;

    /// Calls target.on_timer(payload) after `after` (of this node's clock). Timers vanish
    /// when the node crashes or the target is destroyed; a paused node's timers fire late,
    /// on resume. REQUIRES: `target` lives in this node's Process.
    TimerId start_timer(Duration after, TimerTarget& target, uint64_t payload = 0) {
        return schedule_timer(after, timer_targets_.handle(target), payload);
    }
    /// Cancelling a fired, cancelled or empty timer is a no-op.
    virtual void cancel_timer(TimerId timer) = 0;

    /// Sends over the simulated network: FIFO per (self, to), delayed by latency and
    /// jitter, lost if the link is cut (then on_disconnected fires after the timeout).
    virtual void send(NodeId to, MessagePtr message) = 0;

    /// The correlation id of this node's next request. One counter serves every component
    /// of the node (broker, coordinators, fetchers, clients), so no two of its requests in
    /// flight share an id and a response finds its request by id alone. It keeps counting
    /// across restarts; a response never reaches a later incarnation anyway (sim/network.h).
    int32_t next_correlation_id() {
        if (last_correlation_id_ == INT32_MAX) last_correlation_id_ = 0;  // Kafka wraps too
        return ++last_correlation_id_;
    }

    virtual Disk& disk() = 0;
    /// This node's own random stream (derived from the World seed and the node id).
    virtual Rng& rng() = 0;

    /// Records a note in the trace (e.g. "became leader of t-0 epoch 3").
    virtual void note(std::string_view text) = 0;
    /// Coverage probe: counts that this protocol state was reached in this run.
    virtual void probe(std::string_view name) { (void)name; }

 protected:
    /// Implementations schedule the timer and, when it is due, call fire_timer with the
    /// same `target` and `payload`.
    virtual TimerId schedule_timer(Duration after, uint64_t target, uint64_t payload) = 0;
    /// Runs a due timer; false (nothing ran) when its target is gone.
    bool fire_timer(uint64_t target, uint64_t payload) {
        return timer_targets_.fire(target, payload);
    }

 private:
    TimerTargets timer_targets_;
    int32_t last_correlation_id_ = 0;
};

}  // namespace sim
