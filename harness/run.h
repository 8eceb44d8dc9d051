#pragma once
// One run: a World built from (scenario, seed), driven to the end of its drain, its
// history checked. The result carries everything reports and replay lines need.

#include <cstdint>
#include <map>
#include <string>
#include <optional>
#include <vector>

#include "sim/time.h"

namespace harness {

struct Scenario;

struct RunOptions {
    RunOptions() = default;
    RunOptions(bool keep_trace_events, bool keep_history_csv)
        : keep_trace(keep_trace_events), keep_history(keep_history_csv) {}

    /// Keep every trace event and export it as Chrome trace-event JSON (trace_json);
    /// the trace hash is computed either way.
    bool keep_trace = false;
    /// Write the history as CSV into RunResult::history_csv.
    bool keep_history = true;
    /// `kafkasim explain`: at this virtual time every random stream of the run is
    /// re-derived from (seed, reseed_salt) (World::reseed), so all later draws differ.
    /// Absent: the run draws from the seed's streams throughout.
    std::optional<sim::Time> reseed_at;
    uint64_t reseed_salt = 0;
};

struct RunResult {
    uint64_t seed = 0;
    /// Rolling hash of every trace event: equal for equal (scenario, seed), always.
    uint64_t trace_hash = 0;
    /// True when a failing anomaly was found (tolerated ones, like int-send-skip, don't
    /// count).
    bool failing = false;
    /// Names of the anomalies found, sorted and unique ("lost-write", "unseen").
    std::vector<std::string> anomalies;
    /// The checkers' verdict for a person: each anomaly with its evidence.
    std::string verdict_text;
    /// The history in the CSV contract of design.md §6 (empty unless keep_history).
    std::string history_csv;
    /// Counters of the run ("records_sent", "events", "virtual_seconds").
    std::map<std::string, double> metrics;
    /// Each [[steps]] action and what kafka-topics.sh would have printed for it.
    std::vector<std::pair<std::string, std::string>> step_outputs;
    /// Chrome trace-event JSON (empty unless keep_trace).
    std::string trace_json;

    bool shows(const std::string& anomaly) const;
};

/// "0x" and 16 hex digits: how replay prints a trace hash.
std::string format_trace_hash(uint64_t hash);

/// Runs `scenario` under `seed`. Deterministic: equal inputs give an equal result.
/// Thread-safe across calls: each call builds its own World.
RunResult run(const Scenario& scenario, uint64_t seed, const RunOptions& options);

}  // namespace harness
