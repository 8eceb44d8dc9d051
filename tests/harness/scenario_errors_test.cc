// Every mistake in a scenario file gives exactly one message, "file:line:col: expected
// ...", pointing at the key or value at fault. Each case pins the whole message.
#include <gtest/gtest.h>

#include <fstream>

#include "check/checker.h"
#include "harness/scenario/toml.h"

namespace harness {
namespace {

const std::string kHead = "name = \"n\"\nexpect = \"pass\"\n";  // lines 1-2
const std::string kTopic = "[[topics]]\nname = \"t\"\npartitions = 3\n";  // lines 3-5

std::string error_of(const std::string& text) {
    sim::Result<Scenario> scenario = load_scenario_string(text, "s.toml");
    return scenario.ok() ? "(loaded)" : scenario.error().message();
}

TEST(ScenarioErrors, UnknownKeySuggestsTheClosestKnownKey) {
    EXPECT_EQ(error_of(kHead + "descripton = \"d\"\n"),
              "s.toml:3:1: expected a key of the scenario (name, description, duration, seeds, "
              "expect, drain, cluster, topics, producers, consumers, faults, nemesis, steps, "
              "liveness, coverage), got \"descripton\"; did you mean \"description\"?");
}

TEST(ScenarioErrors, UnknownKeyFarFromAnyListsTheKnownKeys) {
    EXPECT_EQ(error_of(kHead + kTopic + "colour = 1\n"),
              "s.toml:6:1: expected a key of [[topics]] (name, partitions, replication_factor, "
              "config), got \"colour\"");
}

TEST(ScenarioErrors, UnknownKeyInsideAnInlineTableIsPlacedOnTheKey) {
    EXPECT_EQ(error_of(kHead + "[cluster]\nnetwork = { latency = \"1ms\", jiter = \"2ms\" }\n"),
              "s.toml:4:30: expected a key of [cluster.network] (latency, jitter), got "
              "\"jiter\"; did you mean \"jitter\"?");
}

TEST(ScenarioErrors, WrongTypeNamesTheKeyAndBothTypes) {
    EXPECT_EQ(error_of(kHead + "[[topics]]\nname = \"t\"\npartitions = \"10\"\n"),
              "s.toml:5:14: expected an integer for \"partitions\", got a string");
}

TEST(ScenarioErrors, DurationWithoutUnitIsRejected) {
    EXPECT_EQ(error_of(kHead + "duration = \"30\"\n"),
              "s.toml:3:12: expected a duration such as \"250us\", \"5s\" or \"1.5ms\" (units "
              "ns, us, ms, s, m, h, d), got \"30\"");
}

TEST(ScenarioErrors, MalformedRateIsRejected) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[producers]]\nname = \"p\"\ntopic = \"t\"\n"
                                        "rate = \"500 per second\"\n"),
              "s.toml:9:8: expected a rate such as \"500/s\" or \"1/250ms\", got \"500 per "
              "second\"");
}

TEST(ScenarioErrors, UnknownFaultKindListsTheKindsOfTheDesign) {
    EXPECT_EQ(error_of(kHead + "[[faults]]\nat = \"1s\"\nkind = \"crassh\"\n"),
              "s.toml:5:8: expected \"kind\" to be one of crash, power-loss, pause, isolate, "
              "partition-halves, partition-ring, partition-bridge, partition-one-way, delay, "
              "slow-disk, clock-skew, disk-stall, got \"crassh\"; did you mean \"crash\"?");
}

TEST(ScenarioErrors, MalformedTargetShowsTheSyntax) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[faults]]\nat = \"1s\"\nkind = \"crash\"\n"
                                        "target = \"leader(t)\"\n"),
              "s.toml:9:10: expected a target such as broker:N, controller:N, "
              "leader(topic,P), followers(topic,P), controller-leader, coordinator(group), "
              "consumer(group,N) or producer(name), got \"leader(t)\"");
}

