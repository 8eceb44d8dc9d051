// The Markdown report: one table row per scenario and the replay lines of failures,
// for reports/ and pull-request comments.
#include <fmt/format.h>

#include "harness/report/report.h"

namespace harness {
namespace {

std::string cell(std::string_view text) {
    std::string out;
    for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

/// One table of the probes a scenario's sweep fired, and the list of those it never did.
std::string coverage_markdown(const ScenarioReport& report) {
    const Coverage& coverage = report.summary.coverage;
    std::string out = fmt::format("\n**{}** coverage ({} seeds):\n\n"
                                  "| probe | seeds fired | total hits |\n| --- | --- | --- |\n",
                                  cell(report.name), coverage.seeds_run);
    for (const ProbeCoverage& probe : coverage.probes) {
        if (probe.seeds == 0) continue;
        out += fmt::format("| {} | {} | {} |\n", probe.name, probe.seeds, probe.hits);
    }
    std::vector<std::string> never = coverage.never_fired();
    return out + fmt::format("\nNever fired: {}\n", never.empty() ? "none" : fmt::format(
                                                          "{}", fmt::join(never, ", ")));
}

}  // namespace

std::string report_markdown(const std::vector<ScenarioReport>& reports) {
    std::string out = "| scenario | expect | seeds | failing | anomalies (seeds) | verdict |\n"
                      "| --- | --- | --- | --- | --- | --- |\n";
    for (const ScenarioReport& report : reports) {
        const SweepSummary& summary = report.summary;
        std::string anomalies;
        for (const auto& [anomaly, count] : summary.seeds_by_anomaly) {
            anomalies += fmt::format("{}{} ({})", anomalies.empty() ? "" : ", ", anomaly, count);
        }
        out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", cell(report.name),
                           summary.expect.text(), seeds_text(report.seeds),
                           summary.failing_seeds.size(), anomalies.empty() ? "-" : anomalies,
                           summary.expectation_held ? "as expected" : "**unexpected**");
    }
    for (const ScenarioReport& report : reports) out += coverage_markdown(report);
    for (const ScenarioReport& report : reports) {
        if (report.replay_lines.empty()) continue;
        out += fmt::format("\n**{}**: replay a failing seed with\n\n```\n", cell(report.name));
        size_t shown = 0;
        for (const auto& [seed, line] : report.replay_lines) {
            if (shown++ == 10) break;
            out += line + "\n";
        }
        out += "```\n";
    }
    return out;
}

}  // namespace harness
