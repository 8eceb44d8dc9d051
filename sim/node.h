#pragma once
// One node of a World: its lifecycle (start, crash, power loss, restart, pause/resume),
// its disk, its timers and clock, and the NodeEnv its Process sees.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "sim/disk.h"
#include "sim/event_loop.h"
#include "sim/node_env.h"
#include "sim/rng.h"

namespace sim {

class World;

enum class NodeState { Running, Paused, Crashed };

const char* node_state_name(NodeState state);

/// Builds the Process that runs on a node; called at start and at every restart.
using ProcessFactory = std::function<std::unique_ptr<Process>(NodeEnv&)>;

class Node final : public NodeEnv, public EventHandler {
   public:
    Node(World& world, NodeId id, std::string name, ProcessFactory factory, Rng rng,
         DiskOptions disk_options);
    ~Node() override;

    // NodeEnv: what the Process sees.
    NodeId self() const override { return id_; }
    Time now() const override;
    void cancel_timer(TimerId timer) override;
    void send(NodeId to, MessagePtr message) override;
    Disk& disk() override { return disk_; }
    Rng& rng() override { return rng_; }
    /// Replaces the node's stream (World::reseed); the Process keeps drawing from rng().
    void reseed(Rng rng) { rng_ = rng; }
    void note(std::string_view text) override;
    void probe(std::string_view name) override;

    // Lifecycle, driven by the World (faults, harness). Each returns false when it does
    // not apply (crash of a crashed node, resume of a running one...).
    /// Builds a fresh Process and calls on_start, at once or (`defer_on_start`) from an
    /// event at the current time. REQUIRES: crashed (a new node starts crashed).
    void start(bool defer_on_start = false);
    bool crash();
    bool power_loss();
    bool restart();
    bool pause();
    bool resume();
    void set_clock_skew(Duration skew) { clock_skew_ns_ = skew; }
    Duration clock_skew() const { return clock_skew_ns_; }

    // Called by the Network.
    void deliver(NodeId from, const MessagePtr& message);
    void notify_disconnected(NodeId peer);

    NodeState state() const { return state_; }
    /// Counts starts: a message or timer of an earlier incarnation is never delivered.
    uint64_t incarnation() const { return incarnation_; }
    Process* process() { return state_ == NodeState::Crashed ? nullptr : process_.get(); }
    const std::string& name() const { return name_; }
    /// How often each probe name was hit in this run (coverage marks).
    const std::map<std::string, uint64_t, std::less<>>& probes() const { return probes_; }

    void on_event(uint64_t a, uint64_t b, uint64_t c) override;

 protected:
    TimerId schedule_timer(Duration after, uint64_t target, uint64_t payload) override;

 private:
    /// Work that reached the node while it was paused, replayed in order on resume.
    struct Pending {
        enum class Kind { Start, Message, Timer, Disconnected } kind;
        NodeId peer = kNoNode;
        uint64_t target = 0;   ///< a Timer's target handle (sim/timer.h)
        uint64_t payload = 0;  ///< a Timer's payload
        MessagePtr message;
    };
    enum EventKind : uint64_t { kTimer = 0, kDrain = 1, kStart = 2, kEventKinds = 3 };

    void stop_process();
    void enqueue_or_handle(Pending pending);
    void handle(const Pending& pending);
    void drain_paused();

    World& world_;
    NodeId id_;
    std::string name_;
    ProcessFactory factory_;
    Rng rng_;
    Disk disk_;
    NodeState state_ = NodeState::Crashed;
    uint64_t incarnation_ = 0;
    Duration clock_skew_ns_ = 0;
    std::unique_ptr<Process> process_;
    // A process destroyed while one of its own handlers runs is parked here until the
    // handler returns.
    std::unique_ptr<Process> graveyard_;
    int dispatch_depth_ = 0;
    std::deque<Pending> paused_work_;
    std::map<std::string, uint64_t, std::less<>> probes_;
};

}  // namespace sim
