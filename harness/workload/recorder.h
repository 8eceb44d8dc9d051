#pragma once
// The run's observer: every client operation the workload does becomes a history row
// (design.md §6). It lives outside the World, like Jepsen's client log, so what a
// crashed node was doing stays on record and values stay unique across restarts.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "check/history.h"
#include "sim/time.h"

namespace harness {

class Recorder {
   public:
    /// Appends a row, numbering it. Returns its index.
    int64_t add(check::Op op) {
        op.index = static_cast<int64_t>(history_.ops().size());
        history_.append(std::move(op));
        return history_.ops().back().index;
    }
    const check::History& history() const { return history_; }
    /// Room for `rows` rows up front: a long run then appends without relocating (and
    /// page-faulting) the whole history each time it doubles.
    void reserve(size_t rows) { history_.reserve(rows); }

    /// Sends issued by a producer whose outcome is not known yet, by value; a producer
    /// that crashes leaves them here and its next incarnation records them as `info`.
    std::map<std::string, std::set<std::string>>& pending_sends() { return pending_sends_; }
    /// The history `txn` id of a process's open transaction (its pending sends'), so a
    /// crashed incarnation's unsettled sends are recorded in their transaction.
    std::map<std::string, std::string>& open_txns() { return open_txns_; }
    /// The next sequence number of a producer's values ("trucks-17"): unique per run.
    int64_t next_value_number(const std::string& producer) { return value_numbers_[producer]++; }
    int64_t values_issued(const std::string& producer) const {
        auto it = value_numbers_.find(producer);
        return it == value_numbers_.end() ? 0 : it->second;
    }

   private:
    check::History history_;
    std::map<std::string, std::set<std::string>> pending_sends_;
    std::map<std::string, std::string> open_txns_;
    std::map<std::string, int64_t> value_numbers_;
};

/// A row with the common fields filled.
inline check::Op make_op(sim::Time now, const std::string& process, check::OpType type,
                         check::OpFunction f, const std::string& topic) {
    check::Op op;
    op.time_ns = now;
    op.process = process;
    op.type = type;
    op.f = f;
    op.topic = topic;
    return op;
}

}  // namespace harness
