#include "harness/trust/determinism.h"

#include <fmt/format.h>

#include <algorithm>

namespace harness {
namespace {

bool same_event(const sim::TraceEvent& a, const sim::TraceEvent& b) {
    return a.time == b.time && a.kind == b.kind && a.node == b.node && a.peer == b.peer &&
           a.name == b.name && a.detail == b.detail;
}

std::string node_text(const std::map<sim::NodeId, std::string>& names, sim::NodeId node) {
    if (node == sim::kNoNode) return "world";
    auto it = names.find(node);
    return it == names.end() ? fmt::format("node-{}", node)
                             : fmt::format("{} (node {})", it->second, node);
}

std::string time_text(sim::Time time) {
    return fmt::format("{}.{:09}s", time / sim::kSecond, time % sim::kSecond);
}

std::string event_text(const std::map<sim::NodeId, std::string>& names,
                       const std::optional<sim::TraceEvent>& event) {
    if (!event) return "(no event: this run's trace ended here)";
    std::string text = fmt::format("t={} {} on {}", time_text(event->time),
                                   sim::trace_kind_name(event->kind),
                                   node_text(names, event->node));
    if (event->peer != sim::kNoNode) text += " peer " + node_text(names, event->peer);
    return text + fmt::format(" \"{}\" detail {:#x}", event->name, event->detail);
}

}  // namespace

std::optional<Divergence> first_divergence(const std::vector<sim::TraceEvent>& first,
                                           const std::vector<sim::TraceEvent>& second) {
    const size_t common = std::min(first.size(), second.size());
    for (size_t i = 0; i < common; ++i) {
        if (!same_event(first[i], second[i])) return Divergence{i, first[i], second[i]};
    }
    if (first.size() == second.size()) return std::nullopt;
    Divergence divergence{common, std::nullopt, std::nullopt};
    if (common < first.size()) divergence.first = first[common];
    if (common < second.size()) divergence.second = second[common];
    return divergence;
}

DeterminismReport check_determinism(const Scenario& scenario, uint64_t seed,
                                    const RunWithOptions& run) {
    RunOptions options;
    options.keep_history = false;
    options.keep_trace_events = true;
    RunResult first = run(scenario, seed, options);
    RunResult second = run(scenario, seed, options);
    DeterminismReport report;
    report.seed = seed;
    report.first_hash = first.trace_hash;
    report.second_hash = second.trace_hash;
    report.first_events = first.trace_events.size();
    report.second_events = second.trace_events.size();
    report.node_names = std::move(first.trace_node_names);
    if (!report.deterministic()) {
        report.divergence = first_divergence(first.trace_events, second.trace_events);
    }
    return report;
}

std::string format_determinism(const DeterminismReport& report) {
    if (report.deterministic()) {
        return fmt::format("seed {}: deterministic: two runs, {} trace events, trace hash {}\n",
                           report.seed, report.first_events,
                           format_trace_hash(report.first_hash));
    }
    std::string out = fmt::format("seed {}: NONDETERMINISTIC: trace hash {} then {}\n",
                                  report.seed, format_trace_hash(report.first_hash),
                                  format_trace_hash(report.second_hash));
    if (!report.divergence) {
        return out + "  the kept events are equal: the difference is in what the hash saw\n";
    }
    const Divergence& d = *report.divergence;
    // The runs agree up to `index`; the earlier of the two events there is where they
    // first part in virtual time.
    const bool first_earlier = d.first && (!d.second || d.first->time <= d.second->time);
    const sim::TraceEvent& at = first_earlier ? *d.first : *d.second;
    out += fmt::format("first differing event: #{} at t={} on {}\n", d.index,
                       time_text(at.time), node_text(report.node_names, at.node));
    out += "  run 1: " + event_text(report.node_names, d.first) + "\n";
    out += "  run 2: " + event_text(report.node_names, d.second) + "\n";
    return out;
}

}  // namespace harness
