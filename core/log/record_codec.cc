#include "core/log/record_codec.h"

#include <array>
#include <cstring>

#include "sim/assert.h"

namespace core::log {
namespace {

using Table = std::array<std::array<uint32_t, 256>, 8>;

// Slicing-by-8 tables for the reflected Castagnoli polynomial: eight bytes a step keeps
// the checksum cheap beside the copy every append already makes.
constexpr Table make_crc_tables() {
    Table t{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i) {
        for (size_t s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFF];
    }
    return t;
}

constexpr Table kCrcTables = make_crc_tables();

uint32_t load_le32(const unsigned char* p) {
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

void put_fixed(std::string& out, uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

void put_varint(std::string& out, uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7F) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

/// Zigzag maps small negative deltas to small unsigned numbers, so varints stay short.
uint64_t zigzag(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

/// Bounds-checked reader over a frame body: any overrun marks it failed, never crashes.
class Reader {
   public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}

    uint64_t fixed(int n) {
        if (!need(n)) return 0;
        uint64_t v = 0;
        for (int i = 0; i < n; ++i) v |= uint64_t(uint8_t(bytes_[pos_ + i])) << (8 * i);
        pos_ += n;
        return v;
    }
    uint64_t varint() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!need(1)) return 0;
            uint8_t b = uint8_t(bytes_[pos_++]);
            v |= uint64_t(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
        }
        failed_ = true;
        return 0;
    }
    std::string string() {
        uint64_t n = varint();
        if (failed_ || !need(n)) return {};
        std::string s(bytes_.substr(pos_, n));
        pos_ += n;
        return s;
    }
    bool failed() const { return failed_; }
    size_t remaining() const { return bytes_.size() - pos_; }

   private:
    bool need(uint64_t n) {
        if (failed_ || n > bytes_.size() - pos_) failed_ = true;
        return !failed_;
    }
    std::string_view bytes_;
    size_t pos_ = 0;
    bool failed_ = false;
};

bool decode_records(Reader& in, protocol::RecordBatch& batch) {
    uint64_t count = in.varint();
    // Each record takes at least four bytes, so a count beyond that is corruption, and
    // checking it first keeps a corrupt count from reserving gigabytes.
    if (in.failed() || count == 0 || count > in.remaining() / 4) return false;
    int64_t first_timestamp = static_cast<int64_t>(in.fixed(8));
    batch.records.resize(count);
    for (uint64_t i = 0; i < count; ++i) {
        protocol::Record& r = batch.records[i];
        r.offset = batch.base_offset + static_cast<Offset>(i);
        r.timestamp_ms = first_timestamp + unzigzag(in.varint());
        uint64_t has_key = in.fixed(1);
        if (has_key > 1) return false;
        r.has_key = has_key == 1;
        r.key = in.string();
        r.value = in.string();
        if (in.failed()) return false;
    }
    return in.remaining() == 0;
}

}  // namespace

uint32_t crc32c(std::string_view bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    size_t n = bytes.size();
    uint32_t crc = 0xFFFFFFFFu;
    while (n >= 8) {
        uint32_t lo = load_le32(p) ^ crc;
        uint32_t hi = load_le32(p + 4);
        crc = kCrcTables[7][lo & 0xFF] ^ kCrcTables[6][(lo >> 8) & 0xFF] ^
              kCrcTables[5][(lo >> 16) & 0xFF] ^ kCrcTables[4][lo >> 24] ^
              kCrcTables[3][hi & 0xFF] ^ kCrcTables[2][(hi >> 8) & 0xFF] ^
              kCrcTables[1][(hi >> 16) & 0xFF] ^ kCrcTables[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n-- > 0) crc = (crc >> 8) ^ kCrcTables[0][(crc ^ *p++) & 0xFF];
    return crc ^ 0xFFFFFFFFu;
}

void encode_batch(const protocol::RecordBatch& batch, std::string& out) {
    KS_ASSERT(batch.base_offset >= 0);
    KS_ASSERT(!batch.records.empty());
    size_t frame_start = out.size();
    put_fixed(out, 0, 8);  // length and CRC, filled in once the body is written
    put_fixed(out, static_cast<uint64_t>(batch.base_offset), 8);
    put_fixed(out, static_cast<uint32_t>(batch.partition_leader_epoch), 4);
    put_fixed(out, static_cast<uint64_t>(batch.producer_id), 8);
    put_fixed(out, static_cast<uint16_t>(batch.producer_epoch), 2);
    put_fixed(out, static_cast<uint32_t>(batch.base_sequence), 4);
    put_fixed(out, (batch.is_transactional ? 1u : 0u) | (batch.is_control ? 2u : 0u), 1);
    put_varint(out, batch.records.size());
    int64_t first_timestamp = batch.records.front().timestamp_ms;
    put_fixed(out, static_cast<uint64_t>(first_timestamp), 8);
    for (const protocol::Record& r : batch.records) {
        put_varint(out, zigzag(r.timestamp_ms - first_timestamp));
        out.push_back(r.has_key ? 1 : 0);
        put_varint(out, r.key.size());
        out.append(r.key);
        put_varint(out, r.value.size());
        out.append(r.value);
    }
    size_t body_start = frame_start + kFrameHeaderBytes;
    uint32_t length = static_cast<uint32_t>(out.size() - frame_start - 4);
    uint32_t crc = crc32c(std::string_view(out).substr(body_start));
    for (int i = 0; i < 4; ++i) {
        out[frame_start + i] = static_cast<char>((length >> (8 * i)) & 0xFF);
        out[frame_start + 4 + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
    }
}

DecodeResult decode_batch(std::string_view bytes) {
    DecodeResult result;
    if (bytes.size() < kFrameHeaderBytes) {
        result.status = DecodeStatus::Incomplete;
        return result;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    uint32_t length = load_le32(p);
    if (length < 4) return result;  // Corrupt: no room even for the CRC.
    if (uint64_t(length) + 4 > bytes.size()) {
        result.status = DecodeStatus::Incomplete;
        return result;
    }
    std::string_view body = bytes.substr(kFrameHeaderBytes, length - 4);
    if (crc32c(body) != load_le32(p + 4)) return result;

    Reader in(body);
    protocol::RecordBatch& batch = result.batch;
    batch.base_offset = static_cast<Offset>(in.fixed(8));
    batch.partition_leader_epoch = static_cast<int32_t>(in.fixed(4));
    batch.producer_id = static_cast<int64_t>(in.fixed(8));
    batch.producer_epoch = static_cast<int16_t>(in.fixed(2));
    batch.base_sequence = static_cast<int32_t>(in.fixed(4));
    uint64_t attributes = in.fixed(1);
    if (in.failed() || batch.base_offset < 0 || attributes > 3) return result;
    batch.is_transactional = (attributes & 1) != 0;
    batch.is_control = (attributes & 2) != 0;
    if (!decode_records(in, batch)) return result;
    result.status = DecodeStatus::Ok;
    result.frame_bytes = length + 4;
    return result;
}

}  // namespace core::log
