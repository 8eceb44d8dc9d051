#pragma once
// Localising a failing run (`kafkasim explain`, issue 10): the latest virtual time T at
// which re-drawing every random choice after T can still make the run pass, found by
// bisection, and the trace events around T: the step where the run went wrong.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "harness/run/run.h"
#include "harness/scenario/scenario.h"
#include "sim/result.h"
#include "sim/time.h"

namespace harness {

/// run() as explain calls it (tests pass a fake).
using ExplainRunFunction =
    std::function<RunResult(const Scenario&, uint64_t seed, const RunOptions&)>;

struct ExplainOptions {
    /// Salts tried at each candidate time; one passing run is enough.
    uint64_t salts = 6;
    /// Bisection stops when the passing and failing times are this close.
    sim::Duration resolution = sim::kMillisecond;
    /// Events printed on each side of the found time.
    sim::Duration window = 10 * sim::kMillisecond;
    /// At most this many events around the found time (the nearest ones).
    size_t max_events = 40;
    /// Give up bisecting after this many runs (the best interval so far is reported).
    size_t max_runs = 200;
    /// Told each candidate time and its outcome ("3.300000s: pass (salt 2)"), if set.
    std::function<void(const std::string&)> log;
};

/// One trace event as explain prints it.
struct ExplainEvent {
    sim::Time time = 0;
    std::string node;
    std::string kind;
    std::string name;
};

struct ExplainResult {
    uint64_t seed = 0;
    /// The failing anomalies of the original run.
    std::vector<std::string> anomalies;
    /// False when no re-draw from time 0 passed either: the failure does not hinge on
    /// randomness (or needs more salts); then pass_at/fail_at mean nothing.
    bool localised = false;
    /// Re-drawing after pass_at can pass (with `salt`); after fail_at it never did.
    sim::Time pass_at = 0;
    sim::Time fail_at = 0;
    uint64_t salt = 0;
    /// Runs spent, the original included.
    size_t runs = 0;
    /// The original run's trace events within the window around pass_at.
    std::vector<ExplainEvent> events;
};

/// Explains `seed` of `scenario`. Fails (a sim::Error) when the seed passes.
sim::Result<ExplainResult> explain(const Scenario& scenario, uint64_t seed,
                                   const ExplainRunFunction& run,
                                   const ExplainOptions& options = {});

/// The events of a Chrome trace-event JSON (RunResult::trace_json) in [from, to].
std::vector<ExplainEvent> trace_events_between(const std::string& trace_json, sim::Time from,
                                               sim::Time to);

/// What `kafkasim explain` prints: the interval, the salt, and the events, one a line.
std::string render_explain(const ExplainResult& result);

}  // namespace harness
