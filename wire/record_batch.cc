// Record batch v2 (Kafka's DefaultRecordBatch, DefaultRecord, ControlRecordType,
// EndTransactionMarker), written by hand from the format: see record_batch.h.
#include "wire/record_batch.h"

#include <algorithm>
#include <charconv>

#include "core/protocol/control_record.h"
#include "wire/compression.h"
#include "wire/io.h"

namespace wire {

using core::protocol::ControlRecordType;
using core::protocol::Record;
using core::protocol::RecordBatch;

namespace {

constexpr int8_t kMagic = 2;
/// Bytes from the start of the batch to the attributes field, which the CRC starts at.
constexpr size_t kCrcStart = 21;
/// baseOffset + batchLength: the bytes batchLength does not count.
constexpr size_t kLogOverhead = 12;

// Offsets and timestamps of hostile batches may overflow int64: wrap as Java's long does.
int64_t wrapping_add(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
int64_t wrapping_sub(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}

int32_t parse_int32(const std::string& text) {
    int32_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// A control record's key is (version 0, type) and its value Kafka's EndTransactionMarker
// (version 0, coordinator epoch); core/ keeps them as text (control_record.h).
void control_key_value(const Record& record, std::string& key, std::string& value) {
    key.clear();
    value.clear();
    Writer k(key);
    k.i16(0);
    k.i16(record.key == "COMMIT" ? 1 : 0);
    Writer v(value);
    v.i16(0);
    v.i32(parse_int32(record.value));
}

void encode_record(const Record& record, int64_t timestamp_delta, int32_t offset_delta,
                   bool is_control, std::string& out) {
    std::string body;
    Writer w(body);
    w.i8(0);  // record attributes: unused
    w.varlong(timestamp_delta);
    w.varint(offset_delta);
    std::string key = record.key, value = record.value;
    if (is_control) control_key_value(record, key, value);
    if (record.has_key || is_control) {
        w.varint(static_cast<int32_t>(key.size()));
        w.raw(key);
    } else {
        w.varint(-1);
    }
    w.varint(static_cast<int32_t>(value.size()));
    w.raw(value);
    w.varint(static_cast<int32_t>(record.headers.size()));
    for (const auto& header : record.headers) {
        w.varint(static_cast<int32_t>(header.key.size()));
        w.raw(header.key);
        w.varint(header.value ? static_cast<int32_t>(header.value->size()) : -1);
        if (header.value) w.raw(*header.value);
    }
    Writer(out).varint(static_cast<int32_t>(body.size()));
    out.append(body);
}

int32_t offset_delta(const RecordBatch& batch, size_t index) {
    const Record& record = batch.records[index];
    if (record.offset == core::kNoOffset || batch.base_offset == core::kNoOffset) {
        return static_cast<int32_t>(index);
    }
    return static_cast<int32_t>(wrapping_sub(record.offset, batch.base_offset));
}

}  // namespace

void encode_record_batch(const RecordBatch& batch, Compression compression, std::string& out) {
    int64_t base_timestamp = batch.records.empty() ? -1 : batch.records.front().timestamp_ms;
    int64_t max_timestamp = base_timestamp;
    std::string records;
    for (size_t i = 0; i < batch.records.size(); ++i) {
        const Record& record = batch.records[i];
        max_timestamp = std::max(max_timestamp, record.timestamp_ms);
        encode_record(record, wrapping_sub(record.timestamp_ms, base_timestamp),
                      offset_delta(batch, i),
                      batch.is_control, records);
    }
    int16_t attributes = static_cast<int16_t>(compression);
    if (batch.is_transactional) attributes |= kTransactionalFlagMask;
    if (batch.is_control) attributes |= kControlFlagMask;
    std::string tail;  // attributes .. end: what the CRC covers
    Writer w(tail);
    w.i16(attributes);
    w.i32(batch.records.empty() ? 0 : offset_delta(batch, batch.records.size() - 1));
    w.i64(base_timestamp);
    w.i64(max_timestamp);
    w.i64(batch.producer_id);
    w.i16(batch.producer_epoch);
    w.i32(batch.base_sequence);
    w.i32(static_cast<int32_t>(batch.records.size()));
    w.raw(compression == Compression::none ? records : wire::compress(compression, records));
    Writer head(out);
    head.i64(batch.base_offset == core::kNoOffset ? 0 : batch.base_offset);
    head.i32(static_cast<int32_t>(tail.size() + 9));  // + leader epoch, magic, crc
    head.i32(batch.partition_leader_epoch);
    head.i8(kMagic);
    head.u32(crc32c(tail));
    head.raw(tail);
}

namespace {

struct BatchHeader {
    int64_t base_offset = 0;
    int32_t partition_leader_epoch = 0;
    int16_t attributes = 0;
    int32_t last_offset_delta = 0;
    int64_t base_timestamp = 0;
    int64_t max_timestamp = 0;
    int64_t producer_id = 0;
    int16_t producer_epoch = 0;
    int32_t base_sequence = 0;
    int32_t records_count = 0;
};

// The control record's (version, type) key and (version, epoch) value back to core's text.
bool decode_control(Record& record) {
    Reader key(record.key);
    int16_t version = 0, type = 0;
    key.i16(version);
    key.i16(type);
    if (!key.ok()) return false;
    record.key = type == static_cast<int16_t>(ControlRecordType::COMMIT) ? "COMMIT" : "ABORT";
    Reader value(record.value);
    int32_t coordinator_epoch = 0;
    value.i16(version);
    value.i32(coordinator_epoch);
    record.value = std::to_string(value.ok() ? coordinator_epoch : 0);
    return true;
}

void decode_optional_bytes(Reader& r, std::optional<std::string>& value) {
    int32_t length = 0;
    r.varint(length);
    if (length < 0) {
        value.reset();
        return;
    }
    std::string_view bytes = r.raw(static_cast<size_t>(length));
    if (r.ok()) value.emplace(bytes);
}

void decode_record_body(Reader& r, Record& record) {
    int8_t attributes = 0;
    int64_t timestamp_delta = 0;
    int32_t delta = 0;
    r.i8(attributes);
    r.varlong(timestamp_delta);
    r.varint(delta);
    record.timestamp_ms = timestamp_delta;
    record.offset = delta;
    std::optional<std::string> key, value;
    decode_optional_bytes(r, key);
    decode_optional_bytes(r, value);
    record.has_key = key.has_value();
    record.key = key.value_or("");
    record.value = value.value_or("");
    int32_t header_count = 0;
    r.varint(header_count);
    if (header_count < 0 || static_cast<size_t>(header_count) > r.remaining()) {
        r.fail("record header count " + std::to_string(header_count));
        return;
    }
    for (int32_t i = 0; i < header_count && r.ok(); ++i) {
        auto& header = record.headers.emplace_back();
        std::optional<std::string> header_key;
        decode_optional_bytes(r, header_key);
        header.key = header_key.value_or("");
        decode_optional_bytes(r, header.value);
    }
}

// Records of one batch from its (decompressed) record section.
bool decode_records(std::string_view section, const BatchHeader& header, RecordBatch& batch,
                    std::string& error) {
    Reader r(section);
    if (header.records_count < 0 || static_cast<size_t>(header.records_count) > section.size()) {
        error = "record count " + std::to_string(header.records_count) + " in " +
                std::to_string(section.size()) + " bytes";
        return false;
    }
    bool log_append_time = (header.attributes & kTimestampTypeMask) != 0;
    for (int32_t i = 0; i < header.records_count && r.ok(); ++i) {
        int32_t length = 0;
        r.varint(length);
        if (length < 0) r.fail("record length " + std::to_string(length));
        Reader body(r.raw(length < 0 ? 0 : static_cast<size_t>(length)));
        if (!r.ok()) break;
        Record& record = batch.records.emplace_back();
        decode_record_body(body, record);
        if (!body.ok()) r.fail("record " + std::to_string(i) + ": " + body.error());
        record.offset = wrapping_add(record.offset, header.base_offset);
        record.timestamp_ms = log_append_time
                                  ? header.max_timestamp
                                  : wrapping_add(record.timestamp_ms, header.base_timestamp);
        if (batch.is_control && !decode_control(record)) r.fail("control record key");
    }
    if (r.ok() && r.remaining() != 0) r.fail("bytes after the last record");
    if (!r.ok()) error = r.error();
    return r.ok();
}

void read_header(Reader& r, BatchHeader& h) {
    r.i16(h.attributes);
    r.i32(h.last_offset_delta);
    r.i64(h.base_timestamp);
    r.i64(h.max_timestamp);
    r.i64(h.producer_id);
    r.i16(h.producer_epoch);
    r.i32(h.base_sequence);
    r.i32(h.records_count);
}

}  // namespace

namespace {

// One whole batch (`bytes` is exactly baseOffset .. end); false with `error` when corrupt.
bool decode_one_batch(std::string_view bytes, DecodedBatches& out, std::string& error) {
    Reader r(bytes);
    BatchHeader h;
    int32_t batch_length = 0;
    int8_t magic = 0;
    uint32_t crc = 0;
    r.i64(h.base_offset);
    r.i32(batch_length);
    r.i32(h.partition_leader_epoch);
    r.i8(magic);
    if (magic != kMagic) {
        error = "record batch magic " + std::to_string(magic) + " (only v2 is supported)";
        return false;
    }
    r.u32(crc);
    if (crc32c(bytes.substr(kCrcStart)) != crc) {
        error = "record batch CRC-32C mismatch";
        return false;
    }
    read_header(r, h);
    if (!r.ok()) {
        error = r.error();
        return false;
    }
    auto codec = static_cast<Compression>(h.attributes & kCompressionCodecMask);
    if (static_cast<int8_t>(codec) > static_cast<int8_t>(Compression::zstd)) {
        error = "compression codec " + std::to_string(static_cast<int>(codec));
        return false;
    }
    if (out.batches.empty()) out.compression = codec;
    std::string_view section = r.raw(r.remaining());
    std::optional<std::string> plain = decompress(codec, section);
    if (!plain) {
        error = "record section does not decompress";
        return false;
    }
    RecordBatch& batch = out.batches.emplace_back();
    batch.base_offset = h.base_offset;
    batch.partition_leader_epoch = h.partition_leader_epoch;
    batch.producer_id = h.producer_id;
    batch.producer_epoch = h.producer_epoch;
    batch.base_sequence = h.base_sequence;
    batch.is_transactional = (h.attributes & kTransactionalFlagMask) != 0;
    batch.is_control = (h.attributes & kControlFlagMask) != 0;
    return decode_records(*plain, h, batch, error);
}

}  // namespace

DecodedBatches decode_record_batches(std::string_view bytes) {
    DecodedBatches out;
    size_t at = 0;
    while (at < bytes.size()) {
        Reader r(bytes.substr(at));
        int64_t base_offset = 0;
        int32_t batch_length = 0;
        r.i64(base_offset);
        r.i32(batch_length);
        if (!r.ok() || static_cast<int64_t>(batch_length) > static_cast<int64_t>(r.remaining())) {
            out.partial_tail = true;  // Kafka's clients skip a partial batch at the end
            break;
        }
        if (batch_length < kRecordBatchOverhead - static_cast<int32_t>(kLogOverhead)) {
            out.error = Error::CORRUPT_MESSAGE;
            out.error_message = "record batch length " + std::to_string(batch_length);
            break;
        }
        size_t size = kLogOverhead + static_cast<size_t>(batch_length);
        std::string error;
        if (!decode_one_batch(bytes.substr(at, size), out, error)) {
            out.error = Error::CORRUPT_MESSAGE;
            out.error_message = error;
            break;
        }
        at += size;
    }
    if (out.error != Error::NONE) out.batches.clear();
    return out;
}

}  // namespace wire
