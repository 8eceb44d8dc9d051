// `--set path=value`: edits the TOML tree before validation. Arrays of tables are
// addressed by name (topics.NAME, producers.NAME, consumers.GROUP) or by position
// (faults.0, steps.1); everything after `config.` is one Kafka config name.
#include <fmt/format.h>

#include <charconv>

#include "harness/scenario/loader.h"

namespace harness::detail {
namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    size_t begin = 0;
    while (true) {
        size_t dot = path.find('.', begin);
        parts.push_back(path.substr(begin, dot - begin));
        if (dot == std::string::npos) return parts;
        begin = dot + 1;
    }
}

std::string join_path(const std::vector<std::string>& parts, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i) out += (i == from ? "" : ".") + parts[i];
    return out;
}

/// The value as TOML when it reads as one (5, true, ["crash"], "x"); otherwise the text
/// itself as a string (all, 60s, trucks_gps).
toml::table parse_value(const std::string& value) {
    try {
        return toml::parse("value = " + value);
    } catch (const toml::parse_error&) {
        toml::table table;
        table.insert("value", value);
        return table;
    }
}

void set_value(toml::table& table, const std::string& key, const std::string& value,
               SourceMap& sources, const std::string& origin) {
    toml::table parsed = parse_value(value);
    parsed.get("value")->visit([&](auto&& node) { table.insert_or_assign(key, node); });
    sources.mark_override(*table.get(key), origin);
}

toml::table& child_table(toml::table& parent, const std::string& key, const std::string& path,
                         SourceMap& sources, const std::string& origin) {
    toml::node* node = parent.get(key);
    if (!node) {
        parent.insert(key, toml::table{});
        node = parent.get(key);
        sources.mark_override(*node, origin);
    }
    if (!node->is_table()) {
        fail(origin, fmt::format("expected \"{}\" to be a table to set keys in, but it is {}",
                                 path, type_name(*node)));
    }
    return *node->as_table();
}

/// The element of an array of tables that `selector` names.
toml::table& element(toml::table& root, const std::string& array_key,
                     const std::string& selector, const std::string& origin) {
    toml::array* array = root.get(array_key) ? root.get(array_key)->as_array() : nullptr;
    if (!array) fail(origin, fmt::format("expected [[{}]] tables in the scenario", array_key));
    if (array_key == "faults" || array_key == "steps") {
        size_t index = 0;
        auto [end, error] = std::from_chars(selector.data(), selector.data() + selector.size(),
                                            index);
        bool valid = error == std::errc() && end == selector.data() + selector.size();
        if (!valid || index >= array->size() || !array->get(index)->is_table()) {
            fail(origin, fmt::format("expected a position in [[{}]] (0..{}) after \"{}\", "
                                     "got \"{}\"", array_key, array->size() - 1, array_key,
                                     selector));
        }
        return *array->get(index)->as_table();
    }
    std::string name_key = array_key == "consumers" ? "group" : "name";
    std::vector<std::string> names;
    for (toml::node& item : *array) {
        toml::table* table = item.as_table();
        const toml::node* name = table ? table->get(name_key) : nullptr;
        if (!name || !name->is_string()) continue;
        if (name->as_string()->get() == selector) return *table;
        names.push_back(name->as_string()->get());
    }
    fail_reference(origin, fmt::format("a {} of [[{}]] after \"{}\"", name_key, array_key,
                                       array_key), selector, names);
}

}  // namespace

void apply_override(toml::table& root, SourceMap& sources, const Override& override_) {
    std::string origin = "--set " + override_.text();
    std::vector<std::string> path = split_path(override_.path);
    toml::table* table = &root;
    for (size_t i = 0; i < path.size(); ++i) {
        if (path[i].empty()) {
            fail(origin, "expected a dotted key path such as producers.trucks.config.acks");
        }
        bool last = i + 1 == path.size();
        if (last) return set_value(*table, path[i], override_.value, sources, origin);
        if (path[i] == "config") {
            toml::table& config =
                child_table(*table, "config", join_path(path, 0, i + 1), sources, origin);
            std::string key = join_path(path, i + 1, path.size());
            return set_value(config, key, override_.value, sources, origin);
        }
        bool is_array = path[i] == "topics" || path[i] == "producers" ||
                        path[i] == "consumers" || path[i] == "faults" || path[i] == "steps";
        if (table == &root && is_array) {
            table = &element(root, path[i], path[i + 1], origin);
            ++i;
            if (i + 1 == path.size()) {
                fail(origin, fmt::format("expected a key after \"{}\"",
                                         join_path(path, 0, i + 1)));
            }
            continue;
        }
        table = &child_table(*table, path[i], join_path(path, 0, i + 1), sources, origin);
    }
}

}  // namespace harness::detail
