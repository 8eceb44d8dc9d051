#pragma once
// A World owns everything in one run: the clock and event loop, the root RNG, the
// network, every node's disk and process, the faults and the trace. Two Worlds never
// share state, so seeds run in parallel on threads.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/disk.h"
#include "sim/event_loop.h"
#include "sim/network.h"
#include "sim/node.h"
#include "sim/node_env.h"
#include "sim/rng.h"
#include "sim/trace.h"

namespace sim {

struct WorldOptions {
    /// The run's root seed: every random choice in the World derives from it.
    uint64_t seed = 1;
    NetworkOptions network;
    DiskOptions disk;
    /// Keep every trace event in memory (for JSON export); the hash is kept always.
    bool keep_trace_events = false;
};

// ProcessFactory (sim/node.h) builds the Process that runs on a node.

class World {
   public:
    explicit World(WorldOptions options);
    ~World();
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    /// Adds a node: its Process is built now (so process_as works at once) and its
    /// on_start runs from an event at the current time, so nodes added together all
    /// exist before any of them starts. `name` is for traces ("broker-1", "producer-x").
    void add_node(NodeId id, std::string name, ProcessFactory factory);
    bool has_node(NodeId id) const;
    std::vector<NodeId> node_ids() const;
    const std::string& node_name(NodeId id) const;
    NodeState node_state(NodeId id) const;

    /// The running process on `id`, or nullptr when the node is down.
    Process* process(NodeId id);
    template <typename T>
    T* process_as(NodeId id) {
        return dynamic_cast<T*>(process(id));
    }
    Disk& disk(NodeId id);
    /// The node object (lifecycle, clock skew, probes), or nullptr for an unknown id.
    Node* find_node(NodeId id);
    const Node* find_node(NodeId id) const;

    // Lifecycle faults. Each is a no-op (returning false) when it does not apply.
    bool crash(NodeId id);       ///< memory and timers lost; page cache kept
    bool power_loss(NodeId id);  ///< crash, and unsynced disk writes lost
    bool restart(NodeId id);     ///< rebuild the process from its disk
    bool pause(NodeId id);       ///< stop-the-world: silent until resume
    bool resume(NodeId id);
    /// Shifts a node's local clock (timers) by `skew`.
    void set_clock_skew(NodeId id, Duration skew);

    Time now() const { return loop_.now(); }
    void run_until(Time until) { loop_.run_until(until); }
    void run_for(Duration duration) { loop_.run_for(duration); }

    EventLoop& loop() { return loop_; }
    Network& network() { return *network_; }
    Trace& trace() { return trace_; }
    Rng& rng() { return rng_; }
    /// Re-derives every stream from (seed, salt): the root, the network's and each node's,
    /// so every draw from now on differs from the original run's (explain's bisection).
    /// Streams held elsewhere (nemesis, fault schedule) re-derive through their reseed().
    void reseed(uint64_t salt);
    uint64_t seed() const { return options_.seed; }
    uint64_t trace_hash() const { return trace_.hash(); }
    /// Records a fault (applied or healed) in the trace: `what` such as "crash",
    /// "heal partition-halves"; `node` the target or kNoNode.
    void record_fault(std::string_view what, NodeId node = kNoNode);
    /// Records a note from the harness in the trace.
    void note(std::string_view text);
    /// How often each coverage probe was hit in this run, summed over every node (a
    /// node's counts outlive its crashes). Probes never touch the trace.
    std::map<std::string, uint64_t> probe_counts() const;

   private:
    friend class Node;
    WorldOptions options_;
    EventLoop loop_;
    Rng rng_;
    Trace trace_;
    std::unique_ptr<Network> network_;
    std::map<NodeId, std::unique_ptr<Node>> nodes_;
};

}  // namespace sim
