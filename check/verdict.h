#pragma once
// Verdict: the anomalies the checkers found, each with its evidence, and the rule
// (design.md §6, after Jepsen) that decides which of them fail a run.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace check {

/// One anomaly and the evidence for it.
struct Anomaly {
    std::string name;                  ///< design.md §6 name: "lost-write", "G1a", ...
    std::string topic;                 ///< Empty when the anomaly is not about one topic.
    std::optional<int32_t> partition;  ///< Absent when not about one partition.
    std::string description;           ///< One sentence a person can read.
    /// `index` of the rows involved, in the order the description names them.
    std::vector<int64_t> op_indices;
    std::vector<int64_t> offsets;      ///< Offsets involved.
    std::vector<int64_t> times_ns;     ///< Times of the rows involved.
    std::vector<std::string> values;   ///< Record values involved.
    /// The first poll of this partition by this process after an `assign` row gave it
    /// the partition: poll-skip and nonmonotonic-poll are tolerated there.
    bool after_assign = false;

    bool operator==(const Anomaly&) const = default;
};

/// Whether this anomaly fails a run: int-send-skip and G0 never do; poll-skip and
/// nonmonotonic-poll do not right after an assign; everything else does.
bool is_failing(const Anomaly& anomaly);

/// Everything the checkers found in one history.
struct Verdict {
    std::vector<Anomaly> anomalies;

    /// True when some anomaly fails the run (`kafkasim check` exits 1).
    bool failing() const;
    /// Anomaly name -> how many, over all anomalies / over failing ones.
    std::map<std::string, int64_t> counts() const;
    std::map<std::string, int64_t> failing_counts() const;
    /// Whether some anomaly has this name.
    bool has(std::string_view name) const;
    /// Exit code of `kafkasim check` for this verdict: 0 nothing fails, 1 something does.
    int exit_code() const { return failing() ? 1 : 0; }
};

/// One line per anomaly ("name topic-partition: description [evidence]"), at most
/// `max_per_name` lines per name (0 = all) with a count of the rest, then a summary line.
std::string render_text(const Verdict& verdict, size_t max_per_name = 0);

/// The verdict as a JSON object: {"failing", "counts", "failing_counts", "anomalies": [...]}.
std::string render_json(const Verdict& verdict);

}  // namespace check
