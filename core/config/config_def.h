#pragma once
// The config-table engine shared by broker, topic and client configs: a table of Kafka
// keys (type, default, validator, doc) and the parser that turns a scenario's strings into
// typed values with Kafka's ConfigException wording.

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/result.h"

namespace core::config {

/// Kafka's ConfigDef.Type, minus the ones a simulation has no use for (PASSWORD).
/// Class is a string naming a Java class (partitioner.class), kept verbatim.
enum class ConfigType { Boolean, Int, Long, Double, String, List, Class };

/// Kafka's validators: atLeast(min), between(min, max), in(...) for strings, ValidList
/// for lists, NonEmptyString.
enum class Validator { None, AtLeast, Between, OneOf, ListOf, NonEmptyString };

/// One row of a config table: what Kafka's ConfigDef.define(...) says about a key.
struct ConfigKey {
    std::string_view name;
    ConfigType type;
    /// Kafka's default as Kafka would print it; ignored when `has_default` is false (a null
    /// default, e.g. group.id or log.retention.ms).
    std::string_view default_value;
    bool has_default = true;
    Validator validator = Validator::None;
    int64_t min = 0;
    int64_t max = 0;
    /// For OneOf/ListOf: the allowed values, comma-separated, in Kafka's order.
    std::string_view allowed = {};
    /// Kafka's documentation, first sentence.
    std::string_view doc = {};
};

/// Shorthands for writing a table row the way Kafka's define(...) reads.
constexpr ConfigKey plain(std::string_view name, ConfigType type, std::string_view def,
                          std::string_view doc) {
    return ConfigKey{name, type, def, true, Validator::None, 0, 0, {}, doc};
}
constexpr ConfigKey at_least(std::string_view name, ConfigType type, std::string_view def,
                             int64_t min, std::string_view doc) {
    return ConfigKey{name, type, def, true, Validator::AtLeast, min, 0, {}, doc};
}
constexpr ConfigKey between(std::string_view name, ConfigType type, std::string_view def,
                            int64_t min, int64_t max, std::string_view doc) {
    return ConfigKey{name, type, def, true, Validator::Between, min, max, {}, doc};
}
constexpr ConfigKey one_of(std::string_view name, std::string_view def,
                           std::string_view allowed, std::string_view doc) {
    return ConfigKey{name, ConfigType::String, def, true, Validator::OneOf, 0, 0, allowed, doc};
}
constexpr ConfigKey list_of(std::string_view name, std::string_view def,
                            std::string_view allowed, std::string_view doc) {
    return ConfigKey{name, ConfigType::List, def, true, Validator::ListOf, 0, 0, allowed, doc};
}
/// A key whose Kafka default is null.
constexpr ConfigKey null_default(std::string_view name, ConfigType type, std::string_view doc,
                                 Validator validator = Validator::None) {
    return ConfigKey{name, type, {}, false, validator, 0, 0, {}, doc};
}

/// A parsed value: null, or one of the types above (Int and Long both as int64_t).
using ConfigValue = std::variant<std::monostate, bool, int64_t, double, std::string,
                                 std::vector<std::string>>;

/// Parsed values of one table plus which keys the user set (Kafka's originals(), which
/// decide e.g. whether idempotence was asked for or merely defaulted).
class ConfigValues {
   public:
    bool is_null(std::string_view name) const;
    bool set_explicitly(std::string_view name) const;
    bool get_bool(std::string_view name) const;
    int32_t get_int(std::string_view name) const;
    int64_t get_long(std::string_view name) const;
    double get_double(std::string_view name) const;
    /// REQUIRES: not null.
    const std::string& get_string(std::string_view name) const;
    /// Empty string when null.
    std::string get_string_or_empty(std::string_view name) const;
    const std::vector<std::string>& get_list(std::string_view name) const;

    void put(std::string name, ConfigValue value, bool explicitly);

   private:
    const ConfigValue& at(std::string_view name) const;

    std::map<std::string, ConfigValue, std::less<>> values_;
    std::set<std::string, std::less<>> originals_;
};

/// Parses `originals` against `table`: every key must be in the table (else "The
/// configuration 'x' was supplied but isn't a known <kind> config."), every value must
/// parse and validate ("Invalid value x for configuration acks: String must be one of:
/// all, -1, 0, 1"); keys not given take Kafka's default.
/// `defaults` replaces table defaults without counting as set by the user (a topic's
/// defaults come from the broker's log.* configs, as Kafka's LogConfig.fromProps does).
/// For kind "topic" an unknown key reads as Kafka's "Unknown topic config name: x".
sim::Result<ConfigValues> parse_config(std::span<const ConfigKey> table,
                                       const std::map<std::string, std::string>& originals,
                                       std::string_view kind,
                                       const std::map<std::string, std::string>& defaults = {});

/// Parses one value of `key` (used by parse_config and by tests of single keys).
sim::Result<ConfigValue> parse_value(const ConfigKey& key, std::string_view text);

/// Looks a key up by name in a table; nullptr when absent.
const ConfigKey* find_key(std::span<const ConfigKey> table, std::string_view name);

/// Kafka's ConfigException text: "Invalid value <value> for configuration <name>: <why>".
sim::Error invalid_value(std::string_view name, std::string_view value, std::string_view why);

}  // namespace core::config
