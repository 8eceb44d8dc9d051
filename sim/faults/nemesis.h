#pragma once
// The nemesis: seeded random faults of named kinds, one at a time at a steady rate, until
// a stop time after which it heals everything (the quiet phase in which a correct system
// must recover).

#include <memory>
#include <string>
#include <vector>

#include "sim/event_loop.h"
#include "sim/faults/fault.h"
#include "sim/faults/schedule.h"
#include "sim/rng.h"

namespace sim {

class World;

struct NemesisOptions {
    /// Registry names of the fault kinds to draw from, uniformly ("crash", "pause",
    /// "partition-halves"...). Parameters (delay latency, skew...) are drawn per fault.
    std::vector<std::string> kinds;
    /// Time between the starts of two faults.
    Duration interval_ns = 4 * kSecond;
    /// How long each fault lasts before it heals; at most interval_ns, so faults never
    /// overlap.
    Duration fault_duration_ns = 2 * kSecond;
    /// When the first fault starts.
    Time start_ns = 0;
    /// After this time no fault starts, and the one in force heals at once.
    Time stop_ns = kTimeNever;
    /// Targets for faults that act on chosen nodes (crash, pause...): one is picked per
    /// fault and handed to the resolver. Empty means one random node of the World.
    std::vector<std::string> node_targets;
    /// The target handed to the resolver for partition shapes: the nodes they split.
    /// Empty means every node.
    std::string partition_target;
};

class Nemesis final : public EventHandler {
   public:
    /// An empty `resolver` means world_resolver(world). REQUIRES: outlives the run.
    Nemesis(World& world, NemesisOptions options, TargetResolver resolver = {});
    ~Nemesis() override;

    /// Checks the kinds and arms the first fault; an error names an unknown kind.
    Status start();
    /// Heals the fault in force and stops drawing new ones.
    void stop();

    /// Re-derives the nemesis stream from the World's (reseeded) root.
    void reseed() { rng_ = world_rng_child(); }
    /// Faults applied so far, in order ("crash broker:2"), for reports.
    const std::vector<std::string>& history() const { return history_; }

    void on_event(uint64_t a, uint64_t b, uint64_t) override;

 private:
    enum EventKind : uint64_t { kStrike = 0, kHeal = 1, kStop = 2 };
    void strike();
    void heal_current();
    Rng world_rng_child() const;

    World& world_;
    NemesisOptions options_;
    TargetResolver resolver_;
    Rng rng_;
    std::vector<FaultKind> kinds_;
    std::unique_ptr<Fault> current_;
    bool stopped_ = false;
    std::vector<std::string> history_;
};

}  // namespace sim
