// PartitionLog::recover: rebuilds a replica's log from its files after a restart or a
// power loss. The segment files are the truth; the checkpoints only add what the
// segments cannot say (a log start moved by DeleteRecords or truncate-fully).

#include <charconv>

#include "core/log/partition_log.h"
#include "core/log/partition_log_impl.h"
#include "sim/assert.h"
#include "sim/disk.h"

namespace core::log {
namespace {

/// The log start offset the checkpoint records, or kNoOffset when absent or unreadable.
Offset read_log_start_checkpoint(const sim::Disk& disk, const std::string& directory) {
    const std::string* text = disk.read(log_start_checkpoint_file(directory));
    if (text == nullptr) return kNoOffset;
    Offset offset = kNoOffset;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), offset);
    if (ec != std::errc() || offset < 0) return kNoOffset;
    return offset;
}

/// Loads segment files in offset order. The first file that is torn, corrupt or does not
/// start where the previous one ended ends the log: it is cut at its last whole batch and
/// every later file is deleted, so nothing after a hole is ever exposed.
void load_segments(sim::Disk& disk, const std::string& directory, std::deque<Segment>& out) {
    bool log_ended = false;
    for (const std::string& file : disk.list(directory)) {
        std::optional<Offset> base = Segment::parse_file_name(directory, file);
        if (!base) continue;
        if (!log_ended && !out.empty() && *base != out.back().next_offset()) log_ended = true;
        if (log_ended) {
            disk.remove(file);
            continue;
        }
        Segment segment(disk, file, *base);
        bool whole = segment.load();
        if (!whole) log_ended = true;
        if (segment.empty()) {
            segment.remove_file();
            log_ended = true;
            continue;
        }
        out.push_back(std::move(segment));
    }
}

/// The epoch cache the surviving batches imply: the first batch of each new epoch.
std::vector<EpochEntry> epochs_from_batches(const std::deque<Segment>& segments) {
    std::vector<EpochEntry> entries;
    for (const Segment& segment : segments) {
        for (const protocol::RecordBatch& batch : segment.batches()) {
            int32_t epoch = batch.partition_leader_epoch;
            if (epoch < 0) continue;
            if (!entries.empty() && epoch <= entries.back().epoch) continue;
            entries.push_back({epoch, batch.base_offset});
        }
    }
    return entries;
}

}  // namespace

void PartitionLog::recover() {
    delete impl_;
    impl_ = new Impl(disk_, directory_);
    Impl& s = *impl_;
    load_segments(disk_, directory_, s.segments);

    Offset checkpoint = read_log_start_checkpoint(disk_, directory_);
    Offset start = checkpoint == kNoOffset ? 0 : checkpoint;
    if (!s.segments.empty()) start = std::max(start, s.segments.front().base_offset());
    // Segments wholly below the log start were deleted before the crash; a power loss can
    // bring their files back, so they go again.
    while (!s.segments.empty() && s.segments.front().next_offset() <= start) {
        s.segments.front().remove_file();
        s.segments.pop_front();
    }
    s.log_start_offset = start;
    s.log_end_offset = s.segments.empty() ? start : s.segments.back().next_offset();
    for (const Segment& segment : s.segments) s.size_bytes += segment.size_bytes();

    // What survived may never have been synced (a process crash keeps the page cache):
    // count it all as unflushed so the flush policy makes it durable.
    s.flushed_offset = s.log_start_offset;
    if (!s.segments.empty()) s.first_dirty_segment = s.segments.front().base_offset();

    // The cache must describe exactly the log that survived: entries past the log end
    // (their batches lost with an unsynced tail) go, and batches the checkpoint missed
    // come back, so the cache is rebuilt from the batches themselves.
    s.epoch_cache.replace_all(epochs_from_batches(s.segments));
    s.epoch_cache.truncate_from_start(s.log_start_offset);
    if (checkpoint != s.log_start_offset) s.write_log_start_checkpoint(disk_, directory_);
    KS_ASSERT(s.log_start_offset <= s.log_end_offset);
}

}  // namespace core::log
