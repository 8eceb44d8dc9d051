#pragma once
// Watches the KRaft quorum through the faults of a run: after each fault that touches a
// controller voter it checks whether any voter still runs, and when none does it writes a
// note for the run's result (a one-voter quorum whose broker crashes freezes the control
// plane: no elections, no broker registrations, no producer ids until it returns).

#include <string>
#include <vector>

#include "sim/event_loop.h"
#include "sim/faults/schedule.h"
#include "sim/time.h"

namespace harness {

class RunCluster;

class QuorumWatch final : public sim::EventHandler {
   public:
    /// REQUIRES: outlives every fault schedule and nemesis given resolver().
    QuorumWatch(RunCluster& cluster, sim::Time workload_start);
    ~QuorumWatch() override;

    /// The cluster's resolver; each answer that includes a voter arms a check that runs
    /// right after the fault applies (same virtual time, later in the queue). The check
    /// neither traces nor draws randomness: the trace hash is unchanged.
    sim::TargetResolver resolver();

    /// "at 10.520s (workload 5s): crash leader(t,0) took down broker 1, the last
    /// running controller voter ..."; one note per outage, at most kMaxNotes.
    const std::vector<std::string>& notes() const { return notes_; }

    void on_event(uint64_t a, uint64_t b) override;

   private:
    static constexpr size_t kMaxNotes = 5;
    bool any_voter_running() const;

    RunCluster& cluster_;
    sim::Time workload_start_ = 0;
    std::vector<sim::NodeId> voters_;
    /// The targets of the faults whose checks are armed, by index.
    std::vector<std::string> targets_;
    /// Whether the last check found no voter running (an outage already noted).
    bool down_ = false;
    std::vector<std::string> notes_;
};

}  // namespace harness
