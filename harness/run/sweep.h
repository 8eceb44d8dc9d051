#pragma once
// Seed sweeps: many seeds of one scenario on J threads, one World per seed, results in
// seed order whatever the thread timing; the summary and the expected-verdict decision.

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/run/run.h"
#include "harness/scenario/scenario.h"
#include "harness/trust/coverage.h"
#include "sim/result.h"

namespace harness {

/// What runs one seed: harness::run in the CLI, a fake in tests.
using RunFunction = std::function<RunResult(const Scenario&, uint64_t seed)>;
/// The line a person pastes to rerun a seed: "kafkasim replay F --seed N".
using ReplayLine = std::function<std::string(uint64_t seed)>;

/// Parses `--seeds`: "N" is seeds 1..N, "A..B" is A..B inclusive; at most kMaxSeeds.
sim::Result<std::vector<uint64_t>> parse_seeds(std::string_view text);
/// "7", "1..200" or "3, 9, 12": the seeds as a person reads them.
std::string seeds_text(const std::vector<uint64_t>& seeds);

struct SweepOptions {
    /// Worker threads; each runs whole seeds, one World at a time.
    int jobs = 1;
    /// Where to draw a progress bar (the CLI passes stderr on a terminal); null = none.
    std::FILE* progress = nullptr;
    /// Set as each worker's assertion context, so a crash prints its replay line.
    ReplayLine replay_line;
};

/// Runs every seed; result i belongs to seeds[i]. An exception thrown by `run` for some
/// seed stops the sweep and is rethrown (the earliest such seed's).
std::vector<RunResult> sweep(const Scenario& scenario, const std::vector<uint64_t>& seeds,
                             const SweepOptions& options, const RunFunction& run);

struct SweepSummary {
    Expectation expect;
    uint64_t seeds_run = 0;
    /// Seeds with a failing anomaly, in seed order.
    std::vector<uint64_t> failing_seeds;
    /// Anomaly name → how many seeds showed it.
    std::map<std::string, uint64_t> seeds_by_anomaly;
    std::optional<uint64_t> first_failing_seed;
    /// Seeds that show the expected anomaly (empty when expecting a pass).
    std::vector<uint64_t> seeds_showing_expected;
    /// `expect = "pass"`: no seed failed; `"violation:X"`: at least one seed showed X.
    bool expectation_held = false;
    /// Which coverage probes fired on how many seeds.
    Coverage coverage;
};

SweepSummary summarize(const Expectation& expect, const std::vector<RunResult>& results);

/// The table printed after a sweep, with a replay line per failing seed (at most
/// `max_replay_lines` of them).
std::string format_summary(const SweepSummary& summary, const ReplayLine& replay_line,
                           size_t max_replay_lines = 10);

}  // namespace harness
