// Explain by bisection over the reseed time T (RunOptions::reseed_at). P(T) = "some salt
// makes the run pass when every draw after T changes". P(end) is false (nothing left to
// re-draw: the original failing run); when P(0) holds, bisection keeps an interval
// (pass_at, fail_at] with P(pass_at) and not P(fail_at) and halves it to the resolution.
// P need not be monotonic; the interval found is still a point where one re-draw saves the
// run and a slightly later one cannot: what went wrong was decided in between.
#include "harness/trust/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "harness/run/drain.h"

namespace harness {
namespace {

std::string format_time(sim::Time time) {
    return fmt::format("{}.{:06}s", time / sim::kSecond,
                       (time % sim::kSecond) / sim::kMicrosecond);
}

/// Faults and notes say most about what happened; timers least.
int rank(const ExplainEvent& event) {
    if (event.kind == "fault" || event.kind == "note") return 0;
    return event.kind == "timer" ? 2 : 1;
}

struct Bisection {
    const Scenario& scenario;
    uint64_t seed;
    const ExplainRunFunction& run;
    const ExplainOptions& options;
    size_t runs = 1;

    /// The salt that made the run pass with a reseed at `at`, or 0 when none did.
    uint64_t passing_salt(sim::Time at) {
        uint64_t passed = 0;
        for (uint64_t salt = 1; salt <= options.salts && passed == 0; ++salt) {
            RunOptions run_options;
            run_options.keep_history = false;
            run_options.reseed_at = at;
            run_options.reseed_salt = salt;
            ++runs;
            if (!run(scenario, seed, run_options).failing) passed = salt;
        }
        if (options.log) {
            options.log(fmt::format("{}: {}", format_time(at),
                                    passed ? fmt::format("pass (salt {})", passed) : "fail"));
        }
        return passed;
    }
};

}  // namespace

std::vector<ExplainEvent> trace_events_between(const std::string& trace_json, sim::Time from,
                                               sim::Time to) {
    std::vector<ExplainEvent> events;
    const nlohmann::json document = nlohmann::json::parse(trace_json, nullptr, false);
    if (document.is_discarded() || !document.contains("traceEvents")) return events;
    std::map<int64_t, std::string> tracks;
    for (const nlohmann::json& event : document["traceEvents"]) {
        if (event.value("ph", "") == "M" && event.value("name", "") == "thread_name") {
            tracks[event.value("tid", int64_t{0})] = event["args"].value("name", "");
        }
    }
    for (const nlohmann::json& event : document["traceEvents"]) {
        if (event.value("ph", "") != "i") continue;
        const sim::Time time = event["args"].value("time_ns", sim::Time{0});
        if (time < from || time > to) continue;
        events.push_back(ExplainEvent{time, tracks[event.value("tid", int64_t{0})],
                                      event.value("cat", ""), event.value("name", "")});
    }
    return events;
}

sim::Result<ExplainResult> explain(const Scenario& scenario, uint64_t seed,
                                   const ExplainRunFunction& run,
                                   const ExplainOptions& options) {
    RunOptions original_options;
    original_options.keep_trace = true;
    original_options.keep_history = false;
    const RunResult original = run(scenario, seed, original_options);
    if (!original.failing) {
        return sim::Error{"", fmt::format("seed {} passes: nothing to explain", seed)};
    }
    ExplainResult result;
    result.seed = seed;
    result.anomalies = original.anomalies;
    auto seconds = original.metrics.find("virtual_seconds");
    const sim::Time end = seconds == original.metrics.end()
                              ? scenario.duration + drain_of(scenario)
                              : static_cast<sim::Time>(seconds->second * 1e9);
    Bisection bisection{scenario, seed, run, options};
    result.salt = bisection.passing_salt(0);
    result.localised = result.salt != 0;
    result.fail_at = end;
    while (result.localised && result.fail_at - result.pass_at > options.resolution &&
           bisection.runs < options.max_runs) {
        const sim::Time middle = result.pass_at + (result.fail_at - result.pass_at) / 2;
        if (const uint64_t salt = bisection.passing_salt(middle)) {
            result.pass_at = middle;
            result.salt = salt;
        } else {
            result.fail_at = middle;
        }
    }
    result.runs = bisection.runs;
    if (result.localised) {
        std::vector<ExplainEvent> events =
            trace_events_between(original.trace_json, result.pass_at - options.window,
                                 result.pass_at + options.window);
        // Keep faults and notes first, timers last, each the nearest to pass_at first; then
        // put them back in time order.
        std::stable_sort(events.begin(), events.end(), [&](const auto& a, const auto& b) {
            return std::pair(rank(a), std::abs(a.time - result.pass_at)) <
                   std::pair(rank(b), std::abs(b.time - result.pass_at));
        });
        if (events.size() > options.max_events) events.resize(options.max_events);
        std::stable_sort(events.begin(), events.end(),
                         [](const auto& a, const auto& b) { return a.time < b.time; });
        result.events = std::move(events);
    }
    return result;
}

std::string render_explain(const ExplainResult& result) {
    std::string text = fmt::format("seed {} fails ({}); {} runs\n", result.seed,
                                   fmt::join(result.anomalies, ", "), result.runs);
    if (!result.localised) {
        return text + "no re-draw of the randomness from time 0 passes: the failure does not "
                      "depend on the random choices (or needs more --salts)\n";
    }
    text += fmt::format(
        "went wrong between {} and {}: re-drawing after {} passes (salt {}), after {} it "
        "never did\n",
        format_time(result.pass_at), format_time(result.fail_at), format_time(result.pass_at),
        result.salt, format_time(result.fail_at));
    text += fmt::format("events around {} (original run):\n", format_time(result.pass_at));
    for (const ExplainEvent& event : result.events) {
        text += fmt::format("  {}  {:<20} {:<12} {}\n", format_time(event.time), event.node,
                            event.kind, event.name);
    }
    return text;
}

}  // namespace harness
