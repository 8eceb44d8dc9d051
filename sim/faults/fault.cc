#include "sim/faults/fault.h"

#include <algorithm>

namespace sim {

std::optional<FaultKind> find_fault_kind(std::string_view name) {
    for (const FaultKind& kind : fault_kinds()) {
        if (kind.name == name) return kind;
    }
    return std::nullopt;
}

Result<std::unique_ptr<Fault>> parse_fault(const FaultSpec& spec) {
    auto it = spec.find("kind");
    if (it == spec.end()) return Error{"", "a fault needs a \"kind\""};
    const std::optional<FaultKind> kind = find_fault_kind(it->second);
    if (!kind) {
        std::string names;
        for (const FaultKind& known : fault_kinds()) {
            names += (names.empty() ? "" : ", ") + std::string(known.name);
        }
        return Error{"", "unknown fault kind \"" + it->second + "\" (expected one of: " +
                             names + ")"};
    }
    return kind->parse(spec);
}

namespace fault_spec {

Status check_keys(const FaultSpec& spec, std::string_view kind,
                  const std::vector<std::string_view>& own_keys) {
    auto known = [&](std::string_view key) {
        return std::find(kCommonKeys.begin(), kCommonKeys.end(), key) != kCommonKeys.end() ||
               std::find(own_keys.begin(), own_keys.end(), key) != own_keys.end();
    };
    for (const auto& [key, value] : spec) {
        if (known(key)) continue;
        std::string expected;
        for (std::string_view name : kCommonKeys) expected += std::string(name) + ", ";
        for (std::string_view name : own_keys) expected += std::string(name) + ", ";
        expected.resize(expected.size() - 2);
        return Error{"", "fault \"" + std::string(kind) + "\": unknown key \"" + key +
                             "\" (expected one of: " + expected + ")"};
    }
    return Ok{};
}

Result<Duration> duration(const FaultSpec& spec, std::string_view kind, std::string_view key,
                          Duration fallback, bool allow_negative) {
    auto it = spec.find(key);
    if (it == spec.end()) return fallback;
    std::string_view text = it->second;
    const bool negative = allow_negative && !text.empty() && text.front() == '-';
    if (negative) text.remove_prefix(1);
    Result<Duration> parsed = parse_duration(text);
    if (!parsed) {
        return Error{"", "fault \"" + std::string(kind) + "\", key \"" + std::string(key) +
                             "\": " + parsed.error().what};
    }
    return negative ? -parsed.value() : parsed.value();
}

}  // namespace fault_spec
}  // namespace sim
