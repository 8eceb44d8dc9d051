#pragma once
// THE seam: everything a node (broker, controller, client) may ask of the world. core/
// sees the world only through this class; tests pass a scripted one.

#include <cstdint>
#include <string_view>

#include "sim/disk.h"
#include "sim/message.h"
#include "sim/rng.h"
#include "sim/time.h"

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
    /// A timer started with `tag` fired.
    virtual void on_timer(uint64_t tag) = 0;
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

    /// Calls process->on_timer(tag) after `after` (of this node's clock). Timers vanish
    /// when the node crashes; a paused node's timers fire late, on resume.
    virtual TimerId start_timer(Duration after, uint64_t tag) = 0;
    /// Cancelling a fired, cancelled or empty timer is a no-op.
    virtual void cancel_timer(TimerId timer) = 0;

    /// Sends over the simulated network: FIFO per (self, to), delayed by latency and
    /// jitter, lost if the link is cut (then on_disconnected fires after the timeout).
    virtual void send(NodeId to, MessagePtr message) = 0;

    virtual Disk& disk() = 0;
    /// This node's own random stream (derived from the World seed and the node id).
    virtual Rng& rng() = 0;

    /// Records a note in the trace (e.g. "became leader of t-0 epoch 3").
    virtual void note(std::string_view text) = 0;
    /// Coverage probe: counts that this protocol state was reached in this run.
    virtual void probe(std::string_view name) { (void)name; }
};

}  // namespace sim
