#pragma once
// The compression codecs of a record batch's record section, as Kafka's clients write
// them (org.apache.kafka.common.compress): gzip (zlib, gzip wrapper), snappy (xerial
// framing as the Java client writes; raw snappy, which librdkafka writes, is read too),
// lz4 (the LZ4 frame format with independent 64 KiB blocks, Lz4BlockOutputStream) and
// zstd (one zstd frame).
//
// Decompression is bounded: output beyond max_output bytes is an error, so a small
// hostile batch cannot expand into gigabytes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "wire/record_batch.h"

namespace wire {

/// The largest record section a batch may expand to (socket.request.max.bytes).
constexpr size_t kMaxDecompressedBytes = 104857600;

/// `input` compressed with `codec` (none: a copy).
std::string compress(Compression codec, std::string_view input);
/// `input` decompressed, or nullopt when it does not decode or exceeds max_output.
std::optional<std::string> decompress(Compression codec, std::string_view input,
                                      size_t max_output = kMaxDecompressedBytes);

}  // namespace wire
