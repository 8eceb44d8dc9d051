#pragma once
// One log segment: the file `<dir>/<base offset, 20 digits>.log` on the sim Disk and the
// batches it holds, mirrored in memory with each batch's byte position in the file.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/record.h"

namespace sim {
class Disk;
}

namespace core::log {

class Segment {
   public:
    /// A segment whose first batch will start at `base_offset`. Touches no file yet.
    Segment(sim::Disk& disk, std::string file, Offset base_offset);

    /// "<directory><base offset as 20 digits>.log"; `directory` ends with '/'.
    static std::string file_name(const std::string& directory, Offset base_offset);
    /// The base offset a segment file name encodes, or nullopt for any other file.
    static std::optional<Offset> parse_file_name(std::string_view directory, std::string_view file);

    /// Writes `batch` at the end of the file and keeps it. `scratch` is a reusable
    /// encoding buffer. REQUIRES: batch.base_offset == next_offset().
    const protocol::RecordBatch& append(protocol::RecordBatch batch, std::string& scratch);

    /// Reads the file back, keeping the valid batches from the start whose offsets follow
    /// on from base_offset(); a torn or corrupt tail, or a gap, is cut off the file.
    /// Returns true when the whole file was valid.
    bool load();

    /// Removes every batch holding an offset >= `offset` (a batch straddling it goes
    /// whole, as Kafka truncates at batch boundaries) and shortens the file to match.
    void truncate_to(Offset offset);
    /// Deletes the file; the segment must not be used afterwards.
    void remove_file();

    /// Index in batches() of the first batch with last_offset >= `offset`.
    size_t find(Offset offset) const;

    Offset base_offset() const { return base_offset_; }
    /// The offset the next appended batch gets.
    Offset next_offset() const { return next_offset_; }
    bool empty() const { return batches_.empty(); }
    const std::string& file() const { return file_; }
    /// Kafka's estimate of the batches' size (RecordBatch::size_bytes): what segment.bytes
    /// and retention.bytes are measured against, so Kafka's settings mean the same here.
    int64_t size_bytes() const { return size_bytes_; }
    /// The largest record timestamp, what retention.ms compares (-1 when empty).
    int64_t largest_timestamp_ms() const { return largest_timestamp_ms_; }
    const std::deque<protocol::RecordBatch>& batches() const { return batches_; }

   private:
    void keep(protocol::RecordBatch batch, uint64_t frame_bytes);

    sim::Disk* disk_;
    std::string file_;
    Offset base_offset_;
    Offset next_offset_;
    // A deque so references handed out by append() stay valid across later appends.
    std::deque<protocol::RecordBatch> batches_;
    std::vector<uint64_t> positions_;  // file position where each batch's frame starts
    uint64_t file_bytes_ = 0;
    int64_t size_bytes_ = 0;
    int64_t largest_timestamp_ms_ = -1;
};

}  // namespace core::log
