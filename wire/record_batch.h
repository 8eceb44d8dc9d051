#pragma once
// Kafka's record batch v2 (magic 2, KIP-98) as bytes: the 61-byte header, CRC-32C over
// attributes..end, zigzag-varint records with headers, and the compressed record section.
//
// Contract (Kafka's DefaultRecordBatch and DefaultRecord):
// - encode_record_batch writes one batch; offset deltas are record.offset - base_offset
//   when the record has an offset, else its index; base timestamp is the first record's.
// - decode_record_batches reads a concatenation of batches (a Produce partition's or a
//   Fetch partition's records field). A truncated trailing batch is dropped, as Kafka's
//   clients do with a partial batch at the end of a fetch; a wrong magic, a bad CRC or a
//   record section that does not decode is CORRUPT_MESSAGE.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/errors.h"
#include "core/protocol/record.h"

namespace wire {

using core::protocol::Error;

/// Kafka's CompressionType ids, the low three bits of a batch's attributes.
enum class Compression : int8_t { none = 0, gzip = 1, snappy = 2, lz4 = 3, zstd = 4 };

/// Attribute bits of a v2 batch (DefaultRecordBatch).
constexpr int16_t kCompressionCodecMask = 0x07;
constexpr int16_t kTimestampTypeMask = 0x08;
constexpr int16_t kTransactionalFlagMask = 0x10;
constexpr int16_t kControlFlagMask = 0x20;
/// Kafka's RECORD_BATCH_OVERHEAD: the bytes before the first record.
constexpr int32_t kRecordBatchOverhead = 61;

/// Appends one batch to `out`.
void encode_record_batch(const core::protocol::RecordBatch& batch, Compression compression,
                         std::string& out);

struct DecodedBatches {
    Error error = Error::NONE;
    std::string error_message;
    std::vector<core::protocol::RecordBatch> batches;
    /// Compression of the first batch (what a Produce used).
    Compression compression = Compression::none;
    /// True when bytes after the last whole batch were dropped (a partial batch).
    bool partial_tail = false;
};

/// Decodes every whole batch in `bytes`.
DecodedBatches decode_record_batches(std::string_view bytes);

/// Kafka's Crc32C (Castagnoli, reflected 0x82F63B78), as the batch header carries it.
uint32_t crc32c(std::string_view bytes, uint32_t crc = 0);

}  // namespace wire
