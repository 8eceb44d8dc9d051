// The JUnit XML report for CI systems: one <testsuite> per scenario, one <testcase> per
// seed batch, failures carrying the replay line of every failing seed.
#include <fmt/format.h>

#include "harness/report/report.h"

namespace harness {
namespace {

std::string xml_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 allows no control characters but tab, newline and return.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' &&
                    c != '\r') {
                    out += '?';
                } else {
                    out += c;
                }
        }
    }
    return out;
}

std::string failure_body(const ScenarioReport& report) {
    std::string body;
    for (const RunResult& result : report.results) {
        if (!result.failing) continue;
        std::string anomalies;
        for (const std::string& anomaly : result.anomalies) {
            anomalies += (anomalies.empty() ? "" : ", ") + anomaly;
        }
        body += fmt::format("seed {}: {}\n", result.seed, anomalies);
        auto line = report.replay_lines.find(result.seed);
        if (line != report.replay_lines.end()) body += "  " + line->second + "\n";
    }
    return body;
}

std::string testcase(const ScenarioReport& report) {
    std::string out = fmt::format(
        "    <testcase classname=\"{}\" name=\"seeds {}\" file=\"{}\">\n",
        xml_escape(report.name), xml_escape(seeds_text(report.seeds)),
        xml_escape(report.scenario_file));
    std::string message = failure_message(report);
    if (!message.empty()) {
        out += fmt::format("      <failure message=\"{}\" type=\"unexpected-verdict\">{}"
                           "</failure>\n",
                           xml_escape(message), xml_escape(failure_body(report)));
    }
    out += fmt::format("      <system-out>{}</system-out>\n",
                       xml_escape(format_summary(report.summary, nullptr)));
    return out + "    </testcase>\n";
}

}  // namespace

std::string report_junit(const std::vector<ScenarioReport>& reports) {
    size_t failures = 0;
    for (const ScenarioReport& report : reports) {
        failures += report.summary.expectation_held ? 0 : 1;
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"kafkasim\" tests=\"{}\" failures=\"{}\">\n",
                       reports.size(), failures);
    for (const ScenarioReport& report : reports) {
        bool failed = !report.summary.expectation_held;
        out += fmt::format("  <testsuite name=\"{}\" tests=\"1\" failures=\"{}\">\n",
                           xml_escape(report.name), failed ? 1 : 0);
        out += testcase(report);
        out += "  </testsuite>\n";
    }
    return out + "</testsuites>\n";
}

}  // namespace harness
