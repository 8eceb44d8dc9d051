#include "harness/report/report.h"

#include <fmt/format.h>

namespace harness {

ScenarioReport make_report(const Scenario& scenario, std::vector<uint64_t> seeds,
                           std::vector<RunResult> results, const ReplayLine& replay_line) {
    ScenarioReport report;
    report.scenario_file = scenario.source_file;
    report.name = scenario.name;
    report.description = scenario.description;
    report.summary = summarize(scenario.expect, results);
    for (uint64_t seed : report.summary.failing_seeds) {
        if (replay_line) report.replay_lines[seed] = replay_line(seed);
    }
    report.seeds = std::move(seeds);
    report.results = std::move(results);
    return report;
}

std::string failure_message(const ScenarioReport& report) {
    const SweepSummary& summary = report.summary;
    if (summary.expectation_held) return "";
    if (!summary.expect.expects_pass()) {
        return fmt::format("expected {} in seeds {}, but no seed showed it ({} failing)",
                           summary.expect.text(), seeds_text(report.seeds),
                           summary.failing_seeds.size());
    }
    std::string anomalies;
    for (const auto& [anomaly, count] : summary.seeds_by_anomaly) {
        anomalies += fmt::format("{}{} ({})", anomalies.empty() ? "" : ", ", anomaly, count);
    }
    return fmt::format("expected pass, but {} of {} seeds failed: {}",
                       summary.failing_seeds.size(), summary.seeds_run, anomalies);
}

}  // namespace harness
