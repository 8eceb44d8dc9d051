#include "harness/trust/coverage.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/common/probes.h"

namespace harness {

std::vector<std::string> known_probe_names() {
    std::vector<std::string> names;
    for (const core::ProbeInfo& info : core::all_probes()) names.emplace_back(info.name);
    return names;
}

Coverage summarize_coverage(const std::vector<RunResult>& results) {
    std::map<std::string, ProbeCoverage> fired;
    for (const RunResult& result : results) {
        for (const auto& [name, hits] : result.probes) {
            if (hits == 0) continue;
            ProbeCoverage& entry = fired[name];
            entry.name = name;
            entry.seeds += 1;
            entry.hits += hits;
        }
    }
    Coverage coverage;
    coverage.seeds_run = results.size();
    for (const std::string& name : known_probe_names()) {
        auto it = fired.find(name);
        coverage.probes.push_back(it == fired.end() ? ProbeCoverage{name, 0, 0, true}
                                                    : it->second);
        if (it != fired.end()) fired.erase(it);
    }
    for (auto& [name, entry] : fired) {
        entry.known = false;
        coverage.probes.push_back(entry);
    }
    return coverage;
}

std::vector<std::string> Coverage::never_fired() const {
    std::vector<std::string> names;
    for (const ProbeCoverage& probe : probes) {
        if (probe.known && probe.seeds == 0) names.push_back(probe.name);
    }
    return names;
}

std::vector<std::string> Coverage::missing(const std::vector<std::string>& required) const {
    std::vector<std::string> names;
    for (const std::string& name : required) {
        auto it = std::find_if(probes.begin(), probes.end(),
                               [&](const ProbeCoverage& p) { return p.name == name; });
        if (it == probes.end() || it->seeds == 0) names.push_back(name);
    }
    return names;
}

std::string format_coverage(const Coverage& coverage) {
    size_t width = 0;
    for (const ProbeCoverage& probe : coverage.probes) width = std::max(width, probe.name.size());
    std::string out = fmt::format("coverage ({} seed{}):\n  {:<{}}  {:>12}  {:>10}\n",
                                  coverage.seeds_run, coverage.seeds_run == 1 ? "" : "s",
                                  "probe", width, "seeds fired", "total hits");
    for (const ProbeCoverage& probe : coverage.probes) {
        if (probe.seeds == 0) continue;
        out += fmt::format("  {:<{}}  {:>12}  {:>10}{}\n", probe.name, width,
                           fmt::format("{}/{}", probe.seeds, coverage.seeds_run), probe.hits,
                           probe.known ? "" : "  (not in probes.def)");
    }
    std::vector<std::string> never = coverage.never_fired();
    // Wrapped names rather than one a line: most scenarios leave most probes unfired.
    std::string line = fmt::format("never fired ({}):", never.size());
    for (const std::string& name : never) {
        if (line.size() + name.size() + 2 > 96) {
            out += line + "\n";
            line.assign(1, ' ');  // (assigning a literal trips GCC 12's -Wrestrict)
        }
        line += " " + name + (&name == &never.back() ? "" : ",");
    }
    return out + line + "\n";
}

}  // namespace harness
