// empty-history: a history with nothing to check fails instead of passing vacuously.
//
// Definition (Elle, `elle.txn`'s `empty-transaction-graph`, which makes Jepsen's verdict
// `:valid? :unknown`): when no operation gives the checkers anything to compare, the
// history says nothing about safety. Here that is a history in which no send was
// acknowledged (`ok`) or no poll returned a record: every other checker then passes
// trivially. Where it differs: Jepsen reports unknown, which its `compose` treats as not
// valid; kafkasim has only pass and fail, so it fails, and a scenario that means it names
// `expect = "violation:empty-history"`. A scenario without clients (admin steps only)
// sets CheckOptions::workload = false and is not judged by this rule. Linear.
#include <string>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {

void check_empty_history(const Analysis& analysis, const CheckOptions& options,
                         std::vector<Anomaly>& out) {
    if (!options.workload) return;
    int64_t acknowledged = 0;
    int64_t polled = 0;
    for (const Op& op : analysis.history().ops()) {
        if (op.f == OpFunction::Send && op.type == OpType::Ok) ++acknowledged;
        if (is_ok_poll(op)) ++polled;
    }
    if (acknowledged > 0 && polled > 0) return;
    std::vector<std::string> missing;
    if (acknowledged == 0) missing.push_back("no send was acknowledged");
    if (polled == 0) missing.push_back("no poll returned a record");
    Anomaly anomaly;
    anomaly.name = "empty-history";
    anomaly.description = fmt::format("nothing to check in {} rows: {}",
                                      analysis.history().size(), fmt::join(missing, " and "));
    out.push_back(std::move(anomaly));
}

KAFKASIM_CHECKER(empty_history, "empty-history", check_empty_history, "empty-history");

}  // namespace check
