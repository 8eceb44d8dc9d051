#pragma once
// The one text codec for kafkasim's internal records (metadata log entries,
// __consumer_offsets keys and values, __transaction_state keys and values): integers as
// "<decimal>;" and strings as "<length>:<bytes>", so any name or value round-trips. Each
// family keeps its own record types and versions (Kafka's are versioned binary schemas:
// MetadataRecordType, OffsetCommitKey/GroupMetadataKey, TransactionLogKey); only this
// code reads the bytes, and every reader is bounds- and overflow-checked: a torn or
// foreign value fails (ok() false) instead of decoding to something else.

#include <cstdint>
#include <string>
#include <string_view>

namespace core {

/// Appends fields to one encoded value.
class InternalRecordWriter {
 public:
    InternalRecordWriter& put(int64_t value);
    InternalRecordWriter& put(std::string_view text);
    InternalRecordWriter& put_bool(bool value) { return put(int64_t{value ? 1 : 0}); }
    /// Ends one entry of a stream of entries (the metadata log's torn-tail detection).
    InternalRecordWriter& end_entry();
    std::string take() { return std::move(out_); }

 private:
    std::string out_;
};

/// Reads fields back in the order they were put. After the first failure every read
/// returns a zero value and ok() stays false.
class InternalRecordReader {
 public:
    explicit InternalRecordReader(std::string_view in) : in_(in) {}
    bool ok() const { return ok_; }
    /// True when every byte was read.
    bool at_end() const { return pos_ == in_.size(); }

    int64_t get_int();
    /// get_int, failing when the value does not fit the narrower type.
    int32_t get_int32();
    int16_t get_int16();
    int8_t get_int8();
    /// 0 or 1 only.
    bool get_bool();
    std::string get_string();
    /// The length of a list that follows: non-negative and no longer than the bytes left
    /// (every element takes at least one), so a corrupt count cannot run away.
    int64_t get_count();
    /// Consumes the end of one entry written by end_entry().
    bool end_entry();

 private:
    int64_t get_ranged(int64_t min, int64_t max);
    void fail() { ok_ = false; }

    std::string_view in_;
    size_t pos_ = 0;
    bool ok_ = true;
};

}  // namespace core
