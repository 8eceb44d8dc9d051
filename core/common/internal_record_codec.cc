#include "core/common/internal_record_codec.h"

#include <charconv>
#include <limits>

namespace core {

namespace {
constexpr char kIntEnd = ';';
constexpr char kLengthEnd = ':';
constexpr char kEntryEnd = '\n';
}  // namespace

InternalRecordWriter& InternalRecordWriter::put(int64_t value) {
    char buffer[24];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out_.append(buffer, end);
    out_ += kIntEnd;
    return *this;
}

InternalRecordWriter& InternalRecordWriter::put(std::string_view text) {
    out_ += std::to_string(text.size());
    out_ += kLengthEnd;
    out_ += text;
    return *this;
}

InternalRecordWriter& InternalRecordWriter::end_entry() {
    out_ += kEntryEnd;
    return *this;
}

int64_t InternalRecordReader::get_int() {
    if (!ok_) return 0;
    const char* begin = in_.data() + pos_;
    const char* end = in_.data() + in_.size();
    int64_t value = 0;
    // from_chars rejects an empty field, a '+', and a value beyond int64 (out of range).
    auto [stop, error] = std::from_chars(begin, end, value);
    if (error != std::errc() || stop == end || *stop != kIntEnd) {
        fail();
        return 0;
    }
    pos_ = static_cast<size_t>(stop - in_.data()) + 1;
    return value;
}

int64_t InternalRecordReader::get_ranged(int64_t min, int64_t max) {
    const int64_t value = get_int();
    if (value < min || value > max) {
        fail();
        return 0;
    }
    return value;
}

int32_t InternalRecordReader::get_int32() {
    using L = std::numeric_limits<int32_t>;
    return static_cast<int32_t>(get_ranged(L::min(), L::max()));
}

int16_t InternalRecordReader::get_int16() {
    using L = std::numeric_limits<int16_t>;
    return static_cast<int16_t>(get_ranged(L::min(), L::max()));
}

int8_t InternalRecordReader::get_int8() {
    using L = std::numeric_limits<int8_t>;
    return static_cast<int8_t>(get_ranged(L::min(), L::max()));
}

bool InternalRecordReader::get_bool() { return get_ranged(0, 1) != 0; }

std::string InternalRecordReader::get_string() {
    if (!ok_) return {};
    const char* begin = in_.data() + pos_;
    const char* end = in_.data() + in_.size();
    uint64_t length = 0;
    auto [stop, error] = std::from_chars(begin, end, length);
    if (error != std::errc() || stop == end || *stop != kLengthEnd) {
        fail();
        return {};
    }
    const size_t start = static_cast<size_t>(stop - in_.data()) + 1;
    if (length > in_.size() - start) {
        fail();
        return {};
    }
    pos_ = start + static_cast<size_t>(length);
    return std::string(in_.substr(start, static_cast<size_t>(length)));
}

int64_t InternalRecordReader::get_count() {
    return get_ranged(0, static_cast<int64_t>(in_.size() - pos_));
}

bool InternalRecordReader::end_entry() {
    if (!ok_ || pos_ >= in_.size() || in_[pos_] != kEntryEnd) {
        fail();
        return false;
    }
    ++pos_;
    return true;
}

}  // namespace core
