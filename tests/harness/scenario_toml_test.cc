// Loading scenario files: the design.md §5 example yields every field as written, and
// what a file leaves out gets the documented defaults.
#include "harness/run/drain.h"
#include "harness/scenario/toml.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace harness {
namespace {

using namespace sim::literals;

const std::string kSource = KAFKASIM_SOURCE_DIR;

Scenario load_ok(const std::string& text, const std::string& file = "s.toml") {
    sim::Result<Scenario> scenario = load_scenario_string(text, file);
    EXPECT_TRUE(scenario.ok()) << (scenario.ok() ? "" : scenario.error().message());
    return scenario.ok() ? scenario.value() : Scenario{};
}

TEST(ScenarioToml, DesignExampleLoadsWithEveryFieldAsWritten) {
    sim::Result<Scenario> loaded = load_scenario_file(kSource + "/scenarios/trucks_gps.toml");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message();
    const Scenario& s = loaded.value();
    EXPECT_EQ(s.name, "leader-crash-acks-1");
    EXPECT_EQ(s.duration, 30_s);
    EXPECT_EQ(s.seeds, 200);
    EXPECT_EQ(s.expect.anomaly, "lost-write");
    EXPECT_FALSE(s.drain.has_value());  // derived from the configs (run_drain.h)
    EXPECT_EQ(s.cluster.broker_ids, (std::vector<int32_t>{1, 2, 3}));
    EXPECT_EQ(s.cluster.controllers, 3);
    EXPECT_EQ(s.cluster.network.latency, 1_ms);
    EXPECT_EQ(s.cluster.network.jitter, 300_us);
    EXPECT_EQ(s.cluster.disk.fsync_latency, 2_ms);
    EXPECT_EQ(s.cluster.config.at("replica.lag.time.max.ms"), "5000");
    ASSERT_EQ(s.topics.size(), 1u);
    EXPECT_EQ(s.topics[0].partitions, 10);
    EXPECT_EQ(s.topics[0].replication_factor, 3);
    EXPECT_EQ(s.topics[0].config.at("min.insync.replicas"), "2");
    EXPECT_EQ(s.topics[0].config.at("unclean.leader.election.enable"), "false");
    ASSERT_EQ(s.producers.size(), 1u);
    EXPECT_EQ(s.producers[0].rate, (Rate{500, 1_s}));
    ASSERT_EQ(s.producers[0].keys.size(), 50u);
    EXPECT_EQ(s.producers[0].keys.front(), "truck_1");
    EXPECT_EQ(s.producers[0].keys.back(), "truck_50");
    EXPECT_EQ(s.producers[0].config.at("acks"), "1");
    EXPECT_EQ(s.producers[0].config.at("enable.idempotence"), "false");
    ASSERT_EQ(s.consumers.size(), 1u);
    EXPECT_EQ(s.consumers[0].group, "dashboard");
    EXPECT_EQ(s.consumers[0].members, 4);
    EXPECT_EQ(s.consumers[0].commit, CommitMode::AfterProcessing);
    EXPECT_EQ(s.consumers[0].config.at("enable.auto.commit"), "false");
    ASSERT_EQ(s.faults.size(), 1u);
    EXPECT_EQ(s.faults[0].at, 10_s);
    EXPECT_EQ(s.faults[0].kind, "crash");
    EXPECT_EQ(s.faults[0].target, (FaultTarget{FaultTarget::Kind::Leader, 0, "trucks_gps"}));
    EXPECT_EQ(s.faults[0].duration, 5_s);
    ASSERT_TRUE(s.nemesis.has_value());
    EXPECT_EQ(s.nemesis->kinds, (std::vector<std::string>{"partition-halves", "crash", "pause"}));
    EXPECT_EQ(s.nemesis->every, 4_s);
    ASSERT_EQ(s.steps.size(), 1u);
    EXPECT_EQ(s.steps[0].action, StepAction::CreateTopic);
    EXPECT_EQ(s.steps[0].topic, "first_topic");
    EXPECT_EQ(s.steps[0].replication_factor, 2);
    EXPECT_EQ(s.steps[0].expect_error, "InvalidReplicationFactorException");
}

TEST(ScenarioToml, MissingKeysGetTheDocumentedDefaults) {
    Scenario s = load_ok("name = \"n\"\nexpect = \"pass\"\n[[topics]]\nname = \"t\"\n"
                         "[[producers]]\nname = \"p\"\ntopic = \"t\"\n"
                         "[[consumers]]\ntopic = \"t\"\n");
    EXPECT_TRUE(s.expect.expects_pass());
    EXPECT_FALSE(s.drain.has_value());
    EXPECT_EQ(drain_of(s), kMinimumDrain);  // no fault: nothing to recover from
    EXPECT_EQ(s.cluster.controllers, 0);
    EXPECT_EQ(s.topics[0].partitions, 1);
    EXPECT_TRUE(s.producers[0].keys.empty());
    EXPECT_FALSE(s.producers[0].count.has_value());
    EXPECT_EQ(s.consumers[0].group, "console-consumer-1");
    EXPECT_EQ(s.consumers[0].guarantee, Guarantee::AtLeastOnce);
    EXPECT_EQ(s.consumers[0].sink, SinkMode::None);
    EXPECT_FALSE(s.nemesis.has_value());
}

TEST(ScenarioToml, BrokerIdsAreKeptVerbatim) {
    Scenario s = load_ok("name = \"n\"\nexpect = \"pass\"\n[cluster]\n"
                         "broker_ids = [101, 102, 103]\n"
                         "[[faults]]\nat = \"1s\"\nkind = \"crash\"\ntarget = \"broker:102\"\n");
    EXPECT_EQ(s.cluster.broker_ids, (std::vector<int32_t>{101, 102, 103}));
    EXPECT_EQ(s.faults[0].target.number, 102);
}

TEST(ScenarioToml, ProducerDataIsReadRelativeToTheScenarioFile) {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "kafkasim_data_test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "gps.csv") << "truck_id,key,latitude\r\n7,truck_7,51.5\n\n8,truck_8,51.6\n";
    Scenario s = load_ok("name = \"n\"\nexpect = \"pass\"\n[[topics]]\nname = \"t\"\n"
                         "[[producers]]\nname = \"p\"\ntopic = \"t\"\ndata = \"gps.csv\"\n",
                         (dir / "s.toml").string());
    ASSERT_EQ(s.producers[0].data.size(), 2u);
    EXPECT_EQ(s.producers[0].data[0], (DataRecord{"truck_7", "7,truck_7,51.5"}));
    EXPECT_EQ(s.producers[0].data[1].key, "truck_8");
    EXPECT_EQ(s.producers[0].data_file, "gps.csv");
}

TEST(ScenarioToml, FaultKeysBeyondTheCommonOnesAreKeptForTheFault) {
    Scenario s = load_ok("name = \"n\"\nexpect = \"pass\"\n[[faults]]\nat = \"1s\"\n"
                         "kind = \"delay\"\ntarget = \"broker:1\"\nlatency = \"50ms\"\n"
                         "jitter = \"5ms\"\n[[faults]]\nat = \"2s\"\n"
                         "kind = \"partition-halves\"\n");
    EXPECT_EQ(s.faults[0].params.at("latency"), "50ms");
    EXPECT_EQ(s.faults[0].params.at("jitter"), "5ms");
    EXPECT_EQ(s.faults[0].where, "s.toml:3:1");
    EXPECT_EQ(s.faults[1].target.kind, FaultTarget::Kind::None);
    sim::FaultSpec spec = sim_fault_spec(s.faults[0]);
    EXPECT_EQ(spec.at("kind"), "delay");
    EXPECT_EQ(spec.at("at"), "1s");
    EXPECT_EQ(spec.at("target"), "broker:1");
    EXPECT_EQ(spec.at("latency"), "50ms");
}

TEST(ScenarioToml, LivenessAndNemesisTargetsAreKept) {
    Scenario s = load_ok("name = \"n\"\nexpect = \"violation:liveness\"\n"
                         "[nemesis]\nkinds = [\"isolate\"]\nevery = \"2s\"\n"
                         "targets = [\"controller-leader\", \"broker:1\"]\n"
                         "[liveness]\nafter = \"20s\"\nwithin = \"30s\"\n");
    ASSERT_TRUE(s.liveness.has_value());
    EXPECT_EQ(s.liveness->after, 20_s);
    EXPECT_EQ(s.liveness->within, 30_s);
    ASSERT_EQ(s.nemesis->targets.size(), 2u);
    EXPECT_EQ(s.nemesis->targets[0].kind, FaultTarget::Kind::ControllerLeader);
}

TEST(ScenarioToml, TopicsCreatedByStepsCanBeProducedTo) {
    Scenario s = load_ok("name = \"n\"\nexpect = \"pass\"\n[[steps]]\nat = \"1s\"\n"
                         "do = \"create-topic\"\ntopic = \"first_topic\"\npartitions = 3\n"
                         "[[consumers]]\ntopic = \"first_topic\"\nfrom_beginning = true\n"
                         "partition = 2\n");
    EXPECT_TRUE(s.consumers[0].from_beginning);
    EXPECT_EQ(s.consumers[0].partition, 2);
}

TEST(FaultTarget, EverySyntaxParsesAndPrintsBack) {
    for (const char* text : {"broker:2", "controller:1", "leader(trucks_gps,0)",
                             "followers(trucks_gps,3)", "controller-leader",
                             "coordinator(dashboard)", "consumer(dashboard,2)",
                             "producer(trucks)"}) {
        sim::Result<FaultTarget> target = parse_fault_target(text);
        ASSERT_TRUE(target.ok()) << text;
        EXPECT_EQ(target.value().text(), text);
    }
    for (const char* text : {"broker:", "broker:x", "leader(t)", "leader(t,-1)", "coordinator()",
                             "producer(a,1)", "queen(t,0)", "leader(t,0"}) {
        EXPECT_FALSE(parse_fault_target(text).ok()) << text;
    }
}

TEST(KeyPattern, RangeExpandsAndPlainTextIsOneKey) {
    EXPECT_EQ(expand_key_pattern("k{2..4}x").value(),
              (std::vector<std::string>{"k2x", "k3x", "k4x"}));
    EXPECT_EQ(expand_key_pattern("solo").value(), (std::vector<std::string>{"solo"}));
    EXPECT_FALSE(expand_key_pattern("k{5..1}").ok());
    EXPECT_FALSE(expand_key_pattern("k{1..2}{1..2}").ok());
}

}  // namespace
}  // namespace harness
