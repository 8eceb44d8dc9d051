#pragma once
// Private to harness/*.cc: the pieces of the scenario loader, one per section of the
// file, sharing the names declared so far so references can be checked where made.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/scenario.h"
#include "harness/scenario/toml.h"
#include "harness/scenario/toml_reader.h"

namespace harness::detail {

/// What the sections read so far declared, for checking references in later ones.
struct Declared {
    /// Topic name → partitions (0 when a create-topic step leaves it to the broker).
    std::map<std::string, int32_t> topics;
    std::set<std::string> producers;
    /// Consumer group → members.
    std::map<std::string, int32_t> groups;
};

/// Reads and validates the whole tree; `directory` anchors `data` paths.
Scenario read_scenario(const SourceMap& sources, const toml::table& root,
                       const std::string& directory);

ProducerSpec read_producer(const SourceMap& sources, const toml::table& table,
                           const std::string& directory, Declared& declared);
/// `position` (1-based) names a consumer without a group ("console-consumer-2").
ConsumerSpec read_consumer(const SourceMap& sources, const toml::table& table,
                           size_t position, Declared& declared);

/// The `topic` key, which must name a topic of [[topics]] or of a create-topic step.
std::string topic_reference(const TableReader& reader, const Declared& declared);

/// "a, b, c" (or "none declared") for errors listing what a reference could name.
std::string known_list(const std::vector<std::string>& names);

/// The error for a reference to an undeclared name, with a did-you-mean.
[[noreturn]] void fail_reference(const std::string& where, std::string_view what,
                                 const std::string& got, const std::vector<std::string>& known);

/// [[faults]], [nemesis], [liveness]: after the cluster and workload are known.
void read_faults(const SourceMap& sources, const TableReader& top, const Declared& declared,
                 Scenario& scenario);

/// [coverage]: `require` names probes of core/common/probes.def.
void read_coverage(const SourceMap& sources, const TableReader& top, Scenario& scenario);

/// Calls `each` for every table of the array of tables `key` (absent = none).
template <typename Each>
void for_each_table(const SourceMap& sources, const TableReader& top, std::string_view key,
                    Each each) {
    const toml::node* node = top.find(key);
    if (!node) return;
    const toml::array* array = node->as_array();
    if (!array) fail(sources.where(*node), "expected [[" + std::string(key) + "]] tables");
    for (const toml::node& item : *array) {
        if (!item.is_table()) {
            fail(sources.where(item), "expected [[" + std::string(key) + "]] tables, got " +
                                          type_name(item));
        }
        each(*item.as_table());
    }
}

/// Applies one `--set` override to the tree, marking what it inserted.
void apply_override(toml::table& root, SourceMap& sources, const Override& override_);

/// Reads a producer's data file: a header row, then one record per row.
std::vector<DataRecord> read_data_csv(const std::string& path, const std::string& where);

/// The anomaly names `expect = "violation:<name>"` may use (design.md §6, issue 10).
const std::vector<std::string>& anomaly_names();

/// Fails at `where` unless Kafka's config tables accept `parsed` (a core/config parse):
/// unknown keys and bad values get Kafka's own wording.
template <typename T>
void require_valid_config(const std::string& where, std::string_view kind,
                          const sim::Result<T>& parsed) {
    if (!parsed.ok()) {
        fail(where, "expected valid " + std::string(kind) + " configs: " +
                        parsed.error().message());
    }
}

}  // namespace harness::detail
