#pragma once
// Private to core/log: the state behind PartitionLog, shared by the .cc files that
// implement it by concern (append/read/truncate, recovery, retention).

#include <deque>
#include <string>
#include <vector>

#include "core/log/leader_epoch_cache.h"
#include "core/log/partition_log.h"
#include "core/log/segment.h"

namespace core::log {

/// The file holding the log start offset when DeleteRecords or retention moved it.
inline std::string log_start_checkpoint_file(const std::string& directory) {
    return directory + "log-start-offset-checkpoint";
}
inline std::string epoch_checkpoint_file(const std::string& directory) {
    return directory + "leader-epoch-checkpoint";
}

struct PartitionLog::Impl {
    Impl(sim::Disk& disk, const std::string& directory)
        : epoch_cache(disk, epoch_checkpoint_file(directory)) {}

    /// Oldest first; every segment holds at least one batch, and each starts where the
    /// previous one ends. The last one is the active segment.
    std::deque<Segment> segments;
    LeaderEpochCache epoch_cache;
    Offset log_start_offset = 0;
    Offset log_end_offset = 0;
    Offset flushed_offset = 0;
    int64_t size_bytes = 0;
    /// Base offset of the oldest segment written since the last flush; kNoOffset if none.
    Offset first_dirty_segment = kNoOffset;
    /// Segment files deleted since the last flush: flush() syncs their removal too, so a
    /// power loss after a flush can never bring back a segment truncation or retention
    /// deleted before it.
    std::vector<std::string> removed_files;
    /// When maybe_flush first saw unflushed messages (flush.ms counts from there).
    int64_t first_unflushed_ms = -1;
    /// Reused encoding buffer, so an append allocates nothing once warm.
    std::string scratch;

    /// Index of the segment holding `offset` (the last segment with base <= offset).
    /// REQUIRES: segments non-empty and offset >= segments.front().base_offset().
    size_t segment_index(Offset offset) const;
    /// Records that the segment starting at `segment_base` needs an fsync at next flush.
    void mark_dirty(Offset segment_base);
    /// Drops the oldest segment (its file too).
    void drop_oldest_segment();
    /// Drops the newest segment (its file too).
    void drop_newest_segment();
    /// Writes `batch` at the log end, rolling to a new segment past segment.bytes.
    const protocol::RecordBatch& append(sim::Disk& disk, const std::string& directory,
                                        int64_t segment_bytes, protocol::RecordBatch batch);
    void write_log_start_checkpoint(sim::Disk& disk, const std::string& directory) const;
};

}  // namespace core::log
