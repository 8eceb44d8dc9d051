#pragma once
// The failing-seed corpus (scenarios/corpus/, issue 10): every (scenario, seed) that once
// exposed a bug, with the commit that fixed it, kept as a CSV index and replayed by CI:
// each entry must pass now, or still show the violation it names.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "harness/run/run.h"
#include "harness/scenario/scenario.h"
#include "sim/result.h"

namespace harness {

/// One row of the index: `scenario,seed,expect,fixed_by,note`.
struct CorpusEntry {
    /// The scenario file, relative to the index's directory as written; resolved when
    /// loaded (`path`).
    std::string scenario;
    std::string path;
    uint64_t seed = 0;
    /// "pass" or "violation:<anomaly>"; empty means the scenario's own `expect`.
    std::string expect;
    /// The commit that fixed the bug the seed exposed; empty for a regression entry
    /// of a known-bad scenario (it must keep showing its violation).
    std::string fixed_by;
    std::string note;
    /// "index.csv:LINE", for messages.
    std::string where;
};

/// Reads an index; errors are "file:line: expected ...".
sim::Result<std::vector<CorpusEntry>> load_corpus(const std::string& index_path);

struct CorpusOutcome {
    CorpusEntry entry;
    /// The expectation actually checked ("pass", "violation:lost-write").
    std::string expect;
    bool held = false;
    RunResult result;
};

/// Runs each entry once under its seed and checks its expectation. A scenario that does
/// not load is bad input (the error names the entry).
sim::Result<std::vector<CorpusOutcome>> replay_corpus(
    const std::vector<CorpusEntry>& entries,
    const std::function<RunResult(const Scenario&, uint64_t, const RunOptions&)>& run);

}  // namespace harness
