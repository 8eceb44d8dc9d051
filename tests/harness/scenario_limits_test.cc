// What a hostile but realistic scenario file tries (issue 17): names Kafka refuses, rates
// and durations past what the simulator can hold, zero durations that would silently mean
// something else. Each is one located message at load time, never an abort or a clamp.
#include <gtest/gtest.h>

#include "harness/scenario/toml.h"

namespace harness {
namespace {

const std::string kHead = "name = \"n\"\nexpect = \"pass\"\n";  // lines 1-2

std::string error_of(const std::string& text) {
    sim::Result<Scenario> scenario = load_scenario_string(text, "s.toml");
    return scenario.ok() ? "(loaded)" : scenario.error().message();
}

std::string topic_named(const std::string& name) {
    return kHead + "[[topics]]\nname = \"" + name + "\"\n";  // the name is on line 4
}

TEST(ScenarioLimits, TopicNamesFollowKafkasRuleAndWords) {
    EXPECT_EQ(error_of(topic_named(".")),
              "s.toml:4:8: expected a topic name Kafka accepts: Topic name is invalid: '.' is "
              "not allowed");
    EXPECT_EQ(error_of(topic_named("..")),
              "s.toml:4:8: expected a topic name Kafka accepts: Topic name is invalid: '..' is "
              "not allowed");
    EXPECT_EQ(error_of(topic_named("")),
              "s.toml:4:8: expected a topic name Kafka accepts: Topic name is invalid: the "
              "empty string is not allowed");
    EXPECT_EQ(error_of(topic_named("orders/eu")),
              "s.toml:4:8: expected a topic name Kafka accepts: Topic name is invalid: "
              "'orders/eu' contains one or more characters other than ASCII alphanumerics, "
              "'.', '_' and '-'");
    std::string long_name(250, 'a');
    EXPECT_EQ(error_of(topic_named(long_name)),
              "s.toml:4:8: expected a topic name Kafka accepts: Topic name is invalid: the "
              "length of '" +
                  long_name + "' is longer than the max allowed length 249");
    EXPECT_EQ(error_of(topic_named(std::string(249, 'a')) +
                       "[[producers]]\nname = \"p\"\n"
                       "topic = \"" +
                       std::string(249, 'a') + "\"\n"),
              "(loaded)");
    EXPECT_EQ(error_of(topic_named("a.b_c-D9")), "(loaded)");
}

std::string producer_at(const std::string& rate) {
    return kHead +
           "[[topics]]\nname = \"t\"\n[[producers]]\nname = \"p\"\ntopic = \"t\"\n"
           "rate = \"" +
           rate + "\"\n";  // the rate is on line 8
}

TEST(ScenarioLimits, RatesFasterThanOneRecordPerNanosecondAreRefusedNotClamped) {
    EXPECT_EQ(error_of(producer_at("2/ns")),
              "s.toml:8:8: expected a rate of at most one record per nanosecond, got \"2/ns\"");
    EXPECT_EQ(error_of(producer_at("2000000000/s")),
              "s.toml:8:8: expected a rate of at most one record per nanosecond, got "
              "\"2000000000/s\"");
    EXPECT_EQ(error_of(producer_at("0/s")),
              "s.toml:8:8: expected a rate > 0 (at least one record per period), got \"0/s\"");
    EXPECT_EQ(error_of(producer_at("1000/s")), "(loaded)");
}

TEST(ScenarioLimits, AWorkloadPlanningMoreRecordsThanMemoryHoldsIsRefused) {
    // `count` bounds what the rate would send.
    EXPECT_EQ(error_of("duration = \"30s\"\n" + producer_at("1/us") + "count = 900000\n"),
              "(loaded)");
    EXPECT_EQ(error_of("duration = \"30s\"\n" + producer_at("1/us")),
              "s.toml:6:1: expected at most 1000000 records planned by the producers (rate "
              "over the time they send, or count; about 2300 bytes each), got 30000000");
}

TEST(ScenarioLimits, DurationsHaveAMaximumAndOverflowSaysTooLarge) {
    EXPECT_EQ(error_of(kHead + "duration = \"2h\"\n"),
              "s.toml:3:12: expected a duration <= 1h, got \"2h\"");
    EXPECT_EQ(error_of(kHead + "drain = \"90min\"\n"),
              "s.toml:3:9: expected a drain <= 1h, got \"90min\"");
    EXPECT_EQ(error_of(kHead + "duration = \"99999999999999999999s\"\n"),
              "s.toml:3:12: expected a duration of at most 292 years, got "
              "\"99999999999999999999s\" (too large)");
}

const std::string kFaultHead =
    kHead +
    "[[topics]]\nname = \"t\"\n[[faults]]\nat = \"1s\"\nkind = \"crash\"\n"
    "target = \"broker:1\"\n";  // lines 3-8

TEST(ScenarioLimits, AFaultLastingZeroSecondsIsRefused) {
    EXPECT_EQ(error_of(kFaultHead + "duration = \"0s\"\n"), "s.toml:9:12: expected a duration > 0");
    EXPECT_EQ(error_of(kFaultHead + "duration = \"1ms\"\n"), "(loaded)");
}

TEST(ScenarioLimits, ANemesisFasterThanAMillisecondIsRefused) {
    std::string nemesis = kHead + "[nemesis]\nkinds = [\"pause\"]\nevery = ";  // line 5
    EXPECT_EQ(error_of(nemesis + "\"1ns\"\n"),
              "s.toml:5:9: expected a duration >= 1ms (one nemesis step per millisecond at "
              "most), got \"1ns\"");
    EXPECT_EQ(error_of(nemesis + "\"1ms\"\n"), "(loaded)");
}

TEST(ScenarioLimits, ABadBrokerIdShowsTheValueGiven) {
    std::string cluster = kHead + "[cluster]\nbroker_ids = [1, ";  // the ids are on line 4
    EXPECT_EQ(error_of(cluster + "-1]\n"),
              "s.toml:4:18: expected a broker id (an integer in 0..2147483647), got -1");
    EXPECT_EQ(error_of(cluster + "3000000000]\n"),
              "s.toml:4:18: expected a broker id (an integer in 0..2147483647), got 3000000000");
    EXPECT_EQ(error_of(cluster + "\"2\"]\n"),
              "s.toml:4:18: expected a broker id (an integer in 0..2147483647), got a string");
}

}  // namespace
}  // namespace harness
