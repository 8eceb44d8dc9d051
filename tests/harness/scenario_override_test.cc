// `--set` overrides: addressed by names, applied before validation (so a bad value is
// reported like a bad file, naming the flag), and a bad path names the key at fault.
#include <gtest/gtest.h>

#include "harness/scenario/toml.h"

namespace harness {
namespace {

using namespace sim::literals;

const std::string kScenario = KAFKASIM_SOURCE_DIR "/scenarios/trucks_gps.toml";

sim::Result<Scenario> load_with(const std::vector<std::string>& sets) {
    std::vector<Override> overrides;
    for (const std::string& set : sets) overrides.push_back(parse_override(set).value());
    return load_scenario_file(kScenario, overrides);
}

std::string error_with(const std::vector<std::string>& sets) {
    sim::Result<Scenario> scenario = load_with(sets);
    return scenario.ok() ? "(loaded)" : scenario.error().message();
}

TEST(Overrides, ConfigKeysWithDotsAreAddressedWhole) {
    Scenario s = load_with({"producers.trucks.config.acks=all",
                            "producers.trucks.config.enable.idempotence=true",
                            "topics.trucks_gps.config.min.insync.replicas=1"})
                     .value();
    EXPECT_EQ(s.producers[0].config.at("acks"), "all");
    EXPECT_EQ(s.producers[0].config.at("enable.idempotence"), "true");
    EXPECT_EQ(s.topics[0].config.at("min.insync.replicas"), "1");
}

TEST(Overrides, ScalarsAnywhereInTheTreeCanBeSet) {
    Scenario s = load_with({"cluster.brokers=5", "topics.trucks_gps.partitions=20",
                            "duration=60s", "faults.0.at=2s", "consumers.dashboard.members=2",
                            "cluster.network.latency=5ms"})
                     .value();
    EXPECT_EQ(s.cluster.broker_ids, (std::vector<int32_t>{1, 2, 3, 4, 5}));
    EXPECT_EQ(s.topics[0].partitions, 20);
    EXPECT_EQ(s.duration, 60_s);
    EXPECT_EQ(s.faults[0].at, 2_s);
    EXPECT_EQ(s.consumers[0].members, 2);
    EXPECT_EQ(s.cluster.network.latency, 5_ms);
}

TEST(Overrides, ValuesThatReadAsTomlKeepTheirType) {
    Scenario s = load_with({"nemesis.kinds=[\"crash\"]", "expect=\"pass\""}).value();
    EXPECT_EQ(s.nemesis->kinds, (std::vector<std::string>{"crash"}));
    EXPECT_TRUE(s.expect.expects_pass());
}

TEST(Overrides, NewKeysCanBeAddedToConfigTables) {
    Scenario s = load_with({"cluster.config.unclean.leader.election.enable=true"}).value();
    EXPECT_EQ(s.cluster.config.at("unclean.leader.election.enable"), "true");
}

TEST(Overrides, BadValueIsReportedAgainstTheFlag) {
    EXPECT_EQ(error_with({"topics.trucks_gps.partitions=0"}),
              "--set topics.trucks_gps.partitions=0: expected \"partitions\" in 1..100000, got 0");
    EXPECT_EQ(error_with({"duration=abc"}),
              "--set duration=abc: expected a duration such as \"250us\", \"5s\" or \"1.5ms\" "
              "(units ns, us, ms, s, m, h, d), got \"abc\"");
}

TEST(Overrides, UnknownNameInThePathSuggestsTheDeclaredOne) {
    EXPECT_EQ(error_with({"producers.truks.config.acks=all"}),
              "--set producers.truks.config.acks=all: expected a name of [[producers]] after "
              "\"producers\" (trucks), got \"truks\"; did you mean \"trucks\"?");
}

TEST(Overrides, UnknownKeyInThePathIsCaughtByValidation) {
    EXPECT_EQ(error_with({"cluster.brokerz=5"}),
              "--set cluster.brokerz=5: expected a key of [cluster] (brokers, broker_ids, "
              "controllers, network, disk, config), got \"brokerz\"; did you mean \"brokers\"?");
}

TEST(Overrides, PositionBeyondTheArrayIsRejected) {
    EXPECT_EQ(error_with({"faults.3.at=1s"}),
              "--set faults.3.at=1s: expected a position in [[faults]] (0..0) after \"faults\", "
              "got \"3\"");
}

TEST(Overrides, PathThroughAScalarIsRejected) {
    EXPECT_EQ(error_with({"duration.x=1"}),
              "--set duration.x=1: expected \"duration\" to be a table to set keys in, but it "
              "is a string");
}

TEST(Overrides, FlagWithoutEqualsIsRejected) {
    sim::Result<Override> parsed = parse_override("cluster.brokers");
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().message(),
              "--set cluster.brokers: expected KEY=VALUE, such as "
              "producers.trucks.config.acks=all");
}

}  // namespace
}  // namespace harness
