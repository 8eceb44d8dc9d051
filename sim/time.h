#pragma once
// Virtual time: int64 nanoseconds since the World started. No doubles, no wall clock.

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/result.h"

namespace sim {

/// A point in virtual time, nanoseconds since the World started.
using Time = int64_t;
/// A span of virtual time in nanoseconds.
using Duration = int64_t;

constexpr Duration kNanosecond = 1;
constexpr Duration kMicrosecond = 1000;
constexpr Duration kMillisecond = 1000 * kMicrosecond;
constexpr Duration kSecond = 1000 * kMillisecond;
constexpr Duration kMinute = 60 * kSecond;
constexpr Duration kHour = 60 * kMinute;
/// Later than any event a run can schedule.
constexpr Time kTimeNever = INT64_MAX;

namespace literals {
constexpr Duration operator""_ns(unsigned long long v) { return Duration(v); }
constexpr Duration operator""_us(unsigned long long v) { return Duration(v) * kMicrosecond; }
constexpr Duration operator""_ms(unsigned long long v) { return Duration(v) * kMillisecond; }
constexpr Duration operator""_s(unsigned long long v) { return Duration(v) * kSecond; }
constexpr Duration operator""_min(unsigned long long v) { return Duration(v) * kMinute; }
}  // namespace literals

/// Parses "250us", "5s", "1.5ms", "2m"/"2min", "1h", "100ns", "7d". A bare number is
/// rejected: a duration always names its unit. Errors say what was expected.
Result<Duration> parse_duration(std::string_view text);

/// Formats a duration in the largest unit that keeps it exact: "5s", "250us", "1500ms".
std::string format_duration(Duration duration);

/// Milliseconds, the unit of Kafka's *.ms configs.
constexpr Duration from_ms(int64_t ms) { return ms * kMillisecond; }
constexpr int64_t to_ms(Duration d) { return d / kMillisecond; }

}  // namespace sim
