#pragma once
// Checker: the interface of one family of anomaly checks, the options every check reads,
// and `check_history`, which runs every checker listed in registry.cc.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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

    Guarantee guarantee_of(const std::string& consumer) const;
};

/// One family of checks: a name, the anomaly names it may report, and the check.
/// A checker is a plain function over the shared analysis; it appends what it finds.
struct Checker {
    std::string_view name;
    std::vector<std::string_view> anomalies;
    void (*check)(const Analysis& analysis, const CheckOptions& options,
                  std::vector<Anomaly>& out);
};

/// Every checker, in the order they run (registry.cc: one line per checker).
std::span<const Checker> registered_checkers();

/// The checker with this name, if any.
const Checker* find_checker(std::string_view name);

/// Runs every registered checker over the history. Linear or n·log n in its length.
Verdict check_history(const History& history, const CheckOptions& options = {});

/// Reads a history CSV file and checks it: what `kafkasim check FILE` does before printing
/// `render_text` and exiting with `Verdict::exit_code()` (or 2 on the error).
sim::Result<Verdict> check_history_file(const std::string& path, const CheckOptions& options = {});

// One function per checker file (registry.cc lists them).
void check_inconsistent_offsets(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_duplicate(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_lost_write(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_unseen(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_g1a(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_nonmonotonic_send(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_nonmonotonic_poll(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_poll_skip(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_key_order(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_group_overlap(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_committed_regress(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_delivery(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
void check_client_error(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);
/// delivery_output.cc: the delivery checker's consume-transform-produce half (a group's
/// committed output), called by check_delivery.
void check_output_delivery(const Analysis&, const CheckOptions&, std::vector<Anomaly>&);

}  // namespace check
