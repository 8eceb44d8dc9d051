#pragma once
// The on-disk encoding of one RecordBatch: a length-prefixed, CRC-32C-checked frame, so
// recovery can tell a whole batch from a torn or corrupt tail left by a power loss.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/protocol/record.h"

namespace core::log {

/// Frame layout (little-endian): u32 length of what follows, u32 CRC-32C of the body,
/// body = base offset, leader epoch, producer id/epoch, base sequence, attributes,
/// record count, first timestamp, then per record: timestamp delta, key, value.
/// Record offsets are not stored: record i of a batch is at base_offset + i.
constexpr size_t kFrameHeaderBytes = 8;

enum class DecodeStatus {
    /// A whole, valid batch was decoded.
    Ok,
    /// The bytes end before the frame does: a torn write at the end of a file.
    Incomplete,
    /// The frame is whole but its checksum or content is wrong.
    Corrupt,
};

struct DecodeResult {
    DecodeStatus status = DecodeStatus::Corrupt;
    protocol::RecordBatch batch;
    /// Bytes the frame occupies (only meaningful when status is Ok).
    size_t frame_bytes = 0;
};

/// CRC-32C (Castagnoli), the checksum Kafka's v2 batches carry.
uint32_t crc32c(std::string_view bytes);

/// Appends the frame of `batch` to `out`. REQUIRES: batch.base_offset >= 0.
void encode_batch(const protocol::RecordBatch& batch, std::string& out);

/// Decodes the frame at the start of `bytes`, validating length, checksum and content.
DecodeResult decode_batch(std::string_view bytes);

}  // namespace core::log
