#include "wire/io.h"

#include <cstring>

namespace wire {

void Reader::fail(std::string_view what) {
    if (!ok()) return;
    error_ = std::string(what) + " at byte " + std::to_string(position_);
}

const char* Reader::take(size_t size) {
    if (!ok()) return nullptr;
    if (size > bytes_.size() - position_) {
        fail("truncated: " + std::to_string(size) + " bytes wanted, " +
             std::to_string(bytes_.size() - position_) + " left");
        return nullptr;
    }
    const char* start = bytes_.data() + position_;
    position_ += size;
    return start;
}

namespace {

uint64_t big_endian(const char* bytes, int size) {
    uint64_t value = 0;
    for (int i = 0; i < size; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[i]);
    return value;
}

void put_big_endian(std::string& out, uint64_t value, int size) {
    for (int i = size - 1; i >= 0; --i) out.push_back(static_cast<char>(value >> (8 * i)));
}

}  // namespace

void Reader::i8(int8_t& value) {
    const char* p = take(1);
    value = p ? static_cast<int8_t>(*p) : 0;
}
void Reader::i16(int16_t& value) {
    const char* p = take(2);
    value = p ? static_cast<int16_t>(big_endian(p, 2)) : 0;
}
void Reader::i32(int32_t& value) {
    const char* p = take(4);
    value = p ? static_cast<int32_t>(big_endian(p, 4)) : 0;
}
void Reader::i64(int64_t& value) {
    const char* p = take(8);
    value = p ? static_cast<int64_t>(big_endian(p, 8)) : 0;
}
void Reader::u32(uint32_t& value) {
    const char* p = take(4);
    value = p ? static_cast<uint32_t>(big_endian(p, 4)) : 0;
}
void Reader::boolean(bool& value) {
    int8_t raw_value = 0;
    i8(raw_value);
    value = raw_value != 0;
}
void Reader::uuid(Uuid& value) {
    const char* p = take(16);
    value = p ? Uuid{big_endian(p, 8), big_endian(p + 8, 8)} : Uuid{};
}

// Kafka's ByteUtils.readUnsignedVarint: at most 5 bytes of 7 bits.
void Reader::uvarint(uint32_t& value) {
    value = 0;
    for (int shift = 0; shift <= 28; shift += 7) {
        const char* p = take(1);
        if (!p) return;
        uint8_t byte = static_cast<uint8_t>(*p);
        value |= static_cast<uint32_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) return;
    }
    fail("varint longer than 5 bytes");
    value = 0;
}

void Reader::varint(int32_t& value) {
    uint32_t raw_value = 0;
    uvarint(raw_value);
    value = static_cast<int32_t>((raw_value >> 1) ^ (~(raw_value & 1) + 1));
}

// Kafka's ByteUtils.readVarlong: zigzag over at most 10 bytes.
void Reader::varlong(int64_t& value) {
    uint64_t raw_value = 0;
    value = 0;
    for (int shift = 0; shift <= 63; shift += 7) {
        const char* p = take(1);
        if (!p) return;
        uint8_t byte = static_cast<uint8_t>(*p);
        raw_value |= static_cast<uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            value = static_cast<int64_t>((raw_value >> 1) ^ (~(raw_value & 1) + 1));
            return;
        }
    }
    fail("varlong longer than 10 bytes");
}

std::string_view Reader::raw(size_t size) {
    const char* p = take(size);
    return p ? std::string_view(p, size) : std::string_view();
}

// Length of a string or bytes field: int16/int32 (-1 null), or compact uvarint - 1.
std::optional<std::string_view> Reader::nullable_bytes_view() {
    int64_t length = 0;
    if (flexible_) {
        uint32_t compact = 0;
        uvarint(compact);
        length = static_cast<int64_t>(compact) - 1;
    } else {
        int32_t plain = 0;
        i32(plain);
        length = plain;
    }
    if (!ok() || length < 0) return std::nullopt;
    std::string_view view = raw(static_cast<size_t>(length));
    if (!ok()) return std::nullopt;
    return view;
}

