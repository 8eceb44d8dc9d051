#include "core/controller/raft_log.h"

#include <algorithm>
#include <utility>

#include "sim/assert.h"
#include "sim/rng.h"

namespace core::controller {
namespace {

constexpr size_t kRecordHeaderBytes = 4 + 1 + 8 + 8;
constexpr size_t kChecksumBytes = 8;

void put_u64(std::string& out, uint64_t value) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

void put_u32(std::string& out, uint32_t value) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

uint64_t get_u64(const std::string& in, size_t at) {
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) {
        value |= static_cast<uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    }
    return value;
}

uint32_t get_u32(const std::string& in, size_t at) {
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
        value |= static_cast<uint32_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    }
    return value;
}

std::string encode_entry(const RaftEntry& entry) {
    std::string out;
    out.reserve(kRecordHeaderBytes + entry.payload.size() + kChecksumBytes);
    put_u32(out, static_cast<uint32_t>(entry.payload.size()));
    out.push_back(static_cast<char>(entry.type));
    put_u64(out, static_cast<uint64_t>(entry.epoch));
    put_u64(out, static_cast<uint64_t>(entry.index));
    out += entry.payload;
    put_u64(out, sim::fnv1a64(out));
    return out;
}

/// Decodes the record at `at`; nullopt when the bytes there are torn or corrupt.
std::optional<RaftEntry> decode_entry(const std::string& in, size_t at, size_t* record_size) {
    if (in.size() < at + kRecordHeaderBytes) return std::nullopt;
    const uint32_t length = get_u32(in, at);
    const size_t total = kRecordHeaderBytes + length + kChecksumBytes;
    if (in.size() - at < total) return std::nullopt;
    const std::string_view body(in.data() + at, total - kChecksumBytes);
    if (sim::fnv1a64(body) != get_u64(in, at + total - kChecksumBytes)) return std::nullopt;
    const auto type = static_cast<uint8_t>(in[at + 4]);
    if (type > static_cast<uint8_t>(RaftRecordType::LeaderChange)) return std::nullopt;
    RaftEntry entry;
    entry.type = static_cast<RaftRecordType>(type);
    entry.epoch = static_cast<int64_t>(get_u64(in, at + 5));
    entry.index = static_cast<int64_t>(get_u64(in, at + 13));
    entry.payload = in.substr(at + kRecordHeaderBytes, length);
    *record_size = total;
    return entry;
}

}  // namespace

RaftLog::RaftLog(sim::Disk& disk, std::string directory)
    : disk_(disk), directory_(std::move(directory)) {}

void RaftLog::recover() {
    recover_quorum_state();
    recover_snapshot();
    recover_entries();
}

void RaftLog::recover_quorum_state() {
    epoch_ = 0;
    voted_for_.reset();
    const std::string* bytes = disk_.read(path("quorum-state"));
    if (bytes == nullptr) return;
    // The file is replaced whole and fsynced, so it is either absent or complete.
    KS_ASSERT(bytes->size() == 8 + 8 + 8);
    KS_ASSERT(sim::fnv1a64(std::string_view(bytes->data(), 16)) == get_u64(*bytes, 16));
    epoch_ = static_cast<int64_t>(get_u64(*bytes, 0));
    const auto voted = static_cast<int64_t>(get_u64(*bytes, 8));
    if (voted != sim::kNoNode) voted_for_ = static_cast<sim::NodeId>(voted);
}

void RaftLog::persist_quorum_state(int64_t epoch, std::optional<sim::NodeId> voted_for) {
    KS_ASSERT(epoch >= epoch_);
    epoch_ = epoch;
    voted_for_ = voted_for;
    std::string bytes;
    put_u64(bytes, static_cast<uint64_t>(epoch));
    put_u64(bytes, static_cast<uint64_t>(static_cast<int64_t>(voted_for.value_or(sim::kNoNode))));
    put_u64(bytes, sim::fnv1a64(bytes));
    disk_.write_file(path("quorum-state"), std::move(bytes));
    fsync(path("quorum-state"));
}

void RaftLog::recover_snapshot() {
    snapshot_index_ = 0;
    snapshot_epoch_ = 0;
    snapshot_data_.clear();
    const std::string* bytes = disk_.read(path("snapshot"));
    if (bytes == nullptr) return;
    KS_ASSERT(bytes->size() >= 24);
    const size_t body = bytes->size() - 8;
    KS_ASSERT(sim::fnv1a64(std::string_view(bytes->data(), body)) == get_u64(*bytes, body));
    snapshot_index_ = static_cast<int64_t>(get_u64(*bytes, 0));
    snapshot_epoch_ = static_cast<int64_t>(get_u64(*bytes, 8));
    snapshot_data_ = bytes->substr(16, body - 16);
}

