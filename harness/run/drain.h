#pragma once
// The drain a run uses after `duration`: the scenario's `drain` when it sets one, else the
// recovery time its own configs and faults imply (issue 17), so a safe configuration is
// not reported as losing records the cluster simply had not recovered enough to serve.

#include <string>

#include "sim/time.h"

namespace harness {

struct Scenario;

/// The drain and where it comes from, for the run summary.
struct DrainPlan {
    sim::Duration drain = 0;
    /// False when the scenario (or --set) gave `drain`.
    bool derived = false;
    /// The recovery chain that decided a derived drain, in Kafka's config names
    /// ("crash broker:2 heals at 10s, then ...").
    std::string why;
};

/// A derived drain is never shorter than this: a quiet cluster still needs a few fetch
/// waits, retry backoffs and commit round trips to hand out what was acknowledged last.
constexpr sim::Duration kMinimumDrain = 10 * sim::kSecond;
/// Added to the longest recovery chain: the polls, fetches and commits after it.
constexpr sim::Duration kDrainMargin = 5 * sim::kSecond;

/// The drain `scenario` runs with and why.
DrainPlan drain_plan(const Scenario& scenario);

/// drain_plan(scenario).drain.
sim::Duration drain_of(const Scenario& scenario);

/// One line for the run summary: "25s (derived: ...; `drain` overrides)" or "15s (set)".
std::string drain_text(const Scenario& scenario);

}  // namespace harness
