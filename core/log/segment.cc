#include "core/log/segment.h"

#include <algorithm>
#include <charconv>

#include "core/log/record_codec.h"
#include "sim/assert.h"
#include "sim/disk.h"

namespace core::log {
namespace {

constexpr size_t kOffsetDigits = 20;
constexpr std::string_view kSuffix = ".log";

int64_t largest_timestamp(const protocol::RecordBatch& batch) {
    int64_t largest = -1;
    for (const protocol::Record& r : batch.records) largest = std::max(largest, r.timestamp_ms);
    return largest;
}

}  // namespace

Segment::Segment(sim::Disk& disk, std::string file, Offset base_offset)
    : disk_(&disk), file_(std::move(file)), base_offset_(base_offset), next_offset_(base_offset) {
    KS_ASSERT(base_offset >= 0);
}

std::string Segment::file_name(const std::string& directory, Offset base_offset) {
    std::string digits = std::to_string(base_offset);
    KS_ASSERT(digits.size() <= kOffsetDigits);
    return directory + std::string(kOffsetDigits - digits.size(), '0') + digits +
           std::string(kSuffix);
}

std::optional<Offset> Segment::parse_file_name(std::string_view directory, std::string_view file) {
    if (file.size() != directory.size() + kOffsetDigits + kSuffix.size()) return std::nullopt;
    if (file.substr(0, directory.size()) != directory) return std::nullopt;
    if (file.substr(file.size() - kSuffix.size()) != kSuffix) return std::nullopt;
    std::string_view digits = file.substr(directory.size(), kOffsetDigits);
    Offset offset = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    if (offset < 0) return std::nullopt;
    return offset;
}

const protocol::RecordBatch& Segment::append(protocol::RecordBatch batch, std::string& scratch) {
    KS_ASSERT(batch.base_offset == next_offset_);
    KS_ASSERT(!batch.records.empty());
    scratch.clear();
    encode_batch(batch, scratch);
    disk_->append(file_, scratch);
    keep(std::move(batch), scratch.size());
    return batches_.back();
}

void Segment::keep(protocol::RecordBatch batch, uint64_t frame_bytes) {
    positions_.push_back(file_bytes_);
    file_bytes_ += frame_bytes;
    size_bytes_ += batch.size_bytes();
    largest_timestamp_ms_ = std::max(largest_timestamp_ms_, largest_timestamp(batch));
    next_offset_ = batch.next_offset();
    batches_.push_back(std::move(batch));
}

bool Segment::load() {
    KS_ASSERT(batches_.empty());
    const std::string* data = disk_->read(file_);
    if (data == nullptr) return true;
    std::string_view rest(*data);
    while (!rest.empty()) {
        DecodeResult decoded = decode_batch(rest);
        if (decoded.status != DecodeStatus::Ok) break;
        if (decoded.batch.base_offset != next_offset_) break;  // a gap: not this log's data
        rest.remove_prefix(decoded.frame_bytes);
        keep(std::move(decoded.batch), decoded.frame_bytes);
    }
    if (rest.empty()) return true;
    disk_->truncate(file_, file_bytes_);
    return false;
}

size_t Segment::find(Offset offset) const {
    auto it = std::partition_point(
        batches_.begin(), batches_.end(),
        [&](const protocol::RecordBatch& b) { return b.last_offset() < offset; });
    return static_cast<size_t>(it - batches_.begin());
}

void Segment::truncate_to(Offset offset) {
    size_t first_removed = find(offset);
    if (first_removed == batches_.size()) return;
    file_bytes_ = positions_[first_removed];
    batches_.erase(batches_.begin() + static_cast<std::ptrdiff_t>(first_removed), batches_.end());
    positions_.resize(first_removed);
    disk_->truncate(file_, file_bytes_);
    // Truncation is rare (a follower after a leader change): recomputing is simpler than
    // keeping per-batch running totals.
    size_bytes_ = 0;
    largest_timestamp_ms_ = -1;
    for (const protocol::RecordBatch& b : batches_) {
        size_bytes_ += b.size_bytes();
        largest_timestamp_ms_ = std::max(largest_timestamp_ms_, largest_timestamp(b));
    }
    next_offset_ = batches_.empty() ? base_offset_ : batches_.back().next_offset();
}

void Segment::remove_file() { disk_->remove(file_); }

}  // namespace core::log
