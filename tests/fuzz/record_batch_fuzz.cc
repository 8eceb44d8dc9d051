// libFuzzer target: record batch v2 decoding (CRC-32C, varint records, headers, the four
// decompressors) on arbitrary bytes. Input decodes to batches or CORRUPT_MESSAGE with a
// message; decoded batches re-encoded with the codec they came with decode to the same
// records again (the fixpoint after one normalisation, as in wire_frame_fuzz). The first
// byte picks a mode: odd = the rest as is; even = the rest with each batch's CRC-32C
// rewritten to match, so mutations reach the record and decompression code behind it.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "wire/record_batch.h"

namespace {

std::string encode_all(const wire::DecodedBatches& decoded) {
    std::string out;
    for (const auto& batch : decoded.batches) {
        wire::encode_record_batch(batch, decoded.compression, out);
    }
    return out;
}

// Walks the batches by their length fields and patches each CRC (bytes 17-20 of a batch).
void fix_crcs(std::string& bytes) {
    size_t at = 0;
    while (at + wire::kRecordBatchOverhead <= bytes.size()) {
        uint32_t length = 0;
        for (int i = 8; i < 12; ++i) length = (length << 8) | static_cast<uint8_t>(bytes[at + i]);
        size_t end = at + 12 + length;
        if (length > bytes.size() || end > bytes.size() || length < 49) return;
        uint32_t crc = wire::crc32c(std::string_view(bytes).substr(at + 21, end - at - 21));
        for (int i = 0; i < 4; ++i) bytes[at + 17 + i] = static_cast<char>(crc >> (24 - 8 * i));
        at = end;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0) fix_crcs(bytes);
    wire::DecodedBatches decoded = wire::decode_record_batches(bytes);
    if (decoded.error != wire::Error::NONE) {
        if (decoded.error_message.empty()) std::abort();
        return 0;
    }
    // Re-encoding uses one codec for every batch, so compare from the second pass on.
    wire::DecodedBatches first = wire::decode_record_batches(encode_all(decoded));
    if (first.error != wire::Error::NONE || first.partial_tail) std::abort();
    if (first.batches.size() != decoded.batches.size()) std::abort();
    std::string once = encode_all(first);
    if (encode_all(wire::decode_record_batches(once)) != once) std::abort();
    return 0;
}
