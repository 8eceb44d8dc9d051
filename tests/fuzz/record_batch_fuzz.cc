// libFuzzer target: record batch v2 decoding (CRC-32C, varint records, headers, the four
// decompressors) on arbitrary bytes. Input decodes to batches or CORRUPT_MESSAGE with a
// message; decoded batches re-encoded with the codec they came with decode to the same
// records again (the fixpoint after one normalisation, as in wire_frame_fuzz).
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
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
