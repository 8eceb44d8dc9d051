#include "check/verdict.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

// ordered_json keeps "name" first, the order a person reads an anomaly in.

namespace check {
namespace {

std::string join(const std::vector<int64_t>& numbers) {
    return fmt::format("{}", fmt::join(numbers, ", "));
}

std::string quoted_values(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& value : values) {
        if (!out.empty()) out += ", ";
        out += '"' + value + '"';
    }
    return out;
}

std::string place(const Anomaly& anomaly) {
    if (anomaly.topic.empty()) return "";
    if (!anomaly.partition) return " " + anomaly.topic;
    return fmt::format(" {}-{}", anomaly.topic, *anomaly.partition);
}

std::string evidence(const Anomaly& anomaly) {
    std::vector<std::string> parts;
    if (!anomaly.op_indices.empty()) parts.push_back("ops " + join(anomaly.op_indices));
    if (!anomaly.offsets.empty()) parts.push_back("offsets " + join(anomaly.offsets));
    if (!anomaly.values.empty()) parts.push_back("values " + quoted_values(anomaly.values));
    if (!anomaly.times_ns.empty()) parts.push_back("times_ns " + join(anomaly.times_ns));
    return fmt::format("[{}]", fmt::join(parts, "; "));
}

std::string render_line(const Anomaly& anomaly) {
    std::string line = fmt::format("{}{}: {} {}", anomaly.name, place(anomaly),
                                   anomaly.description, evidence(anomaly));
    if (!is_failing(anomaly)) {
        line += anomaly.after_assign ? " (tolerated: right after an assign)"
                                     : " (reported, never fails)";
    }
    return line;
}

std::string render_counts(const std::map<std::string, int64_t>& counts) {
    std::vector<std::string> parts;
    for (const auto& [name, count] : counts) parts.push_back(fmt::format("{} {}", name, count));
    return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

bool is_failing(const Anomaly& anomaly) {
    // Jepsen's allowed-error-types: sends of concurrent transactions interleave, and
    // writes are never isolated in Kafka (G0).
    if (anomaly.name == "int-send-skip" || anomaly.name == "G0") return false;
    if (anomaly.name == "poll-skip" || anomaly.name == "nonmonotonic-poll") {
        return !anomaly.after_assign;
    }
    return true;
}

bool Verdict::failing() const {
    for (const Anomaly& anomaly : anomalies) {
        if (is_failing(anomaly)) return true;
    }
    return false;
}

std::map<std::string, int64_t> Verdict::counts() const {
    std::map<std::string, int64_t> counts;
    for (const Anomaly& anomaly : anomalies) ++counts[anomaly.name];
    return counts;
}

std::map<std::string, int64_t> Verdict::failing_counts() const {
    std::map<std::string, int64_t> counts;
    for (const Anomaly& anomaly : anomalies) {
        if (is_failing(anomaly)) ++counts[anomaly.name];
    }
    return counts;
}

bool Verdict::has(std::string_view name) const {
    for (const Anomaly& anomaly : anomalies) {
        if (anomaly.name == name) return true;
    }
    return false;
}

std::string render_text(const Verdict& verdict, size_t max_per_name) {
    std::string out;
    std::map<std::string, size_t> shown;
    for (const Anomaly& anomaly : verdict.anomalies) {
        size_t& count = shown[anomaly.name];
        if (max_per_name == 0 || count < max_per_name) out += render_line(anomaly) + "\n";
        ++count;
    }
    for (const auto& [name, count] : shown) {
        if (max_per_name != 0 && count > max_per_name) {
            out += fmt::format("... and {} more {}\n", count - max_per_name, name);
        }
    }
    if (verdict.failing()) {
        out += "verdict: FAIL (" + render_counts(verdict.failing_counts()) + ")\n";
    } else if (verdict.anomalies.empty()) {
        out += "verdict: PASS (no anomalies)\n";
    } else {
        out += "verdict: PASS (tolerated: " + render_counts(verdict.counts()) + ")\n";
    }
    return out;
}

std::string render_json(const Verdict& verdict) {
    nlohmann::ordered_json anomalies = nlohmann::ordered_json::array();
    for (const Anomaly& anomaly : verdict.anomalies) {
        nlohmann::ordered_json item = {
            {"name", anomaly.name},
            {"failing", is_failing(anomaly)},
            {"topic", anomaly.topic},
            {"partition", anomaly.partition ? nlohmann::ordered_json(*anomaly.partition) : nullptr},
            {"description", anomaly.description},
            {"op_indices", anomaly.op_indices},
            {"offsets", anomaly.offsets},
            {"times_ns", anomaly.times_ns},
            {"values", anomaly.values},
            {"after_assign", anomaly.after_assign},
        };
        anomalies.push_back(std::move(item));
    }
    nlohmann::ordered_json out = {
        {"failing", verdict.failing()},
        {"counts", verdict.counts()},
        {"failing_counts", verdict.failing_counts()},
        {"anomalies", std::move(anomalies)},
    };
    return out.dump(2);
}

}  // namespace check
