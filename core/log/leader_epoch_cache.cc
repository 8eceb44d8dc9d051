#include "core/log/leader_epoch_cache.h"

#include <algorithm>
#include <charconv>

#include "sim/assert.h"
#include "sim/disk.h"

namespace core::log {
namespace {

bool monotonic(const std::vector<EpochEntry>& entries) {
    for (size_t i = 1; i < entries.size(); ++i) {
        if (entries[i].epoch <= entries[i - 1].epoch) return false;
        if (entries[i].start_offset <= entries[i - 1].start_offset) return false;
    }
    return true;
}

/// Reads one decimal integer token from `text` at `pos`, skipping leading whitespace.
template <typename T>
bool read_number(const std::string& text, size_t& pos, T& value) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n')) ++pos;
    auto [end, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), value);
    if (ec != std::errc()) return false;
    pos = static_cast<size_t>(end - text.data());
    return true;
}

}  // namespace

std::string format_epoch_checkpoint(const std::vector<EpochEntry>& entries) {
    std::string text = "0\n" + std::to_string(entries.size()) + "\n";
    for (const EpochEntry& e : entries) {
        text += std::to_string(e.epoch) + " " + std::to_string(e.start_offset) + "\n";
    }
    return text;
}

bool parse_epoch_checkpoint(const std::string& text, std::vector<EpochEntry>& entries) {
    size_t pos = 0;
    int version = -1;
    size_t count = 0;
    if (!read_number(text, pos, version) || version != 0) return false;
    if (!read_number(text, pos, count) || count > text.size()) return false;
    std::vector<EpochEntry> parsed(count);
    for (EpochEntry& e : parsed) {
        if (!read_number(text, pos, e.epoch) || !read_number(text, pos, e.start_offset)) {
            return false;
        }
        if (e.epoch < 0 || e.start_offset < 0) return false;
    }
    if (!monotonic(parsed)) return false;
    entries = std::move(parsed);
    return true;
}

LeaderEpochCache::LeaderEpochCache(sim::Disk& disk, std::string file)
    : disk_(disk), file_(std::move(file)) {
    if (const std::string* text = disk_.read(file_)) {
        // A checkpoint that does not parse is treated as absent: the log rebuilds the
        // cache from its batches on recovery, so nothing is lost by ignoring it.
        if (!parse_epoch_checkpoint(*text, entries_)) entries_.clear();
    }
}

bool LeaderEpochCache::assign(int32_t epoch, Offset start_offset) {
    KS_ASSERT(epoch >= 0);
    KS_ASSERT(start_offset >= 0);
    if (!entries_.empty()) {
        const EpochEntry& last = entries_.back();
        if (last.epoch == epoch && last.start_offset <= start_offset) return false;
    }
    while (!entries_.empty() &&
           (entries_.back().epoch >= epoch || entries_.back().start_offset >= start_offset)) {
        entries_.pop_back();
    }
    entries_.push_back({epoch, start_offset});
    flush();
    return true;
}

void LeaderEpochCache::truncate_from_end(Offset end_offset) {
    if (end_offset < 0 || entries_.empty()) return;
    if (entries_.back().start_offset < end_offset) return;
    while (!entries_.empty() && entries_.back().start_offset >= end_offset) entries_.pop_back();
    flush();
}

void LeaderEpochCache::truncate_from_start(Offset start_offset) {
    auto first_kept = std::find_if(entries_.begin(), entries_.end(), [&](const EpochEntry& e) {
        return e.start_offset > start_offset;
    });
    if (first_kept == entries_.begin()) return;
    EpochEntry moved{std::prev(first_kept)->epoch, start_offset};
    bool unchanged = first_kept - entries_.begin() == 1 && entries_.front() == moved;
    if (unchanged) return;
    entries_.erase(entries_.begin(), first_kept);
    entries_.insert(entries_.begin(), moved);
    flush();
}

void LeaderEpochCache::replace_all(std::vector<EpochEntry> entries) {
    KS_ASSERT(monotonic(entries));
    entries_ = std::move(entries);
    flush();
}

void LeaderEpochCache::clear_and_flush() {
    entries_.clear();
    flush();
}

std::pair<int32_t, Offset> LeaderEpochCache::end_offset_for(int32_t epoch,
                                                            Offset log_end_offset) const {
    constexpr std::pair<int32_t, Offset> kUndefined{kNoLeaderEpoch, kNoOffset};
    if (epoch == kNoLeaderEpoch || entries_.empty()) return kUndefined;
    // The latest epoch is still being written: it ends at the log end.
    if (entries_.back().epoch == epoch) return {epoch, log_end_offset};
    auto higher =
        std::upper_bound(entries_.begin(), entries_.end(), epoch,
                         [](int32_t e, const EpochEntry& entry) { return e < entry.epoch; });
    if (higher == entries_.end()) return kUndefined;
    // Older than anything cached: the data was removed from the log, so answer with the
    // first known start so the follower truncates no further than the leader's start.
    if (higher == entries_.begin()) return {epoch, higher->start_offset};
    return {std::prev(higher)->epoch, higher->start_offset};
}

int32_t LeaderEpochCache::latest_epoch() const {
    return entries_.empty() ? kNoLeaderEpoch : entries_.back().epoch;
}

void LeaderEpochCache::flush() {
    disk_.write_file(file_, format_epoch_checkpoint(entries_));
    // Kafka fsyncs checkpoint files as it writes them; the caller never waits for it.
    disk_.fsync(file_);
}

}  // namespace core::log
