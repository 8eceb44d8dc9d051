// [coverage]: the probes a scenario's sweep must reach, each checked against the names
// of core/common/probes.def where it is written.
#include <algorithm>

#include "harness/scenario/loader.h"
#include "harness/trust/coverage.h"

namespace harness::detail {

void read_coverage(const SourceMap& sources, const TableReader& top, Scenario& scenario) {
    const toml::table* table = top.subtable("coverage");
    if (table == nullptr) return;
    TableReader reader(sources, *table, "[coverage]", {"require"});
    const toml::node* node = reader.find("require");
    const toml::array* array = node != nullptr ? node->as_array() : nullptr;
    if (array == nullptr) {
        fail(reader.where("require"), "expected key \"require\": an array of probe names");
    }
    const std::vector<std::string> known = known_probe_names();
    for (const toml::node& item : *array) {
        const auto* name = item.as_string();
        if (name == nullptr) {
            fail(sources.where(item), "expected a probe name (a string), got " + type_name(item));
        }
        if (std::find(known.begin(), known.end(), name->get()) == known.end()) {
            fail_reference(sources.where(item), "a probe of core/common/probes.def", name->get(),
                           known);
        }
        scenario.coverage.require.push_back(name->get());
    }
}

}  // namespace harness::detail
