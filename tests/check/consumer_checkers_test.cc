// The consumer-side checkers (group-overlap, committed-regress, delivery): when ownership
// ends, which commits are ordered, and how each delivery guarantee is held to.
#include <gtest/gtest.h>

#include "check_test_util.h"

namespace check {
namespace {

using testing::named;
using testing::names;
using testing::check_rule;
using testing::rows;

TEST(GroupOverlap, EndsWhenAMemberCrashes) {
    const Verdict verdict = check_rule(rows(
        "0,1,c1,ok,assign,t,0,g,3,,\n"
        "1,2,c1,info,crash,,,,,,\n"
        "2,3,c2,ok,assign,t,0,g,3,,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(GroupOverlap, EndsWhenTheMemberIsAssignedSomethingElse) {
    const Verdict verdict = check_rule(rows(
        "0,1,c1,ok,assign,t,0,g,3,,\n"
        "1,2,c1,ok,assign,t,,g,3,,\n"
        "2,3,c2,ok,assign,t,0,g,3,,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(GroupOverlap, NeedsTheSameGeneration) {
    const Verdict verdict = check_rule(rows(
        "0,1,c1,ok,assign,t,0,g,3,,\n"
        "1,2,c2,ok,assign,t,0,g,4,,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(GroupOverlap, ManualAssignmentsMayShareAPartition) {
    const Verdict verdict = check_rule(rows(
        "0,1,c1,ok,assign,t,0,,,,\n"
        "1,2,c2,ok,assign,t,0,,,,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(GroupOverlap, OtherGroupsMayOwnThePartitionToo) {
    const Verdict verdict = check_rule(rows(
        "0,1,c1,ok,assign,t,0,g,3,,\n"
        "1,2,c2,ok,assign,t,0,h,3,,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(CommittedRegress, CommitsInFlightTogetherAreNotOrdered) {
    const Verdict verdict = check_rule(rows(
        "0,1,c1,invoke,commit,t,0,g,,10,\n"
        "1,2,c2,invoke,commit,t,0,g,,4,\n"
        "2,3,c1,ok,commit,t,0,g,,10,\n"
        "3,4,c2,ok,commit,t,0,g,,4,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(CommittedRegress, AnInvokeRowWithoutAnOffsetStillMarksWhenTheCommitWasAsked) {
    const Verdict verdict = check_rule(rows(
        "0,1,c2,invoke,commit,t,0,g,,,\n"
        "1,2,c1,ok,commit,t,0,g,,10,\n"
        "2,3,c2,ok,commit,t,0,g,,4,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(CommittedRegress, IsKeptPerGroupAndPartition) {
    const Verdict verdict = check_rule(rows(
        "0,1,c1,ok,commit,t,0,g,,10,\n"
        "1,2,c2,ok,commit,t,0,h,,4,\n"
        "2,3,c1,ok,commit,t,1,g,,2,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(CommittedRegress, AFailedCommitSetsNoFloor) {
    const Verdict verdict = check_rule(rows(
        "0,1,c1,fail,commit,t,0,g,,10,REBALANCE_IN_PROGRESS\n"
        "1,2,c2,ok,commit,t,0,g,,4,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

// c1 in group g reads a, b, c and processes a twice (a redelivery) and b and c once.
constexpr std::string_view kRedelivery =
    "0,0,c1,ok,assign,t,0,g,1,,\n"
    "1,1,p1,ok,send,t,0,,a,0,\n"
    "2,1,p1,ok,send,t,0,,b,1,\n"
    "3,1,p1,ok,send,t,0,,c,2,\n"
    "4,2,c1,ok,poll,t,0,,a,0,\n"
    "5,2,c1,ok,poll,t,0,,b,1,\n"
    "6,2,c1,ok,poll,t,0,,c,2,\n"
    "7,3,c1,ok,process,t,0,,a,0,\n"
    "8,4,c1,ok,process,t,0,,a,0,\n"
    "9,5,c1,ok,process,t,0,,b,1,\n"
    "10,6,c1,ok,process,t,0,,c,2,\n";

TEST(Delivery, AtLeastOnceAcceptsARecordProcessedTwice) {
    EXPECT_TRUE(check_rule(rows(kRedelivery)).anomalies.empty());
}

TEST(Delivery, AtMostOnceFlagsARecordProcessedTwice) {
    CheckOptions options;
    options.default_guarantee = Guarantee::AtMostOnce;
    const Verdict verdict = check_rule(rows(kRedelivery), options);
    const std::vector<Anomaly> delivery = named(verdict, "delivery");
    ASSERT_EQ(delivery.size(), 1u);
    EXPECT_EQ(delivery[0].description,
              "consumer \"g\" (at-most-once) processed 1 record more than once");
    EXPECT_EQ(delivery[0].op_indices, (std::vector<int64_t>{8}));
}

TEST(Delivery, AGroupsOwnGuaranteeOverridesTheDefault) {
    CheckOptions options;
    options.default_guarantee = Guarantee::AtLeastOnce;
    options.guarantees["g"] = Guarantee::ExactlyOnce;
    EXPECT_TRUE(check_rule(rows(kRedelivery), options).has("delivery"));
}

TEST(Delivery, AtMostOnceAcceptsARecordNeverProcessed) {
    CheckOptions options;
    options.default_guarantee = Guarantee::AtMostOnce;
    const Verdict verdict = check_rule(rows(
        "0,0,c1,ok,assign,t,0,g,1,,\n"
        "1,1,c1,ok,poll,t,0,,a,0,\n"
        "2,1,c1,ok,poll,t,0,,b,1,\n"
        "3,2,c1,ok,process,t,0,,b,1,\n"), options);
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(Delivery, AtLeastOnceStartsAtTheFirstProcessedOffset) {
    // A consumer that began at the latest offset owes nothing before it.
    const Verdict verdict = check_rule(rows(
        "0,0,c1,ok,poll,t,0,,a,0,\n"
        "1,1,c2,ok,poll,t,0,,b,1,\n"
        "2,1,c2,ok,process,t,0,,b,1,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(Delivery, WithoutLivenessOnlyRecordsUpToTheLastProcessedOneAreOwed) {
    const std::string history =
        "0,0,c1,ok,poll,t,0,,a,0,\n"
        "1,0,c1,ok,poll,t,0,,b,1,\n"
        "2,1,c1,ok,process,t,0,,a,0,\n";
    CheckOptions safety_only;
    safety_only.liveness = false;
    EXPECT_TRUE(check_rule(rows(history), safety_only).anomalies.empty());
    EXPECT_TRUE(check_rule(rows(history)).has("delivery"));
}

TEST(Delivery, AConsumerWithoutAGroupIsNamedByItsProcess) {
    const Verdict verdict = check_rule(rows(
        "0,0,c1,ok,poll,t,0,,a,0,\n"
        "1,0,c1,ok,poll,t,0,,b,1,\n"
        "2,0,c1,ok,poll,t,0,,c,2,\n"
        "3,1,c1,ok,process,t,0,,a,0,\n"
        "4,1,c1,ok,process,t,0,,c,2,\n"));
    const std::vector<Anomaly> delivery = named(verdict, "delivery");
    ASSERT_EQ(delivery.size(), 1u);
    EXPECT_EQ(delivery[0].description,
              "consumer \"c1\" (at-least-once) never processed 1 record the log held from "
              "offset 0");
    EXPECT_EQ(delivery[0].values, (std::vector<std::string>{"b"}));
}

TEST(Delivery, MembersOfOneGroupShareTheWork) {
    const Verdict verdict = check_rule(rows(
        "0,0,c1,ok,assign,t,0,g,1,,\n"
        "1,0,c2,ok,assign,t,1,g,1,,\n"
        "2,1,c1,ok,poll,t,0,,a,0,\n"
        "3,1,c2,ok,poll,t,0,,b,1,\n"
        "4,2,c1,ok,process,t,0,,a,0,\n"
        "5,2,c2,ok,process,t,0,,b,1,\n"));
    EXPECT_FALSE(verdict.has("delivery")) << render_text(verdict);
}

}  // namespace
}  // namespace check
