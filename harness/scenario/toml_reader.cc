#include "harness/scenario/toml_reader.h"

#include <fmt/format.h>

#include <algorithm>

namespace harness::detail {

std::string SourceMap::where(const toml::source_region& region) const {
    if (region.begin.line == 0) return file_;
    return fmt::format("{}:{}:{}", file_, region.begin.line, region.begin.column);
}

std::string SourceMap::where(const toml::node& node) const {
    auto found = override_origin_.find(&node);
    if (found != override_origin_.end()) return found->second;
    return where(node.source());
}

void SourceMap::mark_override(const toml::node& node, const std::string& origin) {
    override_origin_[&node] = origin;
    if (const toml::table* table = node.as_table()) {
        for (auto&& [key, value] : *table) mark_override(value, origin);
    } else if (const toml::array* array = node.as_array()) {
        for (const toml::node& value : *array) mark_override(value, origin);
    }
}

void fail(std::string where, std::string what) {
    throw LoadFailure{sim::Error{std::move(where), std::move(what)}};
}

std::string type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::date:
        case toml::node_type::time:
        case toml::node_type::date_time: return "a date/time";
        case toml::node_type::none: return "nothing";
    }
    return "a value";
}

std::string value_text(const SourceMap& sources, const toml::node& node,
                       std::string_view key) {
    if (const auto* text = node.as_string()) return text->get();
    if (const auto* number = node.as_integer()) return std::to_string(number->get());
    if (const auto* flag = node.as_boolean()) return flag->get() ? "true" : "false";
    if (const auto* real = node.as_floating_point()) return fmt::format("{}", real->get());
    fail(sources.where(node), fmt::format("expected a string, number or boolean for \"{}\", "
                                          "got {}", key, type_name(node)));
}

namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                               diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

}  // namespace

std::string closest_key(std::string_view key, const std::vector<std::string>& known) {
    std::string best;
    size_t best_distance = 3;
    for (const std::string& candidate : known) {
        size_t distance = edit_distance(key, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

sim::Duration parse_duration_at(const std::string& where, std::string_view text) {
    sim::Result<sim::Duration> parsed = sim::parse_duration(text);
    if (!parsed) fail(where, parsed.error().what);
    if (parsed.value() < 0) fail(where, "expected a duration >= 0");
    return parsed.value();
}

TableReader::TableReader(const SourceMap& sources, const toml::table& table,
                         std::string section, std::vector<std::string> known, bool allow_extra)
    : sources_(sources), table_(table), section_(std::move(section)), known_(std::move(known)) {
    if (allow_extra) return;
    for (auto&& [key, value] : table_) {
        if (std::find(known_.begin(), known_.end(), key.str()) != known_.end()) continue;
        std::string where = sources_.where(value);
        if (key.source().begin.line != 0) where = sources_.where(key.source());
        std::string hint = closest_key(key.str(), known_);
        fail(where, fmt::format("expected a key of {} ({}), got \"{}\"{}", section_,
                                join(known_), key.str(),
                                hint.empty() ? "" : "; did you mean \"" + hint + "\"?"));
    }
}

std::string TableReader::where(std::string_view key) const {
    const toml::node* node = table_.get(key);
    return node ? sources_.where(*node) : where();
}

std::string TableReader::key_where(std::string_view key) const {
    for (auto&& [name, value] : table_) {
        if (name.str() != key) continue;
        return name.source().begin.line != 0 ? sources_.where(name.source())
                                             : sources_.where(value);
    }
    return where();
}

std::optional<std::string> TableReader::string(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return {};
    if (!node->is_string()) {
        fail(sources_.where(*node),
             fmt::format("expected a string for \"{}\", got {}", key, type_name(*node)));
    }
    return node->as_string()->get();
}

std::string TableReader::required_string(std::string_view key) const {
    std::optional<std::string> value = string(key);
    if (!value) fail(where(), fmt::format("expected key \"{}\" in {}", key, section_));
    return *value;
}

std::optional<int64_t> TableReader::integer(std::string_view key, int64_t min,
                                            int64_t max) const {
    const toml::node* node = table_.get(key);
    if (!node) return {};
    if (!node->is_integer()) {
        fail(sources_.where(*node),
             fmt::format("expected an integer for \"{}\", got {}", key, type_name(*node)));
    }
    int64_t value = node->as_integer()->get();
    if (value < min || value > max) {
        std::string range = max == INT64_MAX ? fmt::format(">= {}", min)
                                             : fmt::format("in {}..{}", min, max);
        fail(sources_.where(*node),
             fmt::format("expected \"{}\" {}, got {}", key, range, value));
    }
    return value;
}

std::optional<bool> TableReader::boolean(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return {};
    if (!node->is_boolean()) {
        fail(sources_.where(*node), fmt::format("expected true or false for \"{}\", got {}",
                                                key, type_name(*node)));
    }
    return node->as_boolean()->get();
}

std::optional<sim::Duration> TableReader::duration(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return {};
    if (!node->is_string()) {
        fail(sources_.where(*node),
             fmt::format("expected a duration string such as \"5s\" for \"{}\", got {}", key,
                         type_name(*node)));
    }
    return parse_duration_at(sources_.where(*node), node->as_string()->get());
}

sim::Duration TableReader::required_duration(std::string_view key) const {
    std::optional<sim::Duration> value = duration(key);
    if (!value) fail(where(), fmt::format("expected key \"{}\" in {}", key, section_));
    return *value;
}

std::optional<size_t> TableReader::choice(std::string_view key,
                                          const std::vector<std::string>& choices) const {
    std::optional<std::string> value = string(key);
    if (!value) return {};
    auto found = std::find(choices.begin(), choices.end(), *value);
    if (found != choices.end()) return size_t(found - choices.begin());
    std::string hint = closest_key(*value, choices);
    fail(where(key), fmt::format("expected \"{}\" to be one of {}, got \"{}\"{}", key,
                                 join(choices), *value,
                                 hint.empty() ? "" : "; did you mean \"" + hint + "\"?"));
}

ConfigMap TableReader::config(std::string_view key) const {
    const toml::table* config = subtable(key);
    if (!config) return {};
    ConfigMap out;
    for (auto&& [name, value] : *config) {
        out[std::string(name.str())] = value_text(sources_, value, name.str());
    }
    return out;
}

const toml::table* TableReader::subtable(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return nullptr;
    if (!node->is_table()) {
        fail(sources_.where(*node),
             fmt::format("expected a table for \"{}\", got {}", key, type_name(*node)));
    }
    return node->as_table();
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return {};
    const toml::array* array = node->as_array();
    if (!array) {
        fail(sources_.where(*node), fmt::format("expected an array of strings for \"{}\", "
                                                "got {}", key, type_name(*node)));
    }
    std::vector<std::string> out;
    for (const toml::node& item : *array) {
        if (!item.is_string()) {
            fail(sources_.where(item), fmt::format("expected a string in \"{}\", got {}", key,
                                                   type_name(item)));
        }
        out.push_back(item.as_string()->get());
    }
    return out;
}

std::map<std::string, std::string> TableReader::extra_keys() const {
    std::map<std::string, std::string> out;
    for (auto&& [key, value] : table_) {
        if (std::find(known_.begin(), known_.end(), key.str()) != known_.end()) continue;
        out[std::string(key.str())] = value_text(sources_, value, key.str());
    }
    return out;
}

}  // namespace harness::detail
