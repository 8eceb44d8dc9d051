#pragma once
// Poll steps: each process's successive reads of a partition, with how far each one
// moved in the partition's version order; the shared walk of the poll-order checkers.

#include <cstdint>
#include <string>
#include <vector>

#include "check/analysis.h"

namespace check {

/// Two successive poll rows of one process for one partition (the earlier one ok: a
/// fail or info poll is compared but moves no position, as in Jepsen).
struct PollStep {
    size_t previous = 0;  ///< History position of the earlier row.
    size_t current = 0;   ///< History position of the later row.
    int32_t partition_id = 0;
    /// Version-order distance: 1 = the next record, > 1 = records skipped, < 1 = backwards
    /// or the same record again.
    int64_t delta = 1;
    bool same_batch = false;    ///< Both rows came from one poll call.
    bool after_assign = false;  ///< First poll of this partition since an assign row for it.
};

/// Every step, in history order of `current`. Rows without an offset are skipped.
/// One linear walk (hashed lookups).
std::vector<PollStep> poll_steps(const Analysis& analysis);

/// "offset 5" or "offsets 5, 6, 7, ..." for the known offsets a step jumped over.
std::string skipped_offsets(const Analysis& analysis, const PollStep& step);

/// Starts an anomaly about a step, with both rows as evidence.
Anomaly make_step_anomaly(const Analysis& analysis, const PollStep& step, std::string name,
                          std::string description);

}  // namespace check
