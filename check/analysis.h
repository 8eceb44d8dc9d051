#pragma once
// Analysis: the indexes every checker shares, built once per history in n·log n: where
// each value was seen (partition, offset), each partition's version order, each send's
// outcome, which values were polled, and each producer's send order.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "check/history.h"
#include "check/verdict.h"

namespace check {

/// A value at a partition offset, as one row (an ok send or an ok poll) reported it.
struct Occurrence {
    int32_t partition_id = 0;  ///< Analysis::partition(id) names it.
    int64_t offset = 0;
    std::string_view value;
    size_t op = 0;             ///< Position of the row in the history.
    bool from_send = false;

    auto operator<=>(const Occurrence&) const = default;
};

/// Shared indexes over one history. REQUIRES: the history outlives the analysis.
class Analysis {
   public:
    explicit Analysis(const History& history);

    const History& history() const { return history_; }
    const Op& op(size_t position) const { return history_[position]; }

    /// Partitions named by any row, in (topic, partition) order; ids index this list.
    const std::vector<TopicPartition>& partitions() const { return partitions_; }
    const TopicPartition& partition(int32_t id) const { return partitions_[id]; }
    /// The id of the partition the row at `position` names, or nullopt if it names none.
    std::optional<int32_t> partition_id(size_t position) const {
        const int32_t id = row_partitions_[position];
        if (id < 0) return std::nullopt;
        return id;
    }

    /// Processes in order of their first row; the id of the process of each row.
    size_t process_count() const { return process_count_; }
    int32_t process_id(size_t position) const { return row_processes_[position]; }

    /// Every (partition, offset, value) reported by an ok send or any poll outcome row
    /// (is_observed_poll), sorted.
    const std::vector<Occurrence>& occurrences() const { return occurrences_; }

    /// The version order of a partition (Jepsen's dense index): the rank of `offset`
    /// among the distinct offsets at which any value was seen; nullopt if none was seen.
    std::optional<int64_t> rank(int32_t partition_id, int64_t offset) const;
    /// The known offsets of a partition strictly between two offsets, at most `limit`.
    std::vector<int64_t> offsets_between(int32_t partition_id, int64_t low, int64_t high,
                                         size_t limit) const;

    /// Position of the outcome row (ok, fail or info) of the send of `value`, if any.
    std::optional<size_t> send_outcome(std::string_view value) const;
    /// Where the send whose outcome row is at `position` landed: its own partition and
    /// offset, or, for a send acknowledged without an offset, where the first poll that
    /// returned its value saw it (Jepsen places such sends by their reads).
    std::optional<std::pair<int32_t, int64_t>> placement(size_t position) const;
    /// Whether some poll outcome row (ok, fail or info) returned `value`.
    bool was_polled(std::string_view value) const { return first_poll_.contains(value); }
    /// Position of the first poll outcome row (ok, fail or info) that returned `value`.
    std::optional<size_t> first_poll(std::string_view value) const;

    /// Each process's sends in the order the application issued them (the invoke row's
    /// order, or the outcome's when there is no invoke), as outcome row positions.
    /// Sends without an outcome row are left out.
    const std::map<std::string, std::vector<size_t>>& sends_by_process() const {
        return sends_by_process_;
    }

    /// Poll batch of each observed poll row (see history.h): equal ids = one poll call.
    /// Indexed by history position; rows that are not observed polls have -1.
    int64_t poll_batch(size_t position) const { return poll_batch_[position]; }

   private:
    void index_rows();
    void index_occurrences();
    void index_sends();
    void index_poll_batches();

    const History& history_;
    std::vector<TopicPartition> partitions_;
    std::vector<int32_t> row_partitions_;  // per row: its partition id, or -1
    std::vector<int32_t> row_processes_;   // per row: its process id
    size_t process_count_ = 0;
    std::vector<Occurrence> occurrences_;
    std::vector<std::vector<int64_t>> version_orders_;  // per partition id
    // Lookups only: never iterated, so their order cannot leak into a verdict.
    std::unordered_map<std::string_view, size_t> send_outcomes_;
    std::unordered_map<std::string_view, size_t> first_poll_;
    std::map<std::string, std::vector<size_t>> sends_by_process_;
    std::vector<int64_t> poll_batch_;
};

/// Starts an anomaly about the row's partition (if it names one).
Anomaly make_anomaly(std::string name, const Op& about, std::string description);
/// Adds a row to an anomaly's evidence: its index and time.
void add_op(Anomaly& anomaly, const Op& op);
/// Adds a row with its offset (if any) and value (if any).
void add_record(Anomaly& anomaly, const Op& op);

/// True for an ok poll row that carries a value.
bool is_ok_poll(const Op& op);
/// True for a poll outcome row (ok, fail or info) that carries a value: what Jepsen
/// counts as observed for version orders, ordering, skips and unseen ("pollers are
/// always supposed to emit safe data regardless of whether the transaction commits").
bool is_observed_poll(const Op& op);
/// True for an ok send row that carries a partition and an offset.
bool is_placed_send(const Op& op);

}  // namespace check
