// The verdict: which anomalies fail a run (design.md §6, as Jepsen judges), the text and
// JSON renderings, the exit code, guarantee names, and the registry's list of anomalies.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "check_test_util.h"

namespace check {
namespace {

Anomaly anomaly(std::string name, bool after_assign = false) {
    Anomaly out;
    out.name = std::move(name);
    out.topic = "t";
    out.partition = 2;
    out.description = "something happened";
    out.op_indices = {4, 9};
    out.offsets = {7};
    out.values = {"v"};
    out.times_ns = {100, 200};
    out.after_assign = after_assign;
    return out;
}

TEST(Verdict, IntSendSkipNeverFails) {
    EXPECT_FALSE(is_failing(anomaly("int-send-skip")));
    EXPECT_FALSE(Verdict{{anomaly("int-send-skip")}}.failing());
}

TEST(Verdict, PollSkipAndNonmonotonicPollFailUnlessRightAfterAnAssign) {
    EXPECT_TRUE(is_failing(anomaly("poll-skip")));
    EXPECT_TRUE(is_failing(anomaly("nonmonotonic-poll")));
    EXPECT_FALSE(is_failing(anomaly("poll-skip", true)));
    EXPECT_FALSE(is_failing(anomaly("nonmonotonic-poll", true)));
}

TEST(Verdict, EveryOtherAnomalyFailsEvenAfterAnAssign) {
    for (const char* name : {"lost-write", "int-poll-skip", "unseen", "delivery", "G1a"}) {
        EXPECT_TRUE(is_failing(anomaly(name, true))) << name;
    }
}

TEST(Verdict, ExitCodeIsOneOnlyWhenSomethingFails) {
    EXPECT_EQ(Verdict{}.exit_code(), 0);
    EXPECT_EQ(Verdict{{anomaly("poll-skip", true)}}.exit_code(), 0);
    const Verdict failing{{anomaly("poll-skip", true), anomaly("duplicate")}};
    EXPECT_EQ(failing.exit_code(), 1);
}

TEST(Verdict, CountsByNameAndByFailingName) {
    const Verdict verdict{{anomaly("poll-skip", true), anomaly("poll-skip"), anomaly("G1a")}};
    const std::map<std::string, int64_t> all{{"G1a", 1}, {"poll-skip", 2}};
    EXPECT_EQ(verdict.counts(), all);
    EXPECT_EQ(verdict.failing_counts(),
              (std::map<std::string, int64_t>{{"G1a", 1}, {"poll-skip", 1}}));
}

TEST(RenderText, PrintsOneLinePerAnomalyWithEvidenceThenTheVerdict) {
    const Verdict verdict{{anomaly("lost-write"), anomaly("poll-skip", true)}};
    EXPECT_EQ(render_text(verdict),
              "lost-write t-2: something happened [ops 4, 9; offsets 7; values \"v\"; "
              "times_ns 100, 200]\n"
              "poll-skip t-2: something happened [ops 4, 9; offsets 7; values \"v\"; "
              "times_ns 100, 200] (tolerated: right after an assign)\n"
              "verdict: FAIL (lost-write 1)\n");
}

TEST(RenderText, SaysPassWhenNothingFails) {
    EXPECT_EQ(render_text(Verdict{}), "verdict: PASS (no anomalies)\n");
    EXPECT_EQ(render_text(Verdict{{anomaly("int-send-skip")}}).substr(0, 13), "int-send-skip");
}

TEST(RenderText, CapsTheLinesPerNameAndCountsTheRest) {
    const Verdict verdict{{anomaly("duplicate"), anomaly("duplicate"), anomaly("duplicate")}};
    const std::string text = render_text(verdict, 1);
    EXPECT_NE(text.find("... and 2 more duplicate\n"), std::string::npos) << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);
}

TEST(RenderJson, CarriesEachAnomalyWithItsEvidenceAndWhetherItFails) {
    const Verdict verdict{{anomaly("poll-skip", true), anomaly("G1a")}};
    const nlohmann::json json = nlohmann::json::parse(render_json(verdict));
    EXPECT_EQ(json["failing"], true);
    EXPECT_EQ(json["counts"]["poll-skip"], 1);
    ASSERT_EQ(json["anomalies"].size(), 2u);
    EXPECT_EQ(json["anomalies"][0]["failing"], false);
    EXPECT_EQ(json["anomalies"][0]["after_assign"], true);
    EXPECT_EQ(json["anomalies"][1]["name"], "G1a");
    EXPECT_EQ(json["anomalies"][1]["partition"], 2);
    EXPECT_EQ(json["anomalies"][1]["op_indices"], nlohmann::json::array({4, 9}));
}

TEST(Guarantee, ParsesTheScenarioNames) {
    EXPECT_EQ(parse_guarantee("at-most-once").value(), Guarantee::AtMostOnce);
    EXPECT_EQ(to_string(Guarantee::ExactlyOnce), "exactly-once");
    sim::Result<Guarantee> bad = parse_guarantee("twice");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message(),
              "expected at-least-once, at-most-once or exactly-once, got \"twice\"");
}

}  // namespace
}  // namespace check
