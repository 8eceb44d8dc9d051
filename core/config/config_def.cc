#include "core/config/config_def.h"

#include <charconv>
#include <cstdlib>

namespace core::config {
namespace {

std::string_view trim(std::string_view text) {
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    return text.substr(begin, end - begin);
}

// Splits like Kafka's LIST parsing: trimmed, split on commas with surrounding blanks
// dropped; an empty string is the empty list.
std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    text = trim(text);
    if (text.empty()) return items;
    size_t start = 0;
    while (true) {
        size_t comma = text.find(',', start);
        std::string_view item = text.substr(start, comma == std::string_view::npos
                                                       ? std::string_view::npos
                                                       : comma - start);
        items.emplace_back(trim(item));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return items;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::string join_allowed(std::string_view allowed) {
    std::string joined;
    for (const std::string& item : split_list(allowed)) {
        if (!joined.empty()) joined += ", ";
        joined += item;
    }
    return joined;
}

bool is_allowed(std::string_view allowed, std::string_view value) {
    for (const std::string& item : split_list(allowed)) {
        if (item == value) return true;
    }
    return false;
}

// Kafka parses INT with Integer.parseInt and LONG with Long.parseLong: an optional sign,
// decimal digits, nothing else, within range.
bool parse_integer(std::string_view text, int64_t min, int64_t max, int64_t& out) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out >= min && out <= max;
}

sim::Status validate(const ConfigKey& key, const ConfigValue& value, std::string_view text) {
    switch (key.validator) {
        case Validator::None:
            return sim::Ok{};
        case Validator::AtLeast:
        case Validator::Between: {
            if (std::holds_alternative<std::monostate>(value)) {
                return invalid_value(key.name, text, "Value must be non-null");
            }
            int64_t number = std::get<int64_t>(value);
            if (number < key.min) {
                return invalid_value(key.name, text,
                                     "Value must be at least " + std::to_string(key.min));
            }
            if (key.validator == Validator::Between && number > key.max) {
                return invalid_value(key.name, text,
                                     "Value must be no more than " + std::to_string(key.max));
            }
            return sim::Ok{};
        }
        case Validator::OneOf:
            if (std::holds_alternative<std::string>(value) &&
                is_allowed(key.allowed, std::get<std::string>(value))) {
                return sim::Ok{};
            }
            return invalid_value(key.name, text,
                                 "String must be one of: " + join_allowed(key.allowed));
        case Validator::ListOf:
            for (const std::string& item : std::get<std::vector<std::string>>(value)) {
                if (!is_allowed(key.allowed, item)) {
                    return invalid_value(key.name, item,
                                         "String must be one of: " + join_allowed(key.allowed));
                }
            }
            return sim::Ok{};
        case Validator::NonEmptyString:
            if (std::holds_alternative<std::string>(value) &&
                std::get<std::string>(value).empty()) {
                return invalid_value(key.name, text, "String must be non-empty");
            }
            return sim::Ok{};
    }
    KS_UNREACHABLE();
}

}  // namespace

sim::Error invalid_value(std::string_view name, std::string_view value, std::string_view why) {
    return sim::Error{"", "Invalid value " + std::string(value) + " for configuration " +
                              std::string(name) + ": " + std::string(why)};
}

sim::Result<ConfigValue> parse_value(const ConfigKey& key, std::string_view text) {
    std::string_view trimmed = trim(text);
    switch (key.type) {
        case ConfigType::Boolean:
            if (equals_ignore_case(trimmed, "true")) return ConfigValue(true);
            if (equals_ignore_case(trimmed, "false")) return ConfigValue(false);
            return invalid_value(key.name, text, "Expected value to be either true or false");
        case ConfigType::Int: {
            int64_t number = 0;
            if (!parse_integer(trimmed, INT32_MIN, INT32_MAX, number)) {
                return invalid_value(key.name, text, "Not a number of type INT");
            }
            return ConfigValue(number);
        }
        case ConfigType::Long: {
            int64_t number = 0;
            if (!parse_integer(trimmed, INT64_MIN, INT64_MAX, number)) {
                return invalid_value(key.name, text, "Not a number of type LONG");
            }
            return ConfigValue(number);
        }
        case ConfigType::Double: {
            std::string copy(trimmed);
            char* end = nullptr;
            double number = std::strtod(copy.c_str(), &end);
            if (copy.empty() || end != copy.c_str() + copy.size()) {
                return invalid_value(key.name, text, "Not a number of type DOUBLE");
            }
            return ConfigValue(number);
        }
        case ConfigType::String:
        case ConfigType::Class:
            return ConfigValue(std::string(trimmed));
        case ConfigType::List:
            return ConfigValue(split_list(trimmed));
    }
    KS_UNREACHABLE();
}

const ConfigKey* find_key(std::span<const ConfigKey> table, std::string_view name) {
    for (const ConfigKey& key : table) {
        if (key.name == name) return &key;
    }
    return nullptr;
}

sim::Result<ConfigValues> parse_config(std::span<const ConfigKey> table,
                                       const std::map<std::string, std::string>& originals,
                                       std::string_view kind,
                                       const std::map<std::string, std::string>& defaults) {
    for (const auto& [name, text] : originals) {
        if (find_key(table, name) != nullptr) continue;
        // Kafka's AdminClient/LogConfig wording for topics; the clients' own wording (a
        // warning in Kafka, an error here so a typo in a scenario cannot pass silently).
        if (kind == "topic") return sim::Error{"", "Unknown topic config name: " + name};
        return sim::Error{"", "The configuration '" + name +
                                  "' was supplied but isn't a known " + std::string(kind) +
                                  " config."};
    }
    ConfigValues values;
    for (const ConfigKey& key : table) {
        auto given = originals.find(std::string(key.name));
        bool explicitly = given != originals.end();
        auto fallback = defaults.find(std::string(key.name));
        bool has_fallback = fallback != defaults.end();
        if (!explicitly && !has_fallback && !key.has_default) {
            values.put(std::string(key.name), std::monostate{}, false);
            continue;
        }
        std::string_view text = explicitly     ? std::string_view(given->second)
                                : has_fallback ? std::string_view(fallback->second)
                                               : key.default_value;
        sim::Result<ConfigValue> value = parse_value(key, text);
        if (!value.ok()) return value.error();
        sim::Status valid = validate(key, value.value(), text);
        if (!valid.ok()) return valid.error();
        values.put(std::string(key.name), std::move(value).value(), explicitly);
    }
    return values;
}

void ConfigValues::put(std::string name, ConfigValue value, bool explicitly) {
    if (explicitly) originals_.insert(name);
    values_[std::move(name)] = std::move(value);
}

const ConfigValue& ConfigValues::at(std::string_view name) const {
    auto it = values_.find(name);
    KS_ASSERT(it != values_.end());
    return it->second;
}

bool ConfigValues::is_null(std::string_view name) const {
    return std::holds_alternative<std::monostate>(at(name));
}

bool ConfigValues::set_explicitly(std::string_view name) const {
    return originals_.find(name) != originals_.end();
}

bool ConfigValues::get_bool(std::string_view name) const { return std::get<bool>(at(name)); }

int32_t ConfigValues::get_int(std::string_view name) const {
    return static_cast<int32_t>(std::get<int64_t>(at(name)));
}

int64_t ConfigValues::get_long(std::string_view name) const {
    return std::get<int64_t>(at(name));
}

double ConfigValues::get_double(std::string_view name) const {
    return std::get<double>(at(name));
}

const std::string& ConfigValues::get_string(std::string_view name) const {
    return std::get<std::string>(at(name));
}

std::string ConfigValues::get_string_or_empty(std::string_view name) const {
    return is_null(name) ? std::string() : get_string(name);
}

const std::vector<std::string>& ConfigValues::get_list(std::string_view name) const {
    return std::get<std::vector<std::string>>(at(name));
}

}  // namespace core::config
