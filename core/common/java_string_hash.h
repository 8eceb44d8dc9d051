#pragma once
// java.lang.String#hashCode, which Kafka uses where it hashes a name to a partition or a
// bucket (a group to its __consumer_offsets partition, member ids in a java.util.HashMap).

#include <cstdint>
#include <string_view>

namespace core {

/// java.lang.String#hashCode of the UTF-8 text, over its UTF-16 code units as Java holds
/// them: h = 31 * h + unit, wrapping like Java's int.
int32_t java_string_hash(std::string_view text);

}  // namespace core