TEST(ScenarioErrors, TargetOnAnUndeclaredTopicIsRejected) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[faults]]\nat = \"1s\"\nkind = \"crash\"\n"
                                        "target = \"leader(u,0)\"\n"),
              "s.toml:9:10: expected a declared topic (t), got \"u\"; did you mean \"t\"?");
}

TEST(ScenarioErrors, TargetPartitionBeyondTheTopicIsRejected) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[faults]]\nat = \"1s\"\nkind = \"crash\"\n"
                                        "target = \"followers(t,3)\"\n"),
              "s.toml:9:10: expected a partition of \"t\" in 0..2, got 3");
}

TEST(ScenarioErrors, TargetBrokerOutsideTheClusterIsRejected) {
    EXPECT_EQ(error_of(kHead + "[[faults]]\nat = \"1s\"\nkind = \"pause\"\n"
                               "target = \"broker:9\"\n"),
              "s.toml:6:10: expected a broker id of [cluster] (1, 2, 3), got 9");
}

TEST(ScenarioErrors, TargetOnAnUndeclaredGroupOrProducerIsRejected) {
    EXPECT_EQ(error_of(kHead + "[[faults]]\nat = \"1s\"\nkind = \"pause\"\n"
                               "target = \"coordinator(dash)\"\n"),
              "s.toml:6:10: expected a consumer group (none declared), got \"dash\"");
    EXPECT_EQ(error_of(kHead + "[[faults]]\nat = \"1s\"\nkind = \"pause\"\n"
                               "target = \"producer(p)\"\n"),
              "s.toml:6:10: expected a producer name (none declared), got \"p\"");
}

TEST(ScenarioErrors, ConsumerMemberBeyondTheGroupIsRejected) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[consumers]]\ngroup = \"g\"\nmembers = 2\n"
                                        "topic = \"t\"\n[[faults]]\nat = \"1s\"\n"
                                        "kind = \"pause\"\ntarget = \"consumer(g,3)\"\n"),
              "s.toml:13:10: expected a member of \"g\" in 1..2 (members are numbered from 1, "
              "as their processes g-1..g-2 are), got 3");
}

TEST(ScenarioErrors, ConsumerMemberZeroIsRejectedBecauseMembersCountFromOne) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[consumers]]\ngroup = \"g\"\nmembers = 2\n"
                                        "topic = \"t\"\n[[faults]]\nat = \"1s\"\n"
                                        "kind = \"pause\"\ntarget = \"consumer(g,0)\"\n"),
              "s.toml:13:10: expected a member of \"g\" in 1..2 (members are numbered from 1, "
              "as their processes g-1..g-2 are), got 0");
}

TEST(ScenarioErrors, ProducerOnAnUndeclaredTopicIsRejected) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[producers]]\nname = \"p\"\ntopic = \"tt\"\n"),
              "s.toml:8:9: expected a topic declared in [[topics]] or by a create-topic step "
              "(t), got \"tt\"; did you mean \"t\"?");
}

TEST(ScenarioErrors, OutputOnAnUndeclaredTopicIsRejected) {
    EXPECT_EQ(error_of(kHead + kTopic +
                       "[[consumers]]\ngroup = \"g\"\ntopic = \"t\"\noutput = \"o\"\n"),
              "s.toml:9:10: expected a topic declared in [[topics]], got \"o\"");
}

TEST(ScenarioErrors, TransactionalCommitWithoutAnOutputIsRejected) {
    EXPECT_EQ(error_of(kHead + kTopic +
                       "[[consumers]]\ngroup = \"g\"\ntopic = \"t\"\n"
                       "commit = \"transaction\"\n"),
              "s.toml:9:10: expected \"output\" with commit = \"transaction\"");
}

TEST(ScenarioErrors, TransactionalOutputNeedsIdempotence) {
    const std::string error =
        error_of(kHead + kTopic + "[[topics]]\nname = \"o\"\n" +
                 "[[consumers]]\ngroup = \"g\"\ntopic = \"t\"\noutput = \"o\"\n"
                 "commit = \"transaction\"\n"
                 "output_config = { \"enable.idempotence\" = false }\n");
    EXPECT_NE(error.find("s.toml:13:17: "), std::string::npos) << error;
    EXPECT_NE(error.find("transactional.id"), std::string::npos) << error;
}

