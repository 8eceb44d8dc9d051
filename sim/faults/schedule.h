#pragma once
// A time-ordered schedule of faults on a World. Targets are strings ("broker:2",
// "leader(t,0)") resolved to nodes only when a fault fires, by a resolver the harness
// supplies, so sim/ knows no Kafka roles. A fault with a duration heals when it ends.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/event_loop.h"
#include "sim/faults/fault.h"
#include "sim/rng.h"

namespace sim {

class World;

/// Maps a target string to the nodes it means right now. It receives "" when a spec
/// names no target, and should then return every node the fault may touch.
using TargetResolver = std::function<std::vector<NodeId>(std::string_view target)>;

/// A resolver that knows only the World: "" or "all" -> every node; "3" or "1,2,5" ->
/// those ids; a node name ("broker-1") -> that node; anything else -> no node.
TargetResolver world_resolver(const World& world);

class FaultSchedule final : public EventHandler {
   public:
    /// An empty `resolver` means world_resolver(world).
    FaultSchedule(World& world, TargetResolver resolver = {});
    ~FaultSchedule() override;

    /// Adds a fault from its spec: "kind" and "at" are required; "duration" (heal after
    /// it; absent = stays until heal_all), "target" and the kind's own keys are optional.
    /// REQUIRES: at >= world.now().
    Status add(const FaultSpec& spec);
    /// Adds a parsed fault at `at`; `duration` 0 means it stays until heal_all.
    void add(Time at, Duration duration, std::string target, std::unique_ptr<Fault> fault);

    /// Heals every fault now in force, at once (the run's quiet phase).
    void heal_all();

    /// Re-derives the schedule's stream from the World's (reseeded) root.
    void reseed();
    size_t size() const { return entries_.size(); }
    /// Faults applied so far, and faults whose target resolved to no node (skipped).
    size_t applied() const { return applied_; }
    size_t skipped() const { return skipped_; }

    void on_event(uint64_t a, uint64_t b, uint64_t) override;

 private:
    enum class Phase { Waiting, Active, Done };
    struct Entry {
        Time at = 0;
        Duration duration = 0;
        std::string target;
        std::unique_ptr<Fault> fault;
        Phase phase = Phase::Waiting;
    };
    enum EventKind : uint64_t { kApply = 0, kHeal = 1 };
    void fire(size_t index);
    void end(size_t index);

    World& world_;
    TargetResolver resolver_;
    Rng rng_;
    std::vector<Entry> entries_;
    size_t applied_ = 0;
    size_t skipped_ = 0;
};

}  // namespace sim
