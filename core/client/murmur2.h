#pragma once
// Kafka's murmur2 hash (org.apache.kafka.common.utils.Utils.murmur2) and toPositive,
// bit-identical, so a key lands on the same partition here as on a real cluster.

#include <cstdint>
#include <string_view>

namespace core::client {

/// Kafka's Utils.murmur2 over the key's bytes: the 32-bit result as Java's signed int.
int32_t murmur2(std::string_view bytes);

/// Kafka's Utils.toPositive: clears the sign bit (not abs: INT_MIN maps to 0).
constexpr int32_t to_positive(int32_t number) { return number & 0x7fffffff; }

/// The partition Kafka's default partitioner gives a non-null key:
/// toPositive(murmur2(key)) % num_partitions. REQUIRES: num_partitions > 0.
int32_t partition_for_key(std::string_view key, int32_t num_partitions);

}  // namespace core::client