void RaftLog::recover_entries() {
    entries_.clear();
    positions_.clear();
    dirty_ = false;
    const std::string* bytes = disk_.read(path("log"));
    if (bytes == nullptr) {
        log_file_size_ = 0;
        return;
    }
    size_t at = 0;
    size_t record_size = 0;
    while (auto entry = decode_entry(*bytes, at, &record_size)) {
        // Entries the snapshot covers may linger if compaction's log rewrite was lost.
        const bool covered = entry->index <= snapshot_index_;
        const bool next = entry->index == last_index() + 1;
        if (!covered && !next) break;
        if (next) {
            positions_.push_back(at);
            entries_.push_back(std::move(*entry));
        }
        at += record_size;
    }
    log_file_size_ = at;
    if (at < bytes->size()) {
        disk_.truncate(path("log"), at);
        fsync(path("log"));
    }
}

int64_t RaftLog::last_epoch() const {
    return entries_.empty() ? snapshot_epoch_ : entries_.back().epoch;
}

std::optional<int64_t> RaftLog::epoch_at(int64_t index) const {
    if (index == snapshot_index_) return snapshot_epoch_;
    if (index < snapshot_index_ || index > last_index()) return std::nullopt;
    return entries_[static_cast<size_t>(index - snapshot_index_ - 1)].epoch;
}

const RaftEntry& RaftLog::entry(int64_t index) const {
    KS_ASSERT(index > snapshot_index_);
    KS_ASSERT(index <= last_index());
    return entries_[static_cast<size_t>(index - snapshot_index_ - 1)];
}

std::vector<RaftEntry> RaftLog::entries_from(int64_t from, size_t max_count) const {
    KS_ASSERT(from > snapshot_index_);
    std::vector<RaftEntry> out;
    for (int64_t index = from; index <= last_index() && out.size() < max_count; ++index) {
        out.push_back(entry(index));
    }
    return out;
}

void RaftLog::append(RaftEntry entry) {
    KS_ASSERT(entry.index == last_index() + 1);
    KS_ASSERT(entry.epoch >= last_epoch());
    const std::string record = encode_entry(entry);
    disk_.append(path("log"), record);
    positions_.push_back(log_file_size_);
    log_file_size_ += record.size();
    entries_.push_back(std::move(entry));
    dirty_ = true;
}

void RaftLog::truncate_from(int64_t index) {
    KS_ASSERT(index > snapshot_index_);
    if (index > last_index()) return;
    const auto keep = static_cast<size_t>(index - snapshot_index_ - 1);
    log_file_size_ = positions_[keep];
    entries_.resize(keep);
    positions_.resize(keep);
    disk_.truncate(path("log"), log_file_size_);
    dirty_ = true;
}

void RaftLog::flush() {
    if (!dirty_) return;
    fsync(path("log"));
    dirty_ = false;
}

void RaftLog::compact(int64_t index, std::string data) {
    KS_ASSERT(index > snapshot_index_);
    KS_ASSERT(index <= last_index());
    const int64_t epoch = *epoch_at(index);
    const auto drop = static_cast<size_t>(index - snapshot_index_);
    entries_.erase(entries_.begin(), entries_.begin() + static_cast<ptrdiff_t>(drop));
    snapshot_index_ = index;
    snapshot_epoch_ = epoch;
    snapshot_data_ = std::move(data);
    // Snapshot first: a log rewrite lost to power loss leaves covered entries, which
    // recovery skips; the reverse order could leave a gap.
    write_snapshot_file();
    rewrite_log_file();
}

void RaftLog::install_snapshot(int64_t index, int64_t epoch, std::string data) {
    KS_ASSERT(index > snapshot_index_);
    const std::optional<int64_t> ours = epoch_at(index);
    if (ours && *ours == epoch) {
        const auto drop = static_cast<size_t>(index - snapshot_index_);
        entries_.erase(entries_.begin(), entries_.begin() + static_cast<ptrdiff_t>(drop));
    } else {
        entries_.clear();
    }
    snapshot_index_ = index;
    snapshot_epoch_ = epoch;
    snapshot_data_ = std::move(data);
    write_snapshot_file();
    rewrite_log_file();
}

void RaftLog::write_snapshot_file() {
    std::string bytes;
    put_u64(bytes, static_cast<uint64_t>(snapshot_index_));
    put_u64(bytes, static_cast<uint64_t>(snapshot_epoch_));
    bytes += snapshot_data_;
    put_u64(bytes, sim::fnv1a64(bytes));
    disk_.write_file(path("snapshot"), std::move(bytes));
    fsync(path("snapshot"));
}

void RaftLog::rewrite_log_file() {
    std::string bytes;
    positions_.clear();
    for (const RaftEntry& entry : entries_) {
        positions_.push_back(bytes.size());
        bytes += encode_entry(entry);
    }
    log_file_size_ = bytes.size();
    disk_.write_file(path("log"), std::move(bytes));
    fsync(path("log"));
    dirty_ = false;
}

void RaftLog::fsync(const std::string& file) {
    sync_latency_ = std::max(sync_latency_, disk_.fsync(file));
}

}  // namespace core::controller
