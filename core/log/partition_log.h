#pragma once
// One replica's log of one partition, on the node's sim::Disk: append-only segments,
// log start/end offsets, the leader-epoch cache, truncation, retention and flush policy.
// Memory mirrors the disk; recover() rebuilds the memory from the disk after a restart.

#include <cstdint>
#include <string>
#include <vector>

#include "core/protocol/record.h"
#include "sim/disk.h"
#include "sim/time.h"

namespace core::log {

/// The topic configs a log obeys (Kafka names in comments; defaults are Kafka's).
struct LogConfig {
    /// segment.bytes
    int64_t segment_bytes = 1073741824;
    /// retention.ms: 7 days; -1 keeps forever.
    int64_t retention_ms = 604800000;
    /// retention.bytes: -1 means no size limit.
    int64_t retention_bytes = -1;
    /// flush.messages: fsync after this many unflushed messages (Kafka: Long.MAX = never).
    int64_t flush_messages = INT64_MAX;
    /// flush.ms: fsync when the oldest unflushed message is this old (Kafka: never).
    int64_t flush_ms = INT64_MAX;
};

struct ReadResult {
    std::vector<protocol::RecordBatch> batches;
    core::Offset log_start_offset = 0;
    core::Offset log_end_offset = 0;
};

class LeaderEpochCache;

class PartitionLog {
   public:
    /// `directory` names this replica's files on the disk, e.g. "trucks_gps-3/".
    /// The log starts empty at offset 0 and touches no file: call recover() once before
    /// use whenever the directory may already hold this log's files.
    PartitionLog(sim::Disk& disk, std::string directory, LogConfig config);
    ~PartitionLog();
    PartitionLog(const PartitionLog&) = delete;
    PartitionLog& operator=(const PartitionLog&) = delete;
    PartitionLog(PartitionLog&& other) noexcept;

    /// Rebuilds offsets, batches and the epoch cache from the disk (restart, power loss).
    void recover();

    /// Leader append: assigns offsets from log_end_offset(), stamps `leader_epoch` on the
    /// batch and in the epoch cache. Returns the batch as written (with its offsets).
    const protocol::RecordBatch& append_as_leader(protocol::RecordBatch batch,
                                                  int32_t leader_epoch, int64_t now_ms);
    /// Follower append of a batch fetched from the leader, keeping its offsets and epoch.
    /// REQUIRES: batch.base_offset == log_end_offset().
    void append_as_follower(const protocol::RecordBatch& batch);

    /// Whole batches holding offsets >= `offset` and < `max_offset` (exclusive; the
    /// high watermark for consumers, log end for followers), at most ~max_bytes (always at
    /// least one batch when one is available).
    ReadResult read(core::Offset offset, core::Offset max_offset, int32_t max_bytes) const;
    /// The sum of size_bytes() of the batches read() would return, without copying them.
    int64_t read_size_bytes(core::Offset offset, core::Offset max_offset,
                            int32_t max_bytes) const;

    /// Removes every record at `offset` and above (follower truncation, KIP-101/279).
    /// Truncation works in whole batches as Kafka's does: a batch straddling `offset`
    /// goes whole, so log_end_offset() may end below `offset`. Below the first segment it
    /// becomes truncate_fully_and_start_at(offset).
    void truncate_to(core::Offset offset);
    /// Removes everything and restarts the log at `offset` (follower far behind the
    /// leader's log start).
    void truncate_fully_and_start_at(core::Offset offset);

    /// Flush policy: fsyncs when flush.messages / flush.ms say so. Returns the fsync
    /// latency to wait, 0 when nothing was flushed.
    sim::Duration maybe_flush(int64_t now_ms);
    /// Unconditional fsync of this log's files. Afterwards the durable files are exactly
    /// this log (segment deletions are synced too), so a power loss reverts to this point.
    sim::Duration flush();
    /// Offset up to which (exclusive) records are durable on disk.
    core::Offset flushed_offset() const;

    /// Deletes whole segments older than retention.ms or beyond retention.bytes, moving
    /// the log start offset forward; the active segment is never deleted.
    void apply_retention(int64_t now_ms);
    /// Moves the log start offset forward (DeleteRecords); never backwards.
    void advance_log_start_offset(core::Offset offset);

    core::Offset log_start_offset() const;
    core::Offset log_end_offset() const;
    /// Epoch of the last batch appended, or kNoLeaderEpoch for an empty history.
    int32_t latest_epoch() const;
    /// OffsetForLeaderEpoch: the largest epoch <= `epoch` this log knows and its end
    /// offset (the start offset of the next larger epoch, or log end). {kNoLeaderEpoch,
    /// kNoOffset} when the log knows no such epoch.
    std::pair<int32_t, core::Offset> end_offset_for_epoch(int32_t epoch) const;
    /// A new leader records that `leader_epoch` starts at its log end before it appends
    /// anything (Kafka's maybeAssignEpochStartOffset on makeLeader), so followers asking
    /// about the previous epoch learn where it ended.
    void assign_epoch_start_offset(int32_t leader_epoch, core::Offset start_offset);
    const LeaderEpochCache& leader_epoch_cache() const;

    /// Deletes every file of this log (topic deletion); the object must not be used after.
    void delete_files();
    /// Number of segments (the last is the active one); for tests and reports.
    size_t segment_count() const;

    const LogConfig& config() const { return config_; }
    void set_config(LogConfig config) { config_ = config; }
    int64_t size_bytes() const;

   private:
    struct Impl;
    sim::Disk& disk_;
    std::string directory_;
    LogConfig config_;
    Impl* impl_;
};

}  // namespace core::log