TEST(ScenarioErrors, PartitionsBelowOneAreRejected) {
    EXPECT_EQ(error_of(kHead + "[[topics]]\nname = \"t\"\npartitions = 0\n"),
              "s.toml:5:14: expected \"partitions\" in 1..100000, got 0");
}

TEST(ScenarioErrors, ReplicationFactorAboveTheBrokerCountIsRejected) {
    EXPECT_EQ(error_of(kHead + "[[topics]]\nname = \"t\"\nreplication_factor = 4\n"),
              "s.toml:5:22: expected \"replication_factor\" in 1..3, got 4");
}

TEST(ScenarioErrors, TomlSyntaxErrorKeepsTheParserPosition) {
    EXPECT_EQ(error_of(kHead + "[cluster\n"),
              "s.toml:3:9: expected valid TOML: Error while parsing table header: expected "
              "']', saw '\\n'");
}

TEST(ScenarioErrors, MissingRequiredKeyIsReported) {
    EXPECT_EQ(error_of("expect = \"pass\"\n"), "s.toml:1:1: expected key \"name\" in the "
                                               "scenario");
}

TEST(ScenarioErrors, FaultAfterTheEndOfTheRunIsRejected) {
    EXPECT_EQ(error_of(kHead + "duration = \"5s\"\n[[faults]]\nat = \"5s\"\nkind = \"crash\"\n"),
              "s.toml:5:6: expected \"at\" before the end of the run (duration = \"5s\")");
}

TEST(ScenarioErrors, DuplicateTopicNamesAreRejected) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[topics]]\nname = \"t\"\n"),
              "s.toml:7:8: expected unique topic names, got \"t\" twice");
}

TEST(ScenarioErrors, KeysAndDataTogetherAreRejected) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[producers]]\nname = \"p\"\ntopic = \"t\"\n"
                                        "keys = \"k\"\ndata = \"d.csv\"\n"),
              "s.toml:10:8: expected either \"keys\" or \"data\", not both");
}

TEST(ScenarioErrors, UnknownAnomalyInExpectIsRejected) {
    EXPECT_EQ(error_of("name = \"n\"\nexpect = \"violation:lost-writes\"\n"),
              "s.toml:2:10: expected \"pass\" or \"violation:<anomaly>\" with an anomaly among "
              "inconsistent-offsets, duplicate, lost-write, unseen, G1a, nonmonotonic-send, "
              "int-send-skip, nonmonotonic-poll, poll-skip, int-poll-skip, key-order, "
              "group-overlap, committed-regress, delivery, client-error, G0, G1c, precommitted-read, "
              "empty-history, no-progress, liveness, got \"violation:lost-writes\"");
}

TEST(ScenarioErrors, EveryRegisteredAnomalyCanBeExpected) {
    // The loader's names are check's registry: a checker added there is nameable here.
    for (std::string_view name : check::anomaly_names()) {
        const std::string text = "name = \"n\"\nexpect = \"violation:" + std::string(name) + "\"\n";
        EXPECT_EQ(error_of(text), "(loaded)") << name;
    }
}

TEST(ScenarioErrors, MissingDataFileIsReportedAtTheDataKey) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[producers]]\nname = \"p\"\ntopic = \"t\"\n"
                                        "data = \"nope.csv\"\n"),
              "s.toml:9:8: expected a readable CSV data file at \"nope.csv\"");
}

TEST(ScenarioErrors, UnknownNemesisKindIsPlacedOnTheArrayItem) {
    EXPECT_EQ(error_of(kHead + "[nemesis]\nkinds = [\"crash\", \"pauze\"]\nevery = \"1s\"\n"),
              "s.toml:4:19: expected a fault kind (crash, power-loss, pause, isolate, "
              "partition-halves, partition-ring, partition-bridge, partition-one-way, delay, "
              "slow-disk, clock-skew, disk-stall), got \"pauze\"; did you mean \"pause\"?");
}

