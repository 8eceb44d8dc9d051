#pragma once
// The idempotent sink: an external system (a database table keyed by partition) that a
// consumer writes its processed records into. It remembers, per partition, the highest
// offset applied and skips any record at or below it, so records a crashed or rebalanced
// consumer re-reads from its last commit are not applied twice. It lives in the run,
// outside the World's nodes, because an external system survives the consumer's crash.

#include <map>

#include "core/protocol/record.h"

namespace harness {

class IdempotentSink {
   public:
    /// Applies the record at `offset` of `partition` when it is above the highest offset
    /// applied there; returns whether it applied it (false: a re-delivery, skipped).
    bool apply(const core::TopicPartition& partition, core::Offset offset) {
        auto [it, inserted] = highest_applied_.try_emplace(partition, offset);
        if (inserted) return true;
        if (offset <= it->second) return false;
        it->second = offset;
        return true;
    }
    /// The highest offset applied in `partition`, or core::kNoOffset.
    core::Offset highest_applied(const core::TopicPartition& partition) const {
        auto it = highest_applied_.find(partition);
        return it == highest_applied_.end() ? core::kNoOffset : it->second;
    }

   private:
    std::map<core::TopicPartition, core::Offset> highest_applied_;
};

}  // namespace harness
