#pragma once
// The controller quorum's durable state on the node's sim::Disk: the metadata log
// entries, the quorum-state file (epoch and voted-for) and the snapshot that replaces the
// log's compacted prefix. Memory mirrors the disk; recover() rebuilds it after a restart.
//
// Files (under the directory given, "__cluster_metadata-0/" as in Kafka):
//   quorum-state  epoch + voted-for, replaced whole and fsynced on every change
//   log           appended records [len u32][type u8][epoch i64][index i64][payload][fnv u64]
//   snapshot      [index i64][epoch i64][state machine bytes][fnv u64], replaced whole
// Nothing is acknowledged before flush(): fsync is what lets committed entries survive a
// power loss. The disk marks data durable at the fsync call and returns how long the
// caller must wait before acting on it; sync_latency() keeps the longest such wait since
// reset_sync_latency(), so the node can hold its answers back until then.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/controller/raft_messages.h"
#include "sim/disk.h"
#include "sim/time.h"

namespace core::controller {

class RaftLog {
   public:
    RaftLog(sim::Disk& disk, std::string directory);

    /// Loads quorum state, snapshot and log entries from the disk; a torn or corrupt tail
    /// of the log file is cut off (it was never fsynced, so never acknowledged).
    void recover();

    // Quorum state (Raft's currentTerm and votedFor).
    int64_t epoch() const { return epoch_; }
    std::optional<sim::NodeId> voted_for() const { return voted_for_; }
    /// Writes and fsyncs the quorum-state file. REQUIRES: epoch >= epoch().
    void persist_quorum_state(int64_t epoch, std::optional<sim::NodeId> voted_for);

    // Entries. The log holds (snapshot_index(), last_index()].
    int64_t last_index() const { return snapshot_index_ + static_cast<int64_t>(entries_.size()); }
    /// Epoch of the last entry (the snapshot's when the log is empty).
    int64_t last_epoch() const;
    /// Epoch of the entry at `index`, for snapshot_index() <= index <= last_index();
    /// nullopt outside that range (compacted away, or past the end).
    std::optional<int64_t> epoch_at(int64_t index) const;
    /// REQUIRES: snapshot_index() < index <= last_index().
    const RaftEntry& entry(int64_t index) const;
    /// Entries [from, from + max_count) clipped to the log. REQUIRES: from > snapshot_index().
    std::vector<RaftEntry> entries_from(int64_t from, size_t max_count) const;

    /// Appends without fsync. REQUIRES: entry.index == last_index() + 1.
    void append(RaftEntry entry);
    /// Removes entries at `index` and after. REQUIRES: index > snapshot_index().
    void truncate_from(int64_t index);
    /// fsyncs the log file: everything appended so far survives a power loss.
    void flush();
    /// Entries after the last flush() (what a power loss could still take away).
    bool dirty() const { return dirty_; }

    /// The longest fsync wait since the last reset (0 when nothing was synced).
    sim::Duration sync_latency() const { return sync_latency_; }
    void reset_sync_latency() { sync_latency_ = 0; }

    // Snapshot: the state machine's state after applying entries 1..snapshot_index().
    int64_t snapshot_index() const { return snapshot_index_; }
    int64_t snapshot_epoch() const { return snapshot_epoch_; }
    const std::string& snapshot_data() const { return snapshot_data_; }
    /// Compaction: the state machine's `data` covers up to `index` (an entry this log
    /// holds); stores it and drops entries up to `index`.
    /// REQUIRES: snapshot_index() < index <= last_index().
    void compact(int64_t index, std::string data);
    /// A snapshot from the leader covering (index, epoch): keeps the entries after it when
    /// this log holds the same entry at `index` (Raft §7), else discards the whole log.
    /// REQUIRES: index > snapshot_index().
    void install_snapshot(int64_t index, int64_t epoch, std::string data);

   private:
    std::string path(const char* name) const { return directory_ + name; }
    void recover_quorum_state();
    void recover_snapshot();
    void recover_entries();
    void write_snapshot_file();
    void rewrite_log_file();
    void fsync(const std::string& file);

    sim::Disk& disk_;
    std::string directory_;
    int64_t epoch_ = 0;
    std::optional<sim::NodeId> voted_for_;
    int64_t snapshot_index_ = 0;
    int64_t snapshot_epoch_ = 0;
    std::string snapshot_data_;
    std::vector<RaftEntry> entries_;     // entries_[i] has index snapshot_index_ + 1 + i
    std::vector<uint64_t> positions_;    // byte offset of entries_[i] in the log file
    uint64_t log_file_size_ = 0;
    bool dirty_ = false;
    sim::Duration sync_latency_ = 0;
};

}  // namespace core::controller
