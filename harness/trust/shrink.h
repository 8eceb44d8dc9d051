#pragma once
// Shrinking a failing run: under the same seed, delta-debug (ddmin) the scheduled
// faults, then shorten the run and the producers, keeping only changes after which the
// run still shows the same anomaly.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "harness/run/run.h"
#include "harness/run/sweep.h"
#include "harness/scenario/scenario.h"
#include "sim/result.h"

namespace harness {

/// Zeller's ddmin: a 1-minimal subset of {0, ..., n-1} on which `fails` holds, given
/// that it holds on the whole set. Indices come back in increasing order. Each subset
/// is tested at most once.
std::vector<size_t> ddmin(size_t n, const std::function<bool(const std::vector<size_t>&)>& fails);

struct ShrinkOptions {
    /// Stop trying smaller scenarios after this many runs (the best so far is kept).
    size_t max_runs = 500;
};

struct ShrinkResult {
    /// The smallest scenario found that still fails the same way under the seed.
    Scenario minimal;
    uint64_t seed = 0;
    /// The anomaly every accepted candidate had to show.
    std::string anomaly;
    size_t original_faults = 0;
    /// Runs spent, the original included.
    size_t runs = 0;
    /// The run of `minimal` under the seed.
    RunResult final_run;
};

/// Shrinks `scenario` under `seed`. Fails (a sim::Error) when the seed does not fail.
sim::Result<ShrinkResult> shrink(const Scenario& scenario, uint64_t seed,
                                 const RunFunction& run, const ShrinkOptions& options = {});

}  // namespace harness
