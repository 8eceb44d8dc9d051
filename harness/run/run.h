#pragma once
// One run: a World built from (scenario, seed), driven to the end of its drain, its
// history checked. The result carries everything reports and replay lines need.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/time.h"
#include "sim/trace.h"

namespace sim {
class World;
}

namespace harness {

struct Scenario;

struct RunOptions {
    /// Keep every trace event and export it as Chrome trace-event JSON (trace_json);
    /// the trace hash is computed either way.
    bool keep_trace = false;
    /// Write the history as CSV into RunResult::history_csv.
    bool keep_history = true;
    /// Keep every trace event in RunResult::trace_events (for --check-determinism).
    bool keep_trace_events = false;
    /// Test-only: called with the World once the cluster is up, before the workload
    /// starts; a test injects nondeterminism into the simulated run through it.
    std::function<void(sim::World&)> perturb;
    /// `kafkasim explain`: at this virtual time every random stream of the run is
    /// re-derived from (seed, reseed_salt) (World::reseed), so all later draws differ.
    /// Absent: the run draws from the seed's streams throughout.
    std::optional<sim::Time> reseed_at;
    uint64_t reseed_salt = 0;
    /// `replay --dot`: keep the network's reachability as Graphviz DOT (topology_dot).
    bool keep_topology = false;
};

/// Options that only say which of the trace and the history to keep.
inline RunOptions run_options(bool keep_trace, bool keep_history) {
    RunOptions options;
    options.keep_trace = keep_trace;
    options.keep_history = keep_history;
    return options;
}

struct RunResult {
    uint64_t seed = 0;
    /// Rolling hash of every trace event: equal for equal (scenario, seed), always.
    uint64_t trace_hash = 0;
    /// True when a failing anomaly was found (tolerated ones, like int-send-skip, don't
    /// count).
    bool failing = false;
    /// Names of the anomalies that fail the run, sorted and unique ("lost-write", "unseen"):
    /// the verdict's rule (check::is_failing) decides, so tolerated ones such as
    /// int-send-skip are only in verdict_text.
    std::vector<std::string> anomalies;
    /// The checkers' verdict for a person: each anomaly with its evidence.
    std::string verdict_text;
    /// The history in the CSV contract of design.md §6 (empty unless keep_history).
    std::string history_csv;
    /// Counters of the run ("records_sent", "events", "virtual_seconds").
    std::map<std::string, double> metrics;
    /// What a person should know beyond the verdict, in trace time with the workload's
    /// frame beside it: "at 10.520s (workload 5.000s): a fault on leader(t,0) left none of
    /// the quorum's 1 controller voter running: ...".
    std::vector<std::string> notes;
    /// Each [[steps]] action and what kafka-topics.sh would have printed for it.
    std::vector<std::pair<std::string, std::string>> step_outputs;
    /// Chrome trace-event JSON (empty unless keep_trace).
    std::string trace_json;
    /// Coverage probe name → hits in this run, for the probes that fired (probes.def).
    std::map<std::string, uint64_t> probes;
    /// Every trace event in order (empty unless keep_trace_events), and the nodes' names.
    std::vector<sim::TraceEvent> trace_events;
    std::map<sim::NodeId, std::string> trace_node_names;
    /// Graphviz DOT of which links were up when the workload ended, before the drain
    /// healed the faults (sim::Topology::to_dot); empty unless keep_topology.
    std::string topology_dot;

    bool shows(const std::string& anomaly) const;
};

/// "0x" and 16 hex digits: how replay prints a trace hash.
std::string format_trace_hash(uint64_t hash);

/// Runs `scenario` under `seed`. Deterministic: equal inputs give an equal result.
/// Thread-safe across calls: each call builds its own World.
RunResult run(const Scenario& scenario, uint64_t seed, const RunOptions& options);

}  // namespace harness
