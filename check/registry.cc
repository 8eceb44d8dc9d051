// The one list of checkers: adding a checker is one file plus one line here.
#include <algorithm>

#include "check/analysis.h"
#include "check/checker.h"
#include "check/history_csv.h"

namespace check {
// One line per checker, in the order they run; each `X(id)` names the `id_checker` its
// file defines with KAFKASIM_CHECKER.
#define KAFKASIM_CHECKERS(X)  \
    X(inconsistent_offsets)   \
    X(duplicate)              \
    X(lost_write)             \
    X(unseen)                 \
    X(g1a)                    \
    X(nonmonotonic_send)      \
    X(nonmonotonic_poll)      \
    X(poll_skip)              \
    X(key_order)              \
    X(group_overlap)          \
    X(committed_regress)      \
    X(delivery)               \
    X(client_error)           \
    X(cycles)                 \
    X(precommitted_read)      \
    X(empty_history)          \
    X(no_progress)            \
    X(liveness)

#define KAFKASIM_DECLARE_CHECKER(id) extern const Checker id##_checker;
#define KAFKASIM_CHECKER_ADDRESS(id) &id##_checker,
KAFKASIM_CHECKERS(KAFKASIM_DECLARE_CHECKER)

namespace {

constexpr const Checker* kCheckers[] = {KAFKASIM_CHECKERS(KAFKASIM_CHECKER_ADDRESS)};

}  // namespace

// Reported by the runner's liveness monitor (harness/), never found in a history; listed
// so that `expect = "violation:liveness"` names a known anomaly.
KAFKASIM_CHECKER(liveness, "liveness", nullptr, "liveness");

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

std::span<const Checker* const> registered_checkers() { return kCheckers; }

const Checker* find_checker(std::string_view name) {
    for (const Checker* checker : kCheckers) {
        if (checker->name == name) return checker;
    }
    return nullptr;
}

const std::vector<std::string_view>& anomaly_names() {
    // Built once from constant data; the same on every call, so no state leaks in.
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const Checker* checker : kCheckers) {
            for (std::string_view name : checker->anomalies) {
                if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
            }
        }
        return out;
    }();
    return names;
}

Verdict check_history(const History& history, const CheckOptions& options) {
    const Analysis analysis(history);
    Verdict verdict;
    for (const Checker* checker : kCheckers) {
        if (checker->check != nullptr) checker->check(analysis, options, verdict.anomalies);
    }
    return verdict;
}

sim::Result<Verdict> check_history_file(const std::string& path, const CheckOptions& options) {
    sim::Result<History> history = read_history_csv_file(path);
    if (!history) return history.error();
    return check_history(history.value(), options);
}

}  // namespace check
