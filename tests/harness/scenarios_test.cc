// Every scenario file under scenarios/ loads: a typo in the library fails here, not in
// a nightly sweep. (Their verdicts are checked by tests/scenarios once run() is wired.)
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/scenario/toml.h"

namespace harness {
namespace {

TEST(ScenarioLibrary, EveryScenarioFileLoads) {
    size_t files = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(KAFKASIM_SOURCE_DIR "/scenarios")) {
        if (entry.path().extension() != ".toml") continue;
        ++files;
        sim::Result<Scenario> scenario = load_scenario_file(entry.path().string());
        EXPECT_TRUE(scenario.ok()) << scenario.error().message();
    }
    EXPECT_GE(files, 1u);
}

TEST(ScenarioLibrary, EveryScenarioFileSurvivesToTomlAndBack) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(KAFKASIM_SOURCE_DIR "/scenarios")) {
        if (entry.path().extension() != ".toml") continue;
        std::string path = entry.path().string();
        sim::Result<Scenario> original = load_scenario_file(path);
        ASSERT_TRUE(original.ok()) << original.error().message();
        sim::Result<Scenario> written = load_scenario_string(to_toml(original.value()), path);
        ASSERT_TRUE(written.ok()) << written.error().message();
        EXPECT_EQ(written.value(), original.value()) << path;
    }
}

}  // namespace
}  // namespace harness
