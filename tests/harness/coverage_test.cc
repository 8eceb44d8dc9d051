// Coverage of faults × protocol states (issue 10). Goal: a green sweep must say which
// protocol states its faults reached. Method: the summary counts seeds and hits per probe
// of core/common/probes.def from each run's probe counts; [coverage] require names are
// checked where written; `--require-coverage` turns a missed required probe into exit 1.
// The last tests run the real simulator: a probe that cannot fire in a scenario
// (unclean election with unclean.leader.election.enable=false) is reported as never
// fired, while the same probe fires once the config allows it.
#include "harness/trust/coverage.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <set>

#include "harness/report/report.h"
#include "harness/run/sweep.h"
#include "harness/scenario/toml.h"

namespace harness {
namespace {

RunResult with_probes(uint64_t seed, std::map<std::string, uint64_t> probes) {
    RunResult result;
    result.seed = seed;
    result.probes = std::move(probes);
    return result;
}

const ProbeCoverage& entry(const Coverage& coverage, const std::string& name) {
    for (const ProbeCoverage& probe : coverage.probes) {
        if (probe.name == name) return probe;
    }
    ADD_FAILURE() << "no entry for " << name;
    return coverage.probes.front();
}

TEST(Coverage, CountsSeedsAndHitsPerProbe) {
    Coverage coverage = summarize_coverage(
        {with_probes(1, {{"unclean-leader-election", 3}}),
         with_probes(2, {{"unclean-leader-election", 1}, {"isr-shrink-to-min-insync", 2}}),
         with_probes(3, {})});
    EXPECT_EQ(coverage.seeds_run, 3u);
    EXPECT_EQ(entry(coverage, "unclean-leader-election").seeds, 2u);
    EXPECT_EQ(entry(coverage, "unclean-leader-election").hits, 4u);
    EXPECT_EQ(entry(coverage, "isr-shrink-to-min-insync").seeds, 1u);
}

TEST(Coverage, ListsEveryKnownProbeThatNeverFired) {
    Coverage coverage = summarize_coverage({with_probes(1, {{"unclean-leader-election", 1}})});
    std::vector<std::string> never = coverage.never_fired();
    EXPECT_EQ(never.size(), known_probe_names().size() - 1);
    EXPECT_EQ(std::count(never.begin(), never.end(), "unclean-leader-election"), 0);
    EXPECT_EQ(std::count(never.begin(), never.end(), "leader-change-during-acks-all-produce"), 1);
}

TEST(Coverage, KeepsAFiredNameMissingFromTheRegistryAsUnknown) {
    Coverage coverage = summarize_coverage({with_probes(1, {{"made-up-probe", 2}})});
    EXPECT_FALSE(entry(coverage, "made-up-probe").known);
    EXPECT_NE(format_coverage(coverage).find("made-up-probe"), std::string::npos);
}

TEST(Coverage, TableShowsSeedsFiredAndHitsThenTheNeverFiredList) {
    Coverage coverage = summarize_coverage({with_probes(1, {{"unclean-leader-election", 5}}),
                                            with_probes(2, {})});
    std::string table = format_coverage(coverage);
    EXPECT_NE(table.find("coverage (2 seeds)"), std::string::npos) << table;
    EXPECT_NE(table.find("unclean-leader-election"), std::string::npos) << table;
    EXPECT_NE(table.find("1/2"), std::string::npos) << table;
    EXPECT_LT(table.find("unclean-leader-election"), table.find("never fired")) << table;
    EXPECT_GT(table.find("controller-leader-change"), table.find("never fired")) << table;
}

TEST(Coverage, MissingNamesTheRequiredProbesThatNeverFired) {
    Coverage coverage = summarize_coverage({with_probes(1, {{"unclean-leader-election", 1}})});
    EXPECT_EQ(coverage.missing({"unclean-leader-election", "controller-leader-change"}),
              std::vector<std::string>{"controller-leader-change"});
}

TEST(Coverage, RegistryNamesAreUniqueAndKebabCase) {
    std::vector<std::string> names = known_probe_names();
    std::set<std::string> unique(names.begin(), names.end());
    EXPECT_EQ(unique.size(), names.size());
    for (const std::string& name : names) {
        EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-"),
                  std::string::npos)
            << name;
    }
}

ScenarioReport report_with_probes() {
    Scenario scenario;
    scenario.name = "s";
    std::vector<RunResult> results = {with_probes(1, {{"unclean-leader-election", 2}}),
                                       with_probes(2, {{"unclean-leader-election", 1}})};
    return make_report(scenario, {1, 2}, results, [](uint64_t) { return std::string(); });
}

TEST(CoverageReport, JsonCarriesFiredProbesAndTheNeverFiredList) {
    nlohmann::json json = nlohmann::json::parse(report_json({report_with_probes()}));
    const nlohmann::json& coverage = json[0]["coverage"];
    EXPECT_EQ(coverage["seeds_run"], 2);
    EXPECT_EQ(coverage["fired"]["unclean-leader-election"]["seeds"], 2);
    EXPECT_EQ(coverage["fired"]["unclean-leader-election"]["hits"], 3);
    EXPECT_EQ(coverage["never_fired"].size(), known_probe_names().size() - 1);
    EXPECT_EQ(json[0]["runs"][0]["probes"]["unclean-leader-election"], 2);
}

TEST(CoverageReport, MarkdownHasAProbeTableAndTheNeverFiredList) {
    std::string markdown = report_markdown({report_with_probes()});
    EXPECT_NE(markdown.find("| unclean-leader-election | 2 | 3 |"), std::string::npos)
        << markdown;
    EXPECT_NE(markdown.find("Never fired: leader-change-during-acks-all-produce, "),
              std::string::npos)
        << markdown;
}

TEST(Coverage, CoreHitsProbesOnlyThroughTheRegistry) {
    // A free-text env.probe("...") would fire a name no scenario can require and no
    // never-fired list can show; core/ must use core::hit(env, Probe::...).
    std::vector<std::string> offenders;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(KAFKASIM_SOURCE_DIR "/core")) {
        if (entry.path().extension() != ".cc" && entry.path().extension() != ".h") continue;
        std::stringstream text;
        text << std::ifstream(entry.path()).rdbuf();
        if (text.str().find("probe(\"") != std::string::npos) {
            offenders.push_back(entry.path().string());
        }
    }
    EXPECT_TRUE(offenders.empty()) << offenders.front();
}

