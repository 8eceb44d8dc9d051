#pragma once
// History: the client operations of one run (or of a real cluster), one CSV row each,
// in the order they happened; the input of every checker.
//
// How a run is written down (design.md §6; the harness and hand-written files follow it):
// - Every operation has an `invoke` row, then its outcome: `ok`, `fail` (definitely not
//   applied) or `info` (unknown: a timeout, a dropped connection,
//   NOT_ENOUGH_REPLICAS_AFTER_APPEND). Invoke rows are optional for the checkers; where
//   they exist they give the order in which the application asked.
// - send: one message per operation. The outcome row repeats `value` (unique per send)
//   and, when ok, carries `partition` and `offset`. Sends are matched to their outcome by
//   value, so a producer may have many sends in flight.
// - poll: an `invoke` row, then one `ok` row per message returned (topic, partition, key,
//   value, offset). Consecutive ok poll rows of one process with the same `time_ns` and
//   no other row of that process between them are one poll call (a "poll batch").
// - process: one `ok` row per record the application finished handling.
// - a consumer that transforms into an output topic (consume-transform-produce) writes
//   send rows for its output records, value "<input value>@<process>#<n>"; in a
//   transaction their outcome comes when it ends (ok: committed, fail: aborted).
// - commit: one row per partition; `offset` is the committed offset (the next one to
//   read), `key` is the consumer group.
// - assign: one ok row per partition the member now owns; `key` is the consumer group
//   (empty for a manual assign), `value` the generation; an idle member writes one row
//   with `partition` empty. The set replaces the member's previous assignment.
// - crash: the process died (its client is gone until it writes an assign again).
// - txn (optional column): rows of one transaction share its id, e.g. the transactional
//   producer's "<transactional.id>:<epoch>:<n>"; a consume-transform-produce stage's poll
//   rows carry the id of the transaction they were read in.
// - A history file must keep the operation rules of history_rules.h (one invoke and at
//   most one outcome per send value, the invoke first, a value on every send row).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/result.h"

namespace check {

/// Whether a row starts an operation or says how it ended.
enum class OpType { Invoke, Ok, Fail, Info };

/// What the client did (the CSV's `f` column).
enum class OpFunction { Send, Poll, Process, Commit, Assign, Crash };

/// One row of a history. Empty CSV fields are absent: optional numbers stay empty,
/// strings stay "".
struct Op {
    int64_t index = 0;      ///< Position in the history; strictly increasing.
    int64_t time_ns = 0;    ///< Virtual (or wall) time of the row, nanoseconds.
    std::string process;    ///< Who did it: a producer, a consumer member, ...
    OpType type = OpType::Invoke;
    OpFunction f = OpFunction::Send;
    std::string topic;
    std::optional<int32_t> partition;
    std::string key;        ///< Record key; the consumer group for commit/assign rows.
    std::string value;      ///< Record value; the generation for assign rows.
    std::optional<int64_t> offset;
    std::string error;      ///< Why it failed, Kafka's error name where there is one.
    /// The transaction the row belongs to ("" for none): the CSV's optional `txn` column.
    /// Send rows of one transaction and the poll rows read inside it share the id; the
    /// transaction's outcome is its sends' outcome rows (ok: committed, fail: aborted).
    std::string txn;

    bool operator==(const Op&) const = default;
};

/// The CSV names of the enums ("invoke", "send", ...).
std::string_view to_string(OpType type);
std::string_view to_string(OpFunction f);
/// Parse the CSV names; nullopt for anything else.
std::optional<OpType> parse_op_type(std::string_view text);
std::optional<OpFunction> parse_op_function(std::string_view text);

/// A topic and partition, ordered so that maps keyed by it iterate deterministically.
struct TopicPartition {
    std::string topic;
    int32_t partition = 0;

    auto operator<=>(const TopicPartition&) const = default;
    /// Kafka's notation: "topic-partition".
    std::string to_string() const;
};

/// The operations of a run in history order.
class History {
   public:
    History() = default;
    explicit History(std::vector<Op> ops) : ops_(std::move(ops)) {}

    const std::vector<Op>& ops() const { return ops_; }
    size_t size() const { return ops_.size(); }
    bool empty() const { return ops_.empty(); }
    void reserve(size_t rows) { ops_.reserve(rows); }
    const Op& operator[](size_t position) const { return ops_[position]; }

    /// Appends a row. If `op.index` is not after the last row's, it is set to last + 1,
    /// so builders (tests, the harness) may leave it 0.
    void append(Op op);

    /// The next index `append` would give.
    int64_t next_index() const { return ops_.empty() ? 0 : ops_.back().index + 1; }

    /// Rows whose index is not strictly increasing, as an error naming the first one.
    sim::Status validate() const;

    bool operator==(const History&) const = default;

   private:
    std::vector<Op> ops_;
};

}  // namespace check
