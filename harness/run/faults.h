#pragma once
// A scenario's [[faults]] and [nemesis] put on a running cluster, from a start time: what
// `run` does after its setup, and what `kafkasim serve` does before it starts pacing.

#include <memory>
#include <string>
#include <vector>

#include "harness/run/cluster.h"
#include "harness/scenario/scenario.h"
#include "sim/faults/nemesis.h"
#include "sim/faults/schedule.h"

namespace harness {

/// Adds every [[faults]] entry to `schedule` at `start` + its `at`; an entry that does
/// not parse is skipped and named in `errors`.
void schedule_faults(const Scenario& scenario, sim::Time start, sim::FaultSchedule& schedule,
                     std::vector<std::string>& errors);

/// Starts the scenario's [nemesis] (first fault at `start` + every, last before `start` +
/// duration), or returns nullptr when it has none; a failed start is named in `errors`.
/// `resolver` turns its targets into nodes (a run's watches the controller quorum).
std::unique_ptr<sim::Nemesis> make_nemesis(const Scenario& scenario, RunCluster& cluster,
                                           sim::Time start, sim::TargetResolver resolver,
                                           std::vector<std::string>& errors);

}  // namespace harness
