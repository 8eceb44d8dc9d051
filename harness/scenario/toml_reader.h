#pragma once
// Private to harness/*.cc: typed, position-aware reading of a toml++ table. Every
// mistake becomes one LoadFailure carrying "file:line:col" and "expected ...".
// Includes toml++, so only .cc files include it.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "harness/scenario/scenario.h"
#include "sim/result.h"

namespace harness::detail {

/// Thrown inside the loader and turned into a sim::Error at its edge, so the many
/// checks read as straight-line code.
struct LoadFailure {
    sim::Error error;
};

/// Where nodes come from: the file, or a `--set` override (nodes it inserted have no
/// source position, so they are remembered here).
class SourceMap {
   public:
    explicit SourceMap(std::string file) : file_(std::move(file)) {}
    const std::string& file() const { return file_; }
    std::string where(const toml::source_region& region) const;
    std::string where(const toml::node& node) const;
    /// Marks `node` and everything under it as coming from `origin` ("--set k=v").
    void mark_override(const toml::node& node, const std::string& origin);

   private:
    std::string file_;
    std::map<const toml::node*, std::string> override_origin_;
};

[[noreturn]] void fail(std::string where, std::string what);

/// "an integer", "a string", ... for type errors.
std::string type_name(const toml::node& node);

/// A value as config text: strings verbatim, numbers and booleans as written.
std::string value_text(const SourceMap& sources, const toml::node& node,
                       std::string_view key);

/// The known key closest to `key` within edit distance 2, or "".
std::string closest_key(std::string_view key, const std::vector<std::string>& known);

/// Reads one table: checks its keys against the known list up front (a typo is the
/// likeliest cause of any later error), then hands out typed values.
class TableReader {
   public:
    /// `section` names the table in errors ("[cluster]", "[[producers]]"). With
    /// `allow_extra`, unknown keys are allowed and read by extra_keys().
    TableReader(const SourceMap& sources, const toml::table& table, std::string section,
                std::vector<std::string> known, bool allow_extra = false);

    const toml::table& table() const { return table_; }
    const std::string& section() const { return section_; }
    std::string where() const { return sources_.where(table_); }
    /// Where the value of `key` is (or the table, when absent).
    std::string where(std::string_view key) const;
    /// Where `key` itself is written (or its value, when the key has no position).
    std::string key_where(std::string_view key) const;
    const toml::node* find(std::string_view key) const { return table_.get(key); }

    std::optional<std::string> string(std::string_view key) const;
    std::string required_string(std::string_view key) const;
    std::optional<int64_t> integer(std::string_view key, int64_t min, int64_t max) const;
    std::optional<bool> boolean(std::string_view key) const;
    std::optional<sim::Duration> duration(std::string_view key) const;
    sim::Duration required_duration(std::string_view key) const;
    /// One of `choices`; returns its index.
    std::optional<size_t> choice(std::string_view key,
                                 const std::vector<std::string>& choices) const;
    /// An inline table of Kafka configs; values kept as text.
    ConfigMap config(std::string_view key) const;
    const toml::table* subtable(std::string_view key) const;
    /// An array of strings (a single string is not accepted).
    std::optional<std::vector<std::string>> strings(std::string_view key) const;
    /// The keys not in the known list, values as text.
    std::map<std::string, std::string> extra_keys() const;

   private:
    const SourceMap& sources_;
    const toml::table& table_;
    std::string section_;
    std::vector<std::string> known_;
};

/// Reads a duration from text, failing at `where` with the parser's message.
sim::Duration parse_duration_at(const std::string& where, std::string_view text);

}  // namespace harness::detail
