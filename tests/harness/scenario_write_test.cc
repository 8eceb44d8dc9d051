// to_toml writes a scenario file that loads back to an equal Scenario, whatever the
// scenario holds; shrink relies on this to print its minimal run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness/scenario/toml.h"

namespace harness {
namespace {

using namespace sim::literals;

Scenario round_trip(const Scenario& scenario, const std::string& file = "s.toml") {
    std::string text = to_toml(scenario);
    sim::Result<Scenario> loaded = load_scenario_string(text, file);
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message()) << "\n" << text;
    return loaded.ok() ? loaded.value() : Scenario{};
}

TEST(ScenarioWrite, DesignExampleRoundTrips) {
    Scenario original =
        load_scenario_file(KAFKASIM_SOURCE_DIR "/scenarios/trucks_gps.toml").value();
    EXPECT_EQ(round_trip(original), original);
}

TEST(ScenarioWrite, EveryOptionalFieldRoundTrips) {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "kafkasim_write_test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "d.csv") << "key,v\na,1\n";
    std::string file = (dir / "s.toml").string();
    Scenario original =
        load_scenario_string(
            "name = \"all \\\"quoted\\\" \\\\ fields\"\ndescription = \"tab\\there\"\n"
            "duration = \"1.5s\"\nseeds = 7\nexpect = \"violation:duplicate\"\n"
            "drain = \"0s\"\n[cluster]\nbroker_ids = [4, 2]\ncontrollers = 1\n"
            "[[topics]]\nname = \"t\"\npartitions = 4\nreplication_factor = 2\n"
            "[[steps]]\nat = \"1ms\"\ndo = \"list-topics\"\nexpect_output = \"t\"\n"
            "[[producers]]\nname = \"p\"\ntopic = \"t\"\nrate = \"3/250ms\"\n"
            "keys = [\"x\", \"y\"]\ncount = 10\nstart = \"1s\"\nstop = \"2s\"\nretries = 0\n"
            "config = { acks = \"all\", \"linger.ms\" = 5, \"client.id\" = \"007\" }\n"
            "[[producers]]\nname = \"q\"\ntopic = \"t\"\ndata = \"d.csv\"\n"
            "[[consumers]]\ngroup = \"g\"\nmembers = 3\ntopic = \"t\"\ncommit = \"auto\"\n"
            "guarantee = \"at-most-once\"\nsink = \"idempotent\"\nprocess_time = \"5ms\"\n"
            "[[faults]]\nat = \"1s\"\nkind = \"clock-skew\"\ntarget = \"consumer(g,1)\"\n"
            "skew = \"-5s\"\nduration = \"100ms\"\n"
            "[nemesis]\nkinds = [\"pause\"]\nevery = \"300ms\"\ntargets = [\"controller:1\"]\n"
            "[liveness]\nafter = \"1s\"\nwithin = \"2s\"\n",
            file)
            .value();
    Scenario written = round_trip(original, file);
    EXPECT_EQ(written, original);
    EXPECT_EQ(written.producers[1].data.size(), 1u);
    EXPECT_EQ(written.producers[0].config.at("client.id"), "007");
    EXPECT_EQ(written.consumers[0].sink, SinkMode::Idempotent);
}

TEST(ScenarioWrite, ConsumeTransformProduceKeysRoundTrip) {
    Scenario original =
        load_scenario_string(
            "name = \"n\"\nexpect = \"pass\"\n"
            "[[topics]]\nname = \"in\"\n[[topics]]\nname = \"out\"\n"
            "[[consumers]]\ngroup = \"etl\"\ntopic = \"in\"\noutput = \"out\"\n"
            "guarantee = \"exactly-once\"\n"
            "output_config = { \"transaction.timeout.ms\" = 10000 }\n"
            "[[consumers]]\ngroup = \"alo\"\ntopic = \"in\"\noutput = \"out\"\n"
            "[[consumers]]\ngroup = \"dup\"\ntopic = \"in\"\noutput = \"out\"\n"
            "guarantee = \"exactly-once\"\ncommit = \"after-processing\"\n",
            "s.toml")
            .value();
    Scenario written = round_trip(original);
    EXPECT_EQ(written, original);
    EXPECT_EQ(written.consumers[0].output, "out");
    // Exactly-once with an output commits in transactions unless `commit` says otherwise.
    EXPECT_EQ(written.consumers[0].commit, CommitMode::Transaction);
    EXPECT_EQ(written.consumers[0].output_config.at("transaction.timeout.ms"), "10000");
    EXPECT_EQ(written.consumers[1].commit, CommitMode::AfterProcessing);
    // An explicit after-processing under exactly-once survives the write.
    EXPECT_EQ(written.consumers[2].commit, CommitMode::AfterProcessing);
}

// Found by scenario_fuzz: an empty topic name was left out, and the written file no longer
// loaded ("expected key topic"). Kafka answers that name with InvalidTopicException.
TEST(ScenarioWrite, AStepOnAnEmptyTopicNameRoundTrips) {
    Scenario original =
        load_scenario_string(
            "name = \"empty\"\nexpect = \"pass\"\n[[steps]]\nat = \"1s\"\n"
            "do = \"create-topic\"\ntopic = \"\"\nexpect_error = \"InvalidTopicException\"\n",
            "s.toml")
            .value();
    EXPECT_EQ(round_trip(original), original);
}

TEST(ScenarioWrite, RateWithAUnitPeriodIsWrittenShort) {
    Scenario scenario =
        load_scenario_file(KAFKASIM_SOURCE_DIR "/scenarios/trucks_gps.toml").value();
    EXPECT_NE(to_toml(scenario).find("rate = \"500/s\""), std::string::npos);
}

}  // namespace
}  // namespace harness
