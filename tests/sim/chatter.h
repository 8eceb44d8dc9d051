#pragma once
// A small test process for sim/ tests: every `period` it sends a numbered Ping to each
// peer and records what it receives, so tests can read delivery order and loss.

#include <map>
#include <memory>
#include <vector>

#include "sim/node_env.h"
#include "sim/world.h"

namespace sim::testing {

struct Ping final : Message {
    Ping(NodeId origin, int sequence) : origin(origin), sequence(sequence) {}
    const char* name() const override { return "Ping"; }
    uint64_t digest() const override {
        return (static_cast<uint64_t>(origin) << 32) | static_cast<uint32_t>(sequence);
    }
    NodeId origin;
    int sequence;
};

class Chatter final : public Process, public TimerTarget {
 public:
    Chatter(NodeEnv& env, std::vector<NodeId> peers, Duration period)
        : env_(env), peers_(std::move(peers)), period_(period) {}

    void on_start() override {
        ++starts;
        if (period_ > 0) env_.start_timer(period_, *this);
    }
    void on_message(NodeId from, const MessagePtr& message) override {
        received[from].push_back(static_cast<const Ping&>(*message).sequence);
        received_at.push_back(env_.now());
    }
    void on_timer(uint64_t) override {
        ++next_sequence_;
        for (NodeId peer : peers_) {
            if (peer == env_.self()) continue;
            env_.send(peer, std::make_shared<Ping>(env_.self(), next_sequence_));
        }
        env_.start_timer(period_, *this);
        // A random draw from the node's own stream, so seeds change the trace.
        env_.note(env_.rng().uniform(2) == 0 ? "heads" : "tails");
    }
    void on_disconnected(NodeId peer) override { disconnected.push_back(peer); }

    int starts = 0;
    std::map<NodeId, std::vector<int>> received;
    std::vector<Time> received_at;
    std::vector<NodeId> disconnected;

   private:
    NodeEnv& env_;
    std::vector<NodeId> peers_;
    Duration period_;
    int next_sequence_ = 0;
};

/// Adds nodes `ids` to `world`, each a Chatter talking to all the others.
inline void add_chatters(World& world, const std::vector<NodeId>& ids, Duration period) {
    for (NodeId id : ids) {
        world.add_node(id, "node-" + std::to_string(id), [ids, period](NodeEnv& env) {
            return std::make_unique<Chatter>(env, ids, period);
        });
    }
}

inline Chatter& chatter(World& world, NodeId id) { return *world.process_as<Chatter>(id); }

}  // namespace sim::testing
