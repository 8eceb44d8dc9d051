#include "core/log/partition_log.h"

#include <algorithm>

#include "core/log/partition_log_impl.h"
#include "sim/assert.h"

namespace core::log {
namespace {

/// Segment files are "<directory><base offset>.log": the directory must end in '/' so
/// that "t-1/" never matches the files of "t-10/".
std::string normalize_directory(std::string directory) {
    if (directory.empty() || directory.back() != '/') directory.push_back('/');
    return directory;
}

}  // namespace

size_t PartitionLog::Impl::segment_index(Offset offset) const {
    KS_ASSERT(!segments.empty());
    KS_ASSERT(offset >= segments.front().base_offset());
    auto after = std::upper_bound(segments.begin(), segments.end(), offset,
                                  [](Offset o, const Segment& s) { return o < s.base_offset(); });
    return static_cast<size_t>(after - segments.begin()) - 1;
}

void PartitionLog::Impl::mark_dirty(Offset segment_base) {
    // The minimum: a truncation can drop every segment and the next one may then start
    // below a segment already marked.
    if (first_dirty_segment == kNoOffset || segment_base < first_dirty_segment) {
        first_dirty_segment = segment_base;
    }
}

void PartitionLog::Impl::drop_oldest_segment() {
    KS_ASSERT(!segments.empty());
    size_bytes -= segments.front().size_bytes();
    segments.front().remove_file();
    removed_files.push_back(segments.front().file());
    segments.pop_front();
}

void PartitionLog::Impl::drop_newest_segment() {
    KS_ASSERT(!segments.empty());
    size_bytes -= segments.back().size_bytes();
    segments.back().remove_file();
    removed_files.push_back(segments.back().file());
    segments.pop_back();
}

void PartitionLog::Impl::write_log_start_checkpoint(sim::Disk& disk,
                                                    const std::string& directory) const {
    std::string file = log_start_checkpoint_file(directory);
    disk.write_file(file, std::to_string(log_start_offset) + "\n");
    // Synced at once, like Kafka's checkpoint files: after a power loss the log must not
    // expose records below a start it already announced.
    disk.fsync(file);
}

const protocol::RecordBatch& PartitionLog::Impl::append(sim::Disk& disk,
                                                        const std::string& directory,
                                                        int64_t segment_bytes,
                                                        protocol::RecordBatch batch) {
    KS_ASSERT(!batch.records.empty());
    KS_ASSERT(batch.base_offset == log_end_offset);
    bool roll = segments.empty() ||
                segments.back().size_bytes() + int64_t(batch.size_bytes()) > segment_bytes;
    if (roll) {
        std::string file = Segment::file_name(directory, log_end_offset);
        // A file here that memory does not know means recover() was skipped: appending
        // would interleave two histories.
        KS_ASSERT(!disk.exists(file));
        segments.emplace_back(disk, std::move(file), log_end_offset);
    }
    Segment& active = segments.back();
    mark_dirty(active.base_offset());
    if (batch.partition_leader_epoch >= 0) {
        epoch_cache.assign(batch.partition_leader_epoch, batch.base_offset);
    }
    int64_t before = active.size_bytes();
    const protocol::RecordBatch& written = active.append(std::move(batch), scratch);
    size_bytes += active.size_bytes() - before;
    log_end_offset = written.next_offset();
    return written;
}

PartitionLog::PartitionLog(sim::Disk& disk, std::string directory, LogConfig config)
    : disk_(disk),
      directory_(normalize_directory(std::move(directory))),
      config_(config),
      impl_(new Impl(disk, directory_)) {}

PartitionLog::~PartitionLog() { delete impl_; }

PartitionLog::PartitionLog(PartitionLog&& other) noexcept
    : disk_(other.disk_),
      directory_(std::move(other.directory_)),
      config_(other.config_),
      impl_(other.impl_) {
    other.impl_ = nullptr;
}

const protocol::RecordBatch& PartitionLog::append_as_leader(protocol::RecordBatch batch,
                                                            int32_t leader_epoch, int64_t now_ms) {
    KS_ASSERT(leader_epoch >= 0);
    batch.base_offset = impl_->log_end_offset;
    batch.partition_leader_epoch = leader_epoch;
    for (size_t i = 0; i < batch.records.size(); ++i) {
        batch.records[i].offset = batch.base_offset + static_cast<Offset>(i);
    }
    if (impl_->first_unflushed_ms < 0) impl_->first_unflushed_ms = now_ms;
    return impl_->append(disk_, directory_, config_.segment_bytes, std::move(batch));
}

void PartitionLog::append_as_follower(const protocol::RecordBatch& batch) {
    KS_ASSERT(batch.base_offset == impl_->log_end_offset);
    protocol::RecordBatch copy = batch;
    for (size_t i = 0; i < copy.records.size(); ++i) {
        KS_ASSERT(copy.records[i].offset == kNoOffset ||
                  copy.records[i].offset == copy.base_offset + static_cast<Offset>(i));
        copy.records[i].offset = copy.base_offset + static_cast<Offset>(i);
    }
    impl_->append(disk_, directory_, config_.segment_bytes, std::move(copy));
}

namespace {

// The batches read() returns, handed to `take` in order; shared by read() and
// read_size_bytes() so the two can't disagree.
// (`Impl` is deduced: it is private to PartitionLog.)
template <typename Impl, typename Take>
void for_each_read_batch(const Impl& s, Offset offset, Offset max_offset,
                         int32_t max_bytes, Take take) {
    Offset limit = std::min(max_offset, s.log_end_offset);
    if (offset < s.log_start_offset || offset >= limit) return;
    int64_t bytes = 0;
    bool first = true;
    for (size_t i = s.segment_index(offset); i < s.segments.size(); ++i) {
        const auto& batches = s.segments[i].batches();
        for (size_t b = s.segments[i].find(offset); b < batches.size(); ++b) {
            const protocol::RecordBatch& batch = batches[b];
            // A batch reaching max_offset is withheld whole: no record at or above the
            // high watermark may leave the broker.
            if (batch.last_offset() >= limit) return;
            bytes += batch.size_bytes();
            if (!first && bytes > max_bytes) return;
            first = false;
            take(batch);
        }
    }
}

}  // namespace

ReadResult PartitionLog::read(Offset offset, Offset max_offset, int32_t max_bytes) const {
    const Impl& s = *impl_;
    ReadResult result;
    result.log_start_offset = s.log_start_offset;
    result.log_end_offset = s.log_end_offset;
    for_each_read_batch(s, offset, max_offset, max_bytes, [&](const protocol::RecordBatch& b) {
        result.batches.push_back(b);
    });
    return result;
}

int64_t PartitionLog::read_size_bytes(Offset offset, Offset max_offset, int32_t max_bytes) const {
    int64_t bytes = 0;
    for_each_read_batch(*impl_, offset, max_offset, max_bytes, [&](const protocol::RecordBatch& b) {
        bytes += b.size_bytes();
    });
    return bytes;
}

void PartitionLog::truncate_to(Offset offset) {
    Impl& s = *impl_;
    if (offset >= s.log_end_offset) return;
    if (s.segments.empty() || offset < s.segments.front().base_offset()) {
        truncate_fully_and_start_at(offset);
        return;
    }
    Offset front_base = s.segments.front().base_offset();
    while (!s.segments.empty() && s.segments.back().base_offset() >= offset) {
        s.drop_newest_segment();
    }
    if (!s.segments.empty()) {
        Segment& last = s.segments.back();
        s.size_bytes -= last.size_bytes();
        last.truncate_to(offset);
        s.size_bytes += last.size_bytes();
        if (last.empty()) s.drop_newest_segment();
    }
    s.log_end_offset = s.segments.empty() ? front_base : s.segments.back().next_offset();
    s.flushed_offset = std::min(s.flushed_offset, s.log_end_offset);
    if (!s.segments.empty()) s.mark_dirty(s.segments.back().base_offset());
    s.epoch_cache.truncate_from_end(s.log_end_offset);
    if (s.log_start_offset > s.log_end_offset) {
        s.log_start_offset = s.log_end_offset;
        s.write_log_start_checkpoint(disk_, directory_);
    }
}

void PartitionLog::truncate_fully_and_start_at(Offset offset) {
    KS_ASSERT(offset >= 0);
    Impl& s = *impl_;
    while (!s.segments.empty()) s.drop_newest_segment();
    KS_ASSERT(s.size_bytes == 0);
    s.log_start_offset = offset;
    s.log_end_offset = offset;
    s.flushed_offset = offset;
    s.first_dirty_segment = kNoOffset;
    s.first_unflushed_ms = -1;
    s.epoch_cache.clear_and_flush();
    s.write_log_start_checkpoint(disk_, directory_);
}

sim::Duration PartitionLog::maybe_flush(int64_t now_ms) {
    Impl& s = *impl_;
    int64_t unflushed = s.log_end_offset - s.flushed_offset;
    if (unflushed <= 0) return 0;
    // Follower appends carry no clock: the age of unflushed data counts from the first
    // maybe_flush that saw it, which the broker calls right after appending.
    if (s.first_unflushed_ms < 0) s.first_unflushed_ms = now_ms;
    bool by_count = unflushed >= config_.flush_messages;
    bool by_age = now_ms - s.first_unflushed_ms >= config_.flush_ms;
    if (!by_count && !by_age) return 0;
    return flush();
}

sim::Duration PartitionLog::flush() {
    Impl& s = *impl_;
    sim::Duration latency = 0;
    // After a flush the durable files are exactly this log: deletions first, so a file
    // removed and then re-created at the same base offset ends up with its new content.
    for (const std::string& file : s.removed_files) {
        if (!disk_.exists(file)) latency += disk_.fsync(file);
    }
    s.removed_files.clear();
    if (s.first_dirty_segment != kNoOffset) {
        for (const Segment& segment : s.segments) {
            if (segment.base_offset() >= s.first_dirty_segment) {
                latency += disk_.fsync(segment.file());
            }
        }
    }
    s.first_dirty_segment = kNoOffset;
    s.first_unflushed_ms = -1;
    s.flushed_offset = s.log_end_offset;
    return latency;
}

Offset PartitionLog::flushed_offset() const { return impl_->flushed_offset; }
Offset PartitionLog::log_start_offset() const { return impl_->log_start_offset; }
Offset PartitionLog::log_end_offset() const { return impl_->log_end_offset; }
int32_t PartitionLog::latest_epoch() const { return impl_->epoch_cache.latest_epoch(); }
int64_t PartitionLog::size_bytes() const { return impl_->size_bytes; }
size_t PartitionLog::segment_count() const { return impl_->segments.size(); }

std::pair<int32_t, Offset> PartitionLog::end_offset_for_epoch(int32_t epoch) const {
    return impl_->epoch_cache.end_offset_for(epoch, impl_->log_end_offset);
}

void PartitionLog::assign_epoch_start_offset(int32_t leader_epoch, Offset start_offset) {
    KS_ASSERT(start_offset <= impl_->log_end_offset);
    impl_->epoch_cache.assign(leader_epoch, start_offset);
}

const LeaderEpochCache& PartitionLog::leader_epoch_cache() const { return impl_->epoch_cache; }

void PartitionLog::delete_files() {
    for (const std::string& file : disk_.list(directory_)) disk_.remove(file);
}

}  // namespace core::log
