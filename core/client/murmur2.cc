#include "core/client/murmur2.h"

#include "sim/assert.h"

namespace core::client {

// Arithmetic is on uint32_t so overflow wraps as Java's int does (signed overflow is
// undefined in C++); ">>>" in Kafka's code is the unsigned shift on that value.
int32_t murmur2(std::string_view bytes) {
    constexpr uint32_t kSeed = 0x9747b28cU;
    constexpr uint32_t kM = 0x5bd1e995U;
    constexpr int kR = 24;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const uint32_t length = static_cast<uint32_t>(bytes.size());

    uint32_t h = kSeed ^ length;
    const uint32_t length4 = length / 4;
    for (uint32_t i = 0; i < length4; ++i) {
        const uint32_t i4 = i * 4;
        uint32_t k = uint32_t{data[i4]} | (uint32_t{data[i4 + 1]} << 8) |
                     (uint32_t{data[i4 + 2]} << 16) | (uint32_t{data[i4 + 3]} << 24);
        k *= kM;
        k ^= k >> kR;
        k *= kM;
        h *= kM;
        h ^= k;
    }
    const uint32_t tail = length & ~3U;
    switch (length % 4) {
        case 3:
            h ^= uint32_t{data[tail + 2]} << 16;
            [[fallthrough]];
        case 2:
            h ^= uint32_t{data[tail + 1]} << 8;
            [[fallthrough]];
        case 1:
            h ^= uint32_t{data[tail]};
            h *= kM;
    }
    h ^= h >> 13;
    h *= kM;
    h ^= h >> 15;
    return static_cast<int32_t>(h);
}

int32_t partition_for_key(std::string_view key, int32_t num_partitions) {
    KS_ASSERT(num_partitions > 0);
    return to_positive(murmur2(key)) % num_partitions;
}

}  // namespace core::client
