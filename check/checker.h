#pragma once
// Checker: the interface of one family of anomaly checks, the options every check reads,
// and `check_history`, which runs every checker listed in registry.cc.

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/history.h"
#include "check/verdict.h"
#include "sim/result.h"

namespace check {

class Analysis;

/// What a consumer promises about the records it processes (`process` rows).
enum class Guarantee { AtLeastOnce, AtMostOnce, ExactlyOnce };

/// "at-least-once", "at-most-once", "exactly-once".
std::string_view to_string(Guarantee guarantee);
sim::Result<Guarantee> parse_guarantee(std::string_view text);

/// What the checkers hold a history to.
struct CheckOptions {
    /// The guarantee of a consumer not named in `guarantees` (`kafkasim check --semantics`).
    Guarantee default_guarantee = Guarantee::AtLeastOnce;
    /// Per consumer: its group id, or its process name when it has no group (from the
    /// scenario's `[[consumers]] guarantee`).
    std::map<std::string, Guarantee> guarantees;
    /// The history ends after a drain in which every acknowledged record could be read:
    /// check `unseen` and that at-least-once consumers processed everything after their
    /// last processed offset. False for `drain = "0s"` (safety only).
    bool liveness = true;
    /// The run had clients (producers or consumers): a history that then acknowledged no
    /// send or polled nothing is `empty-history`. False for a scenario of admin steps only.
    bool workload = true;
    /// The fault phase of the run, [begin, end) in the history's time: a run that
    /// completed no operation in it is `no-progress`. Absent: not checked.
    std::optional<std::pair<int64_t, int64_t>> fault_phase_ns;
    /// Topics whose consumers all began at the log's start (auto.offset.reset=earliest):
    /// there lost-write counts every offset below the highest one read, as Jepsen does.
    /// Elsewhere a consumer may have begun at the end (Kafka's default, latest), so only
    /// offsets at or after the lowest one polled count. Absent: every topic (Jepsen's
    /// assumption, and `kafkasim check`'s).
    std::optional<std::set<std::string>> topics_read_from_start;

    bool read_from_start(const std::string& topic) const {
        return !topics_read_from_start || topics_read_from_start->contains(topic);
    }

    Guarantee guarantee_of(const std::string& consumer) const;
};

/// A checker's function: it reads the shared analysis and appends what it finds.
using CheckFunction = void (*)(const Analysis& analysis, const CheckOptions& options,
                               std::vector<Anomaly>& out);

/// One family of checks: a name, every anomaly name it may report (the one list the
/// scenario loader's `expect` names come from), and the check. A null `check` marks
/// anomalies the runner reports rather than a history shows (`liveness`).
struct Checker {
    std::string_view name;
    std::span<const std::string_view> anomalies;
    CheckFunction check = nullptr;
};

/// Defines `<id>_checker`, which registry.cc lists with one `X(id)` line: the checker's
/// file declares its own name, function and anomaly names, so adding a checker is that
/// file plus the registry line (no header, CMake or loader edit).
#define KAFKASIM_CHECKER(id, name, function, ...)                       \
    constexpr std::string_view id##_anomaly_names[] = {__VA_ARGS__}; \
    extern const Checker id##_checker;                                  \
    const Checker id##_checker { name, id##_anomaly_names, function }

/// Every checker, in the order they run (registry.cc: one line per checker).
std::span<const Checker* const> registered_checkers();

/// The checker with this name, if any.
const Checker* find_checker(std::string_view name);

/// Every anomaly name a verdict may carry, in registry order without repeats: what a
/// scenario's `expect = "violation:NAME"` may name.
const std::vector<std::string_view>& anomaly_names();

/// Runs every registered checker over the history. Linear or n·log n in its length.
Verdict check_history(const History& history, const CheckOptions& options = {});

/// Reads a history CSV file and checks it: what `kafkasim check FILE` does before printing
/// `render_text` and exiting with `Verdict::exit_code()` (or 2 on the error).
sim::Result<Verdict> check_history_file(const std::string& path, const CheckOptions& options = {});

/// delivery_output.cc: the delivery checker's consume-transform-produce half (a group's
/// committed output), called by the delivery checker.
void check_output_delivery(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);

}  // namespace check
