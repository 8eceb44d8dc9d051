#pragma once
// Reports of sweeps: JSON, JUnit XML (for CI) and Markdown, one format a file
// (json.cc, junit.cc, markdown.cc); output.h writes them.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "harness/run/run.h"
#include "harness/run/sweep.h"
#include "harness/scenario/scenario.h"
#include "sim/result.h"

namespace harness {

/// One scenario's sweep over one batch of seeds: one JUnit testcase.
struct ScenarioReport {
    std::string scenario_file;
    std::string name;
    std::string description;
    std::vector<uint64_t> seeds;
    /// In seed order; history and trace may be empty (a sweep does not keep them).
    std::vector<RunResult> results;
    SweepSummary summary;
    /// Failing seed → the line that replays it.
    std::map<uint64_t, std::string> replay_lines;
};

ScenarioReport make_report(const Scenario& scenario, std::vector<uint64_t> seeds,
                           std::vector<RunResult> results, const ReplayLine& replay_line);

std::string report_json(const std::vector<ScenarioReport>& reports);
/// One <testsuite> per scenario, one <testcase> per seed batch; a failure names the
/// unexpected verdict and carries the replay line of each failing seed.
std::string report_junit(const std::vector<ScenarioReport>& reports);
std::string report_markdown(const std::vector<ScenarioReport>& reports);

/// The one-line reason a report's expectation failed ("" when it held).
std::string failure_message(const ScenarioReport& report);

}  // namespace harness