TEST(ScenarioErrors, DiskStallWithoutADurationIsRejected) {
    EXPECT_EQ(error_of(kHead + "[[faults]]\nat = \"1s\"\nkind = \"disk-stall\"\n"
                               "target = \"broker:1\"\n"),
              "s.toml:3:1: expected a valid disk-stall fault: fault \"disk-stall\" needs a "
              "\"duration\" longer than 0 (\"2s\")");
}

TEST(ScenarioErrors, FaultKeyUnknownToItsKindIsCheckedBySimsRegistry) {
    EXPECT_EQ(error_of(kHead + "[[faults]]\nat = \"1s\"\nkind = \"delay\"\n"
                               "target = \"broker:1\"\nprobability = 3\n"),
              "s.toml:7:1: expected a valid delay fault: fault \"delay\": unknown key "
              "\"probability\" (expected one of: kind, at, duration, target, latency, jitter)");
}

TEST(ScenarioErrors, BadFaultValueIsPlacedOnItsKey) {
    EXPECT_EQ(error_of(kHead + "[[faults]]\nat = \"1s\"\nkind = \"clock-skew\"\n"
                               "target = \"broker:1\"\nskew = \"lots\"\n"),
              "s.toml:7:8: expected a valid clock-skew fault: fault \"clock-skew\", key "
              "\"skew\": expected a duration such as \"250us\", \"5s\" or \"1.5ms\" (units "
              "ns, us, ms, s, m, h, d), got \"lots\"");
}

TEST(ScenarioErrors, FaultOnChosenNodesNeedsATarget) {
    EXPECT_EQ(error_of(kHead + "[[faults]]\nat = \"1s\"\nkind = \"crash\"\n"),
              "s.toml:3:1: expected a \"target\" for a crash fault (broker:N, "
              "leader(topic,P), consumer(group,N), ...)");
}

TEST(ScenarioErrors, MalformedDataRowIsPlacedInTheDataFile) {
    std::string dir = ::testing::TempDir();
    std::ofstream(dir + "bad_rows.csv") << "key,value\na,1\nb\n";
    sim::Result<Scenario> scenario = load_scenario_string(
        kHead + kTopic + "[[producers]]\nname = \"p\"\ntopic = \"t\"\ndata = \"bad_rows.csv\"\n",
        dir + "s.toml");
    ASSERT_FALSE(scenario.ok());
    EXPECT_EQ(scenario.error().message(),
              dir + "bad_rows.csv:3:1: expected 2 columns as in the header, got 1");
}

TEST(ScenarioErrors, MissingScenarioFileIsBadInput) {
    sim::Result<Scenario> scenario = load_scenario_file("/nonexistent/x.toml");
    ASSERT_FALSE(scenario.ok());
    EXPECT_EQ(scenario.error().message(), "/nonexistent/x.toml: expected a readable scenario "
                                          "file");
}

TEST(ScenarioErrors, DeviceAsScenarioFileIsBadInputNotAnEndlessRead) {
    sim::Result<Scenario> scenario = load_scenario_file("/dev/zero");
    ASSERT_FALSE(scenario.ok());
    EXPECT_EQ(scenario.error().message(), "/dev/zero: expected a readable scenario file");
}

TEST(ScenarioErrors, DeviceAsDataFileIsBadInputNotAnEndlessRead) {
    EXPECT_EQ(error_of(kHead + kTopic + "[[producers]]\nname = \"p\"\ntopic = \"t\"\n"
                                        "data = \"/dev/zero\"\n"),
              "s.toml:9:8: expected a readable CSV data file at \"/dev/zero\"");
}

TEST(ScenarioErrors, SeedCountAboveTheSweepLimitIsRejected) {
    EXPECT_EQ(error_of(kHead + "seeds = 1000001\n"),
              "s.toml:3:9: expected \"seeds\" in 1..1000000, got 1000001");
}

}  // namespace
}  // namespace harness
