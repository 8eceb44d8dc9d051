// The corpus index is CSV (not TOML) so the scenario library's own checks, which load
// every .toml under scenarios/, never mistake it for a scenario.
#include "harness/trust/corpus.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/scenario/toml.h"

namespace harness {
namespace {

const std::vector<std::string> kColumns = {"scenario", "seed", "expect", "fixed_by", "note"};

/// Splits one CSV line; a field may be "quoted", with "" for a quote inside.
std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

sim::Result<CorpusEntry> parse_entry(const std::vector<std::string>& fields,
                                     const std::string& where, const std::string& directory) {
    if (fields.size() != kColumns.size()) {
        return sim::Error{where, fmt::format("expected {} fields ({}), got {}", kColumns.size(),
                                             fmt::join(kColumns, ","), fields.size())};
    }
    CorpusEntry entry;
    entry.scenario = fields[0];
    entry.path = (std::filesystem::path(directory) / fields[0]).lexically_normal().string();
    const std::string& seed = fields[1];
    if (seed.empty() || seed.find_first_not_of("0123456789") != std::string::npos) {
        return sim::Error{where, fmt::format("expected a seed (a number), got \"{}\"", seed)};
    }
    entry.seed = std::stoull(seed);
    entry.expect = fields[2];
    if (!entry.expect.empty() && entry.expect != "pass" &&
        entry.expect.rfind("violation:", 0) != 0) {
        return sim::Error{where, fmt::format("expected \"pass\" or \"violation:<anomaly>\", "
                                             "got \"{}\"",
                                             entry.expect)};
    }
    entry.fixed_by = fields[3];
    entry.note = fields[4];
    entry.where = where;
    return entry;
}

}  // namespace

sim::Result<std::vector<CorpusEntry>> load_corpus(const std::string& index_path) {
    std::ifstream in(index_path, std::ios::binary);
    if (!in) return sim::Error{index_path, "expected a readable corpus index (CSV)"};
    const std::string directory = std::filesystem::path(index_path).parent_path().string();
    std::vector<CorpusEntry> entries;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string where = fmt::format("{}:{}", index_path, number);
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> fields = split_csv(line);
        if (fields == kColumns) continue;  // the header
        sim::Result<CorpusEntry> entry = parse_entry(fields, where, directory);
        if (!entry) return entry.error();
        entries.push_back(std::move(entry).value());
    }
    // An empty corpus holds nothing: "0 held" would read as a pass.
    if (entries.empty()) {
        return sim::Error{index_path, "expected at least one entry (scenario,seed,expect,"
                                      "fixed_by,note), got none"};
    }
    return entries;
}

sim::Result<std::vector<CorpusOutcome>> replay_corpus(
    const std::vector<CorpusEntry>& entries,
    const std::function<RunResult(const Scenario&, uint64_t, const RunOptions&)>& run) {
    std::vector<CorpusOutcome> outcomes;
    for (const CorpusEntry& entry : entries) {
        sim::Result<Scenario> scenario = load_scenario_file(entry.path);
        if (!scenario) {
            return sim::Error{entry.where, "scenario " + entry.scenario + ": " +
                                               scenario.error().message()};
        }
        CorpusOutcome outcome;
        outcome.entry = entry;
        outcome.expect = entry.expect.empty() ? scenario.value().expect.text() : entry.expect;
        RunOptions options;
        options.keep_history = false;
        outcome.result = run(scenario.value(), entry.seed, options);
        outcome.result.seed = entry.seed;
        const std::string prefix = "violation:";
        outcome.held = outcome.expect == "pass"
                           ? !outcome.result.failing
                           : outcome.result.shows(outcome.expect.substr(prefix.size()));
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

}  // namespace harness
