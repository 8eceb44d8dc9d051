// CRC-32C (Castagnoli), the checksum of a v2 record batch (Kafka's
// org.apache.kafka.common.utils.Crc32C): reflected polynomial 0x82F63B78, initial and
// final value 0xFFFFFFFF, one table of 256 entries built at compile time.
#include <array>

#include "wire/record_batch.h"

namespace wire {
namespace {

constexpr std::array<uint32_t, 256> make_table() {
    std::array<uint32_t, 256> table{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t value = i;
        for (int bit = 0; bit < 8; ++bit) value = (value >> 1) ^ (0x82F63B78u & (0u - (value & 1)));
        table[i] = value;
    }
    return table;
}

constexpr std::array<uint32_t, 256> kTable = make_table();

}  // namespace

uint32_t crc32c(std::string_view bytes, uint32_t crc) {
    uint32_t value = ~crc;
    for (char c : bytes) value = kTable[(value ^ static_cast<uint8_t>(c)) & 0xff] ^ (value >> 8);
    return ~value;
}

}  // namespace wire
