// The JSON report: every scenario's summary and each seed's verdict, for tools.
#include <nlohmann/json.hpp>

#include "harness/report/report.h"

namespace harness {
namespace {

/// Fired probes with their seeds and hits, and the known probes that never fired.
nlohmann::json coverage_json(const Coverage& coverage) {
    nlohmann::json fired = nlohmann::json::object();
    for (const ProbeCoverage& probe : coverage.probes) {
        if (probe.seeds > 0) fired[probe.name] = {{"seeds", probe.seeds}, {"hits", probe.hits}};
    }
    return {{"seeds_run", coverage.seeds_run},
            {"fired", fired},
            {"never_fired", coverage.never_fired()}};
}

}  // namespace

std::string report_json(const std::vector<ScenarioReport>& reports) {
    nlohmann::json out = nlohmann::json::array();
    for (const ScenarioReport& report : reports) {
        const SweepSummary& summary = report.summary;
        nlohmann::json runs = nlohmann::json::array();
        for (const RunResult& result : report.results) {
            runs.push_back({{"seed", result.seed},
                            {"trace_hash", format_trace_hash(result.trace_hash)},
                            {"failing", result.failing},
                            {"anomalies", result.anomalies},
                            {"metrics", result.metrics},
                            {"probes", result.probes}});
        }
        nlohmann::json replay = nlohmann::json::object();
        for (const auto& [seed, line] : report.replay_lines) replay[std::to_string(seed)] = line;
        out.push_back({{"scenario", report.name},
                       {"file", report.scenario_file},
                       {"description", report.description},
                       {"expect", summary.expect.text()},
                       {"expectation_held", summary.expectation_held},
                       {"seeds_run", summary.seeds_run},
                       {"failing_seeds", summary.failing_seeds},
                       {"seeds_by_anomaly", summary.seeds_by_anomaly},
                       {"first_failing_seed", summary.first_failing_seed
                                                  ? nlohmann::json(*summary.first_failing_seed)
                                                  : nlohmann::json(nullptr)},
                       {"replay", replay},
                       {"coverage", coverage_json(summary.coverage)},
                       {"runs", runs}});
    }
    return out.dump(2) + "\n";
}

}  // namespace harness
