// Retention: deleting whole old segments by retention.ms and retention.bytes, and the
// log start offset they (or DeleteRecords) move forward. The active segment stays.

#include "core/log/partition_log.h"
#include "core/log/partition_log_impl.h"
#include "sim/assert.h"

namespace core::log {

void PartitionLog::apply_retention(int64_t now_ms) {
    Impl& s = *impl_;
    // Kafka's order: breached time, then breached size, then segments wholly below a
    // log start that DeleteRecords moved. Each walks from the oldest segment and stops at
    // the first it must keep; size() > 1 keeps the active segment.
    if (config_.retention_ms >= 0) {
        while (s.segments.size() > 1 &&
               now_ms - s.segments.front().largest_timestamp_ms() > config_.retention_ms) {
            s.drop_oldest_segment();
        }
    }
    if (config_.retention_bytes >= 0) {
        int64_t excess = s.size_bytes - config_.retention_bytes;
        while (s.segments.size() > 1 && excess - s.segments.front().size_bytes() >= 0) {
            excess -= s.segments.front().size_bytes();
            s.drop_oldest_segment();
        }
    }
    while (s.segments.size() > 1 && s.segments.front().next_offset() <= s.log_start_offset) {
        s.drop_oldest_segment();
    }
    if (!s.segments.empty() && s.segments.front().base_offset() > s.log_start_offset) {
        s.log_start_offset = s.segments.front().base_offset();
        s.epoch_cache.truncate_from_start(s.log_start_offset);
        s.write_log_start_checkpoint(disk_, directory_);
    }
}

void PartitionLog::advance_log_start_offset(Offset offset) {
    Impl& s = *impl_;
    if (offset <= s.log_start_offset) return;
    KS_ASSERT(offset <= s.log_end_offset);
    s.log_start_offset = offset;
    s.epoch_cache.truncate_from_start(offset);
    s.write_log_start_checkpoint(disk_, directory_);
}

}  // namespace core::log
