#pragma once
// The simulated network: directed FIFO connections with latency and jitter, links that
// can be cut (one way or both), and loss reported to the sender after a TCP-like timeout.

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "sim/event_loop.h"
#include "sim/message.h"
#include "sim/rng.h"
#include "sim/time.h"

namespace sim {

class World;

struct NetworkOptions {
    /// Mean one-way delay of a message on every link.
    Duration one_way_latency_ns_mean = 1 * kMillisecond;
    /// Each message's delay is the mean plus a uniform draw in [-jitter, +jitter]
    /// (never below 1 ns). FIFO per connection still holds: a message never overtakes
    /// an earlier one on the same (from, to) connection.
    Duration jitter_ns = 0;
    /// How long after a message is lost (cut link, target down) the sender's process
    /// hears on_disconnected(peer), like a TCP retransmission timeout.
    Duration connection_timeout_ns = 1 * kSecond;
};

/// Extra delay on one directed link, set by a delay fault.
struct LinkDelay {
    /// Added to the network's mean one-way latency.
    Duration extra_latency_ns = 0;
    /// Added to the network's jitter.
    Duration extra_jitter_ns = 0;
};

class Network final : public EventHandler {
   public:
    Network(World& world, NetworkOptions options, Rng rng);

    /// Sends `message` on the (from, to) connection. Lost when the link is cut or the
    /// target is down at send or at arrival; then the sender hears on_disconnected.
    void send(NodeId from, NodeId to, MessagePtr message);

    /// Cuts both directions between a and b.
    void cut(NodeId a, NodeId b);
    /// Cuts only from -> to: messages from `from` to `to` are lost, replies still flow.
    void cut_one_way(NodeId from, NodeId to);
    void heal(NodeId a, NodeId b);
    void heal_one_way(NodeId from, NodeId to);
    /// Heals every cut link.
    void heal_all();
    bool is_cut(NodeId from, NodeId to) const;
    /// Every directed cut (from, to), sorted.
    std::vector<std::pair<NodeId, NodeId>> cuts() const;

    void set_link_delay(NodeId from, NodeId to, LinkDelay delay);
    void clear_link_delays();

    /// The node crashed: its connections are gone. Peers that had a connection hear
    /// on_disconnected after the connection timeout; in-flight messages to it are lost.
    void on_node_down(NodeId node);

    const NetworkOptions& options() const { return options_; }
    /// Replaces the stream latency and jitter draw from (World::reseed).
    void reseed(Rng rng) { rng_ = rng; }
    uint64_t sent() const { return sent_; }
    uint64_t delivered() const { return delivered_; }
    uint64_t dropped() const { return dropped_; }

    void on_event(uint64_t a, uint64_t b, uint64_t) override;

 private:
    struct Connection {
        bool cut = false;
        bool carried_traffic = false;
        bool disconnect_pending = false;
        uint64_t disconnect_incarnation = 0;  // the sender incarnation that lost data
        Time last_delivery = 0;
        LinkDelay delay;
    };
    struct InFlight {
        NodeId from = kNoNode;
        NodeId to = kNoNode;
        uint64_t from_incarnation = 0;
        uint64_t to_incarnation = 0;
        Time sent_at = 0;
        MessagePtr message;
    };
    enum EventKind : uint64_t { kDeliver = 0, kDisconnect = 1 };

    Connection& connection(NodeId from, NodeId to) { return connections_[{from, to}]; }
    Duration draw_delay(const Connection& connection);
    void deliver(uint32_t slot);
    void drop(NodeId from, NodeId to, const Message& message, Time lost_since);
    void schedule_disconnect(NodeId from, NodeId to, Time at);
    void fire_disconnect(NodeId from, NodeId to);

    World& world_;
    NetworkOptions options_;
    Rng rng_;
    std::map<std::pair<NodeId, NodeId>, Connection> connections_;
    std::vector<InFlight> in_flight_;
    std::vector<uint32_t> free_in_flight_;
    uint64_t sent_ = 0;
    uint64_t delivered_ = 0;
    uint64_t dropped_ = 0;
};

}  // namespace sim
