#pragma once
// The liveness phase of a run (issue 10, `[liveness]`): at `after` every fault heals,
// crashed and paused nodes come back and the nemesis stops; then, polling the cluster's
// state on the virtual clock, every convergence condition must hold within `within`.
// What never held becomes a failing `liveness` anomaly naming the unmet condition.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/event_loop.h"
#include "sim/time.h"

namespace harness {

class RunCluster;
struct Scenario;

/// One convergence condition at one poll: `key` names what it is about ("isr t-0"),
/// `unmet` says why it does not hold (empty when it holds).
struct LivenessCondition {
    std::string key;
    std::string unmet;
};

/// Every condition the cluster must reach, evaluated now: a leader and the full replica
/// set in the ISR for every partition, the high watermark at the log end offset, every
/// group Stable with all its partitions owned, and each consumer's lag drained to 0.
std::vector<LivenessCondition> liveness_conditions(RunCluster& cluster,
                                                   const Scenario& scenario);

class LivenessMonitor final : public sim::EventHandler {
   public:
    /// Time between two polls of the cluster's state.
    static constexpr sim::Duration kPollInterval = 100 * sim::kMillisecond;

    /// `heal(heal_faults)` stops the nemesis and, when `heal_faults`, heals the faults in
    /// force; the monitor calls it at `after`, then (when the scenario heals) restarts
    /// crashed and resumes paused nodes. REQUIRES: scenario.liveness; outlives the run.
    LivenessMonitor(RunCluster& cluster, const Scenario& scenario, sim::Time workload_start,
                    std::function<void(bool heal_faults)> heal);
    ~LivenessMonitor() override;

    /// The end of the liveness window: the run must not end before it.
    sim::Time deadline() const { return deadline_; }
    /// When the last condition first held; nullopt while (or when) some never did.
    std::optional<sim::Time> converged_at() const { return converged_at_; }
    /// Each condition that never held in the window, as it stood at the deadline, with
    /// the time: "partition t-0 ISR [1,2] is not the full replica set [1,2,3] at 50.000s".
    std::vector<std::string> unmet() const;

    void on_event(uint64_t a, uint64_t b) override;

   private:
    enum EventKind : uint64_t { kHeal = 0, kPoll = 1 };
    void heal_everything();
    void poll();

    RunCluster& cluster_;
    const Scenario& scenario_;
    std::function<void(bool heal_faults)> heal_;
    sim::Time after_ = 0;
    sim::Time deadline_ = 0;
    bool finished_ = false;
    std::optional<sim::Time> converged_at_;
    /// Every condition key seen, and whether it has held at some poll since `after`.
    std::map<std::string, bool> held_;
    /// The last poll's description of each condition that did not hold then.
    std::map<std::string, std::string> last_unmet_;
    sim::Time last_poll_ = 0;
};

}  // namespace harness
