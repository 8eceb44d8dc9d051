#include "sim/time.h"

#include <cctype>

namespace sim {
namespace {

struct Unit {
    std::string_view name;
    Duration nanoseconds;
};

// Longest names first so "ms" is not read as "m" followed by junk.
constexpr Unit kUnits[] = {
    {"min", kMinute}, {"ns", 1}, {"us", kMicrosecond}, {"ms", kMillisecond},
    {"s", kSecond},   {"m", kMinute}, {"h", kHour},    {"d", 24 * kHour},
};

/// A duration past what int64 nanoseconds hold (~292 years) says so.
Error too_large(std::string_view text) {
    return Error{"", "expected a duration of at most 292 years, got \"" + std::string(text) +
                     "\" (too large)"};
}

Error expected(std::string_view text) {
    return Error{"", "expected a duration such as \"250us\", \"5s\" or \"1.5ms\" "
                     "(units ns, us, ms, s, m, h, d), got \"" + std::string(text) + "\""};
}

}  // namespace

Result<Duration> parse_duration(std::string_view text) {
    size_t i = 0;
    int64_t whole = 0;
    int64_t fraction = 0;
    int64_t fraction_scale = 1;
    bool any_digit = false;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        if (whole > INT64_MAX / 100) return too_large(text);
        whole = whole * 10 + (text[i] - '0');
        any_digit = true;
        ++i;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            if (fraction_scale >= 1000000000) return expected(text);
            fraction = fraction * 10 + (text[i] - '0');
            fraction_scale *= 10;
            any_digit = true;
            ++i;
        }
    }
    if (!any_digit) return expected(text);
    std::string_view unit_text = text.substr(i);
    for (const Unit& unit : kUnits) {
        if (unit_text != unit.name) continue;
        if (whole > INT64_MAX / unit.nanoseconds) return too_large(text);
        // Fractions must land on whole nanoseconds: "1.5ns" is not a duration.
        if ((fraction * unit.nanoseconds) % fraction_scale != 0) return expected(text);
        return whole * unit.nanoseconds + fraction * unit.nanoseconds / fraction_scale;
    }
    return expected(text);
}

std::string format_duration(Duration duration) {
    if (duration == 0) return "0s";
    std::string sign = duration < 0 ? "-" : "";
    Duration magnitude = duration < 0 ? -duration : duration;
    constexpr Unit kFormatUnits[] = {{"h", kHour}, {"min", kMinute}, {"s", kSecond},
                                     {"ms", kMillisecond}, {"us", kMicrosecond}, {"ns", 1}};
    for (const Unit& unit : kFormatUnits) {
        if (magnitude % unit.nanoseconds == 0) {
            return sign + std::to_string(magnitude / unit.nanoseconds) + std::string(unit.name);
        }
    }
    KS_UNREACHABLE();
}

}  // namespace sim
