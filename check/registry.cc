// The one list of checkers: adding a checker is one file plus one line here.
#include "check/analysis.h"
#include "check/checker.h"
#include "check/history_csv.h"

namespace check {
namespace {

const std::vector<Checker>& checkers() {
    static const std::vector<Checker> list = {
        {"inconsistent-offsets", {"inconsistent-offsets"}, check_inconsistent_offsets},
        {"duplicate", {"duplicate"}, check_duplicate},
        {"lost-write", {"lost-write"}, check_lost_write},
        {"unseen", {"unseen"}, check_unseen},
        {"G1a", {"G1a"}, check_g1a},
        {"nonmonotonic-send", {"nonmonotonic-send", "int-send-skip"}, check_nonmonotonic_send},
        {"nonmonotonic-poll", {"nonmonotonic-poll"}, check_nonmonotonic_poll},
        {"poll-skip", {"poll-skip", "int-poll-skip"}, check_poll_skip},
        {"key-order", {"key-order"}, check_key_order},
        {"group-overlap", {"group-overlap"}, check_group_overlap},
        {"committed-regress", {"committed-regress"}, check_committed_regress},
        {"delivery", {"delivery"}, check_delivery},
        {"client-error", {"client-error"}, check_client_error},
    };
    return list;
}

}  // namespace

std::string_view to_string(Guarantee guarantee) {
    switch (guarantee) {
        case Guarantee::AtLeastOnce: return "at-least-once";
        case Guarantee::AtMostOnce: return "at-most-once";
        case Guarantee::ExactlyOnce: return "exactly-once";
    }
    KS_UNREACHABLE();
}

sim::Result<Guarantee> parse_guarantee(std::string_view text) {
    for (Guarantee guarantee :
         {Guarantee::AtLeastOnce, Guarantee::AtMostOnce, Guarantee::ExactlyOnce}) {
        if (to_string(guarantee) == text) return guarantee;
    }
    return sim::Error{"", "expected at-least-once, at-most-once or exactly-once, got \"" +
                              std::string(text) + "\""};
}

Guarantee CheckOptions::guarantee_of(const std::string& consumer) const {
    auto it = guarantees.find(consumer);
    return it == guarantees.end() ? default_guarantee : it->second;
}

std::span<const Checker> registered_checkers() { return checkers(); }

const Checker* find_checker(std::string_view name) {
    for (const Checker& checker : checkers()) {
        if (checker.name == name) return &checker;
    }
    return nullptr;
}

Verdict check_history(const History& history, const CheckOptions& options) {
    const Analysis analysis(history);
    Verdict verdict;
    for (const Checker& checker : checkers()) checker.check(analysis, options, verdict.anomalies);
    return verdict;
}

sim::Result<Verdict> check_history_file(const std::string& path, const CheckOptions& options) {
    sim::Result<History> history = read_history_csv_file(path);
    if (!history) return history.error();
    return check_history(history.value(), options);
}

}  // namespace check
