// no-progress: a run whose fault phase completed no operation at all.
//
// Definition (Jepsen's Kafka workload has no such check; it is the issue-22 rule, in the
// spirit of Jepsen's `stats` checker, which fails a history in which some operation kind
// never succeeded): given the run's fault phase [begin, end), the history must show at
// least one operation that completed (`ok`) in it: an acknowledged send, a polled record,
// a processed record, a commit or an assignment. A run in which the clients were blocked
// for the whole fault phase has checked nothing about the faults; a scenario that means
// it names `expect = "violation:no-progress"`. Only with CheckOptions::fault_phase_ns
// (the harness knows the phase; a history file alone does not). Linear.
#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {

void check_no_progress(const Analysis& analysis, const CheckOptions& options,
                       std::vector<Anomaly>& out) {
    if (!options.fault_phase_ns || !options.workload) return;
    const auto [begin, end] = *options.fault_phase_ns;
    if (end <= begin) return;
    for (const Op& op : analysis.history().ops()) {
        const bool completed = op.type == OpType::Ok && op.f != OpFunction::Crash;
        if (completed && op.time_ns >= begin && op.time_ns < end) return;
    }
    Anomaly anomaly;
    anomaly.name = "no-progress";
    anomaly.description = fmt::format(
        "no operation completed during the fault phase [{} ns, {} ns)", begin, end);
    anomaly.times_ns = {begin, end};
    out.push_back(std::move(anomaly));
}

KAFKASIM_CHECKER(no_progress, "no-progress", check_no_progress, "no-progress");

}  // namespace check