void Reader::nullable_string(std::optional<std::string>& value) {
    int64_t length = 0;
    if (flexible_) {
        uint32_t compact = 0;
        uvarint(compact);
        length = static_cast<int64_t>(compact) - 1;
    } else {
        int16_t plain = 0;
        i16(plain);
        length = plain;
    }
    value.reset();
    if (!ok() || length < 0) return;
    std::string_view view = raw(static_cast<size_t>(length));
    if (ok()) value.emplace(view);
}

void Reader::string(std::string& value) {
    std::optional<std::string> read;
    nullable_string(read);
    value = read.value_or(std::string());
}

void Reader::string_or_null(std::string& value) { string(value); }

void Reader::bytes(std::string& value) {
    std::optional<std::string_view> view = nullable_bytes_view();
    value = view ? std::string(*view) : std::string();
}

int32_t Reader::array_length() {
    int64_t count = 0;
    if (flexible_) {
        uint32_t compact = 0;
        uvarint(compact);
        count = static_cast<int64_t>(compact) - 1;
    } else {
        int32_t plain = 0;
        i32(plain);
        count = plain;
    }
    if (!ok()) return -1;
    if (count > static_cast<int64_t>(remaining())) {
        fail("array of " + std::to_string(count) + " elements in " +
             std::to_string(remaining()) + " bytes");
        return -1;
    }
    return count < 0 ? -1 : static_cast<int32_t>(count);
}

void Writer::i16(int16_t value) { put_big_endian(out_, static_cast<uint16_t>(value), 2); }
void Writer::i32(int32_t value) { put_big_endian(out_, static_cast<uint32_t>(value), 4); }
void Writer::i64(int64_t value) { put_big_endian(out_, static_cast<uint64_t>(value), 8); }
void Writer::u32(uint32_t value) { put_big_endian(out_, value, 4); }
void Writer::uuid(const Uuid& value) {
    put_big_endian(out_, value.most_significant, 8);
    put_big_endian(out_, value.least_significant, 8);
}

void Writer::uvarint(uint32_t value) {
    while (value >= 0x80) {
        out_.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out_.push_back(static_cast<char>(value));
}

void Writer::varint(int32_t value) {
    uint32_t u = static_cast<uint32_t>(value);
    uvarint((u << 1) ^ static_cast<uint32_t>(value >> 31));
}

void Writer::varlong(int64_t value) {
    uint64_t raw_value = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
    while (raw_value >= 0x80) {
        out_.push_back(static_cast<char>((raw_value & 0x7f) | 0x80));
        raw_value >>= 7;
    }
    out_.push_back(static_cast<char>(raw_value));
}

void Writer::nullable_string(const std::optional<std::string>& value) {
    if (!value) {
        if (flexible_) {
            uvarint(0);
        } else {
            i16(-1);
        }
        return;
    }
    string(*value);
}

void Writer::string(std::string_view value) {
    if (flexible_) {
        uvarint(static_cast<uint32_t>(value.size()) + 1);
    } else {
        i16(static_cast<int16_t>(value.size()));
    }
    out_.append(value);
}

void Writer::string_or_null(const std::string& value) {
    if (value.empty()) {
        nullable_string(std::nullopt);
    } else {
        string(value);
    }
}

void Writer::nullable_bytes(const std::optional<std::string_view>& value) {
    if (!value) {
        if (flexible_) {
            uvarint(0);
        } else {
            i32(-1);
        }
        return;
    }
    bytes(*value);
}

void Writer::bytes(std::string_view value) {
    if (flexible_) {
        uvarint(static_cast<uint32_t>(value.size()) + 1);
    } else {
        i32(static_cast<int32_t>(value.size()));
    }
    out_.append(value);
}

void Writer::array_length(int32_t count) {
    if (flexible_) {
        uvarint(count < 0 ? 0 : static_cast<uint32_t>(count) + 1);
    } else {
        i32(count);
    }
}

}  // namespace wire
