#include "sim/network.h"

#include <algorithm>

#include "sim/assert.h"
#include "sim/node.h"
#include "sim/world.h"

namespace sim {
namespace {

uint64_t pack_pair(NodeId from, NodeId to) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(from)) << 32) |
           static_cast<uint32_t>(to);
}

}  // namespace

Network::Network(World& world, NetworkOptions options, Rng rng)
    : world_(world), options_(options), rng_(rng) {
    KS_ASSERT(options_.one_way_latency_ns_mean >= 0);
    KS_ASSERT(options_.jitter_ns >= 0);
    KS_ASSERT(options_.connection_timeout_ns > 0);
}

Duration Network::draw_delay(const Connection& connection) {
    const Duration mean = options_.one_way_latency_ns_mean + connection.delay.extra_latency_ns;
    const Duration jitter = options_.jitter_ns + connection.delay.extra_jitter_ns;
    Duration delay = mean;
    if (jitter > 0) delay += rng_.between(-jitter, jitter);
    return std::max<Duration>(delay, 1);
}

void Network::send(NodeId from, NodeId to, MessagePtr message) {
    KS_ASSERT(message != nullptr);
    ++sent_;  // a node may message itself: it then takes a normal trip through the network
    Connection& conn = connection(from, to);
    conn.carried_traffic = true;
    Node* target = world_.find_node(to);
    const Time now = world_.now();
    if (conn.cut || target == nullptr || target->state() == NodeState::Crashed) {
        drop(from, to, *message, now);
        return;
    }
    // FIFO per connection: never earlier than the previous message on this connection.
    const Time at = std::max(conn.last_delivery, now + draw_delay(conn));
    conn.last_delivery = at;

    uint32_t slot;
    if (!free_in_flight_.empty()) {
        slot = free_in_flight_.back();
        free_in_flight_.pop_back();
    } else {
        slot = static_cast<uint32_t>(in_flight_.size());
        in_flight_.emplace_back();
    }
    InFlight& flight = in_flight_[slot];
    flight.from = from;
    flight.to = to;
    Node* sender = world_.find_node(from);
    flight.from_incarnation = sender != nullptr ? sender->incarnation() : 0;
    flight.to_incarnation = target->incarnation();
    flight.sent_at = now;
    flight.message = std::move(message);
    world_.loop().schedule_at(at, this, slot, kDeliver);
}

void Network::on_event(uint64_t a, uint64_t b, uint64_t) {
    if (b == kDeliver) {
        deliver(static_cast<uint32_t>(a));
        return;
    }
    KS_ASSERT(b == kDisconnect);
    fire_disconnect(static_cast<NodeId>(static_cast<uint32_t>(a >> 32)),
                    static_cast<NodeId>(static_cast<uint32_t>(a)));
}

void Network::deliver(uint32_t slot) {
    KS_ASSERT(slot < in_flight_.size());
    InFlight flight = std::move(in_flight_[slot]);
    in_flight_[slot].message.reset();
    free_in_flight_.push_back(slot);

    Node* target = world_.find_node(flight.to);
    Node* sender = world_.find_node(flight.from);
    const bool target_gone = target == nullptr || target->state() == NodeState::Crashed ||
                             target->incarnation() != flight.to_incarnation;
    // A crash tears down the sender's connections: what it sent before dies with it.
    const bool sender_gone = sender != nullptr && sender->incarnation() != flight.from_incarnation;
    if (target_gone || sender_gone || connection(flight.from, flight.to).cut) {
        drop(flight.from, flight.to, *flight.message, flight.sent_at);
        return;
    }
    ++delivered_;
    target->deliver(flight.from, flight.message);
}

void Network::drop(NodeId from, NodeId to, const Message& message, Time lost_since) {
    ++dropped_;
    world_.trace().record(world_.now(), TraceKind::Dropped, to, from, message.name(),
                          message.digest());
    schedule_disconnect(from, to, lost_since + options_.connection_timeout_ns);
}

void Network::schedule_disconnect(NodeId from, NodeId to, Time at) {
    Node* sender = world_.find_node(from);
    if (sender == nullptr || sender->state() == NodeState::Crashed) return;
    Connection& conn = connection(from, to);
    if (conn.disconnect_pending) return;
    conn.disconnect_pending = true;
    conn.disconnect_incarnation = sender->incarnation();
    world_.loop().schedule_at(std::max(at, world_.now()), this, pack_pair(from, to),
                              kDisconnect);
}

void Network::fire_disconnect(NodeId from, NodeId to) {
    Connection& conn = connection(from, to);
    KS_ASSERT(conn.disconnect_pending);
    conn.disconnect_pending = false;
    Node* sender = world_.find_node(from);
    if (sender == nullptr || sender->state() == NodeState::Crashed) return;
    if (sender->incarnation() != conn.disconnect_incarnation) return;
    sender->notify_disconnected(to);
}

void Network::on_node_down(NodeId node) {
    const Time at = world_.now() + options_.connection_timeout_ns;
    for (auto& [key, conn] : connections_) {
        if (!conn.carried_traffic) continue;
        if (key.first == node) {
            conn.carried_traffic = false;
            schedule_disconnect(key.second, node, at);  // the peer loses its connection
        } else if (key.second == node) {
            conn.carried_traffic = false;
            schedule_disconnect(key.first, node, at);
        }
    }
}

void Network::cut(NodeId a, NodeId b) {
    cut_one_way(a, b);
    cut_one_way(b, a);
}

void Network::cut_one_way(NodeId from, NodeId to) {
    KS_ASSERT(from != to);
    connection(from, to).cut = true;
}

void Network::heal(NodeId a, NodeId b) {
    heal_one_way(a, b);
    heal_one_way(b, a);
}

void Network::heal_one_way(NodeId from, NodeId to) {
    auto it = connections_.find({from, to});
    if (it != connections_.end()) it->second.cut = false;
}

void Network::heal_all() {
    for (auto& entry : connections_) entry.second.cut = false;
}

bool Network::is_cut(NodeId from, NodeId to) const {
    auto it = connections_.find({from, to});
    return it != connections_.end() && it->second.cut;
}

std::vector<std::pair<NodeId, NodeId>> Network::cuts() const {
    std::vector<std::pair<NodeId, NodeId>> result;
    for (const auto& [key, conn] : connections_) {
        if (conn.cut) result.push_back(key);
    }
    return result;
}

void Network::set_link_delay(NodeId from, NodeId to, LinkDelay delay) {
    KS_ASSERT(delay.extra_latency_ns >= 0);
    KS_ASSERT(delay.extra_jitter_ns >= 0);
    connection(from, to).delay = delay;
}

void Network::clear_link_delays() {
    for (auto& entry : connections_) entry.second.delay = LinkDelay{};
}

}  // namespace sim
