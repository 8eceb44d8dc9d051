// Reports: JUnit XML is well-formed (checked by Python's XML parser) and carries the
// replay line of each failing seed; JSON parses; files are written atomically.
#include "harness/report/report.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fake_run.h"

namespace harness {
namespace {

ScenarioReport report_for(const std::string& name, Expectation expect, uint64_t every) {
    Scenario scenario;
    scenario.name = name;
    scenario.source_file = "scenarios/x.toml";
    scenario.expect = expect;
    std::vector<uint64_t> seeds = {1, 2, 3, 4};
    std::vector<RunResult> results;
    for (uint64_t seed : seeds) {
        results.push_back(testing::fake_result(scenario, seed, every, "lost-write"));
    }
    return make_report(scenario, seeds, results, [](uint64_t seed) {
        return "kafkasim replay scenarios/x.toml --seed " + std::to_string(seed);
    });
}

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / name).string();
}

bool python_parses_xml(const std::string& xml) {
    std::string path = temp_path("kafkasim_junit_test.xml");
    std::ofstream(path) << xml;
    std::string command = std::string(KAFKASIM_PYTHON3) +
                          " -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' " +
                          path;
    return std::system(command.c_str()) == 0;
}

TEST(JunitReport, IsWellFormedXmlEvenWithMarkupInNames) {
    std::string xml = report_junit({report_for("a <b> & \"c\"", Expectation{}, 2),
                                    report_for("ok", Expectation{}, 100)});
    EXPECT_TRUE(python_parses_xml(xml)) << xml;
    EXPECT_NE(xml.find("tests=\"2\" failures=\"1\""), std::string::npos) << xml;
}

TEST(JunitReport, FailureCarriesTheReplayLineOfEachFailingSeed) {
    std::string xml = report_junit({report_for("s", Expectation{}, 2)});
    EXPECT_NE(xml.find("<testcase classname=\"s\" name=\"seeds 1..4\""), std::string::npos);
    EXPECT_NE(xml.find("message=\"expected pass, but 2 of 4 seeds failed: lost-write (2)\""),
              std::string::npos) << xml;
    EXPECT_NE(xml.find("kafkasim replay scenarios/x.toml --seed 2\n"), std::string::npos);
    EXPECT_NE(xml.find("kafkasim replay scenarios/x.toml --seed 4\n"), std::string::npos);
}

TEST(JunitReport, ExpectedViolationThatShowedUpIsNoFailure) {
    std::string xml = report_junit({report_for("s", Expectation{"lost-write"}, 2)});
    EXPECT_EQ(xml.find("<failure"), std::string::npos) << xml;
    std::string missing = report_junit({report_for("s", Expectation{"lost-write"}, 100)});
    EXPECT_NE(missing.find("expected violation:lost-write in seeds 1..4, but no seed showed it"),
              std::string::npos) << missing;
}

TEST(JsonReport, ParsesAndHoldsTheSummary) {
    nlohmann::json json = nlohmann::json::parse(report_json({report_for("s", Expectation{}, 2)}));
    ASSERT_EQ(json.size(), 1u);
    EXPECT_EQ(json[0]["seeds_run"], 4);
    EXPECT_EQ(json[0]["failing_seeds"], nlohmann::json::array({2, 4}));
    EXPECT_EQ(json[0]["first_failing_seed"], 2);
    EXPECT_EQ(json[0]["expectation_held"], false);
    EXPECT_EQ(json[0]["runs"].size(), 4u);
}

TEST(MarkdownReport, RowPerScenarioAndReplayLines) {
    std::string markdown = report_markdown({report_for("s", Expectation{}, 2)});
    EXPECT_NE(markdown.find("| s | pass | 1..4 | 2 | lost-write (2) | **unexpected** |"),
              std::string::npos) << markdown;
    EXPECT_NE(markdown.find("kafkasim replay scenarios/x.toml --seed 2"), std::string::npos);
}

}  // namespace
}  // namespace harness
