#pragma once
// The determinism check behind `kafkasim replay --check-determinism`: run one seed twice
// and, when the trace hashes differ, name the first differing trace event (index,
// virtual time, node) with both runs' versions of it.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/run/run.h"
#include "sim/trace.h"

namespace harness {

struct Scenario;

/// The first place two traces disagree. An event is absent (nullopt) in the run that
/// ended before reaching `index`.
struct Divergence {
    uint64_t index = 0;
    std::optional<sim::TraceEvent> first;
    std::optional<sim::TraceEvent> second;
};

/// The index of the first event that differs in any field (time, kind, node, peer, name,
/// detail), or where the shorter trace ends; nullopt when the traces are equal.
std::optional<Divergence> first_divergence(const std::vector<sim::TraceEvent>& first,
                                           const std::vector<sim::TraceEvent>& second);

struct DeterminismReport {
    uint64_t seed = 0;
    uint64_t first_hash = 0;
    uint64_t second_hash = 0;
    uint64_t first_events = 0;
    uint64_t second_events = 0;
    /// Set when the hashes differ.
    std::optional<Divergence> divergence;
    /// Node id → name, from the first run, for printing.
    std::map<sim::NodeId, std::string> node_names;

    bool deterministic() const { return first_hash == second_hash; }
};

/// Runs how `kafkasim` runs a seed with the given options (harness::run, or a wrapper).
using RunWithOptions = std::function<RunResult(const Scenario&, uint64_t, const RunOptions&)>;

/// Runs `seed` twice keeping every trace event, and compares. The runs are the same
/// call; any difference comes from the simulation itself.
DeterminismReport check_determinism(const Scenario& scenario, uint64_t seed,
                                    const RunWithOptions& run);

/// "seed 7: deterministic, trace hash 0x..." or the divergence: index, time, node and
/// both versions of the first differing event.
std::string format_determinism(const DeterminismReport& report);

}  // namespace harness