const char* const kScenario = R"(name = "s"
expect = "pass"
[[topics]]
name = "t"
[coverage]
require = ["unclean-leader-election", "controller-leader-change"]
)";

TEST(CoverageScenario, RequireListLoadsAndWritesBack) {
    auto scenario = load_scenario_string(kScenario);
    ASSERT_TRUE(scenario.ok()) << scenario.error().message();
    EXPECT_EQ(scenario.value().coverage.require,
              (std::vector<std::string>{"unclean-leader-election", "controller-leader-change"}));
    auto again = load_scenario_string(to_toml(scenario.value()));
    ASSERT_TRUE(again.ok()) << again.error().message();
    EXPECT_EQ(again.value(), scenario.value());
}

TEST(CoverageScenario, UnknownProbeIsRejectedWhereWrittenWithASuggestion) {
    auto scenario = load_scenario_string(R"(name = "s"
expect = "pass"
[coverage]
require = ["unclean-leader-electon"]
)", "f.toml");
    ASSERT_FALSE(scenario.ok());
    const std::string message = scenario.error().message();
    EXPECT_EQ(message.rfind("f.toml:4:12: expected a probe of core/common/probes.def", 0), 0u)
        << message;
    EXPECT_NE(message.find("did you mean \"unclean-leader-election\""), std::string::npos)
        << message;
}

TEST(CoverageScenario, RequireMustBeAnArrayOfNames) {
    auto scenario = load_scenario_string("name = \"s\"\nexpect = \"pass\"\n[coverage]\n"
                                         "require = \"unclean-leader-election\"\n",
                                         "f.toml");
    ASSERT_FALSE(scenario.ok());
    EXPECT_NE(scenario.error().message().find("f.toml:4:11: expected key \"require\""),
              std::string::npos)
        << scenario.error().message();
}

}  // namespace
}  // namespace harness
