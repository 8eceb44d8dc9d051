// Jepsen's reading of uncertain operations: records on a fail or info poll row count as
// observed (version order, skips, unseen) without moving the position; a send
// acknowledged without an offset is placed where polls saw its value; an assign that
// leaves a partition out forgets the position there. Each rule with its near-miss twin.
#include <gtest/gtest.h>

#include "check_test_util.h"

namespace check {
namespace {

using testing::check_rule;
using testing::named;
using testing::rows;

constexpr std::string_view kThreeSends =
    "0,1,p1,ok,send,t,0,,a,0,\n"
    "1,2,p1,ok,send,t,0,,b,1,\n"
    "2,3,p1,ok,send,t,0,,c,2,\n";

TEST(UncertainPolls, AnInfoPollCanRevealASkip) {
    const Verdict verdict = check_history(rows(std::string(kThreeSends) +
                                               "3,10,c1,ok,poll,t,0,,a,0,\n"
                                               "4,20,c1,info,poll,t,0,,c,2,REQUEST_TIMED_OUT\n"
                                               "5,30,c1,ok,poll,t,0,,b,1,\n"
                                               "6,40,c1,ok,poll,t,0,,c,2,\n"));
    const std::vector<Anomaly> skips = named(verdict, "poll-skip");
    ASSERT_EQ(skips.size(), 1u) << render_text(verdict);
    EXPECT_EQ(skips[0].op_indices, (std::vector<int64_t>{3, 4}));
    // The info poll moved no position: the next ok poll of "b" is the next record.
    EXPECT_FALSE(verdict.has("nonmonotonic-poll")) << render_text(verdict);
}

TEST(UncertainPolls, AnInfoPollOfTheNextRecordIsNoSkip) {
    const Verdict verdict = check_history(rows(std::string(kThreeSends) +
                                               "3,10,c1,ok,poll,t,0,,a,0,\n"
                                               "4,20,c1,info,poll,t,0,,b,1,REQUEST_TIMED_OUT\n"
                                               "5,30,c1,ok,poll,t,0,,b,1,\n"
                                               "6,40,c1,ok,poll,t,0,,c,2,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(UncertainPolls, ARecordOnAFailedPollIsNotUnseen) {
    const Verdict verdict = check_history(rows(std::string(kThreeSends) +
                                               "3,10,c1,ok,poll,t,0,,a,0,\n"
                                               "4,20,c1,ok,poll,t,0,,b,1,\n"
                                               "5,30,c1,fail,poll,t,0,,c,2,TIMEOUT\n"));
    EXPECT_FALSE(verdict.has("unseen")) << render_text(verdict);
    const Verdict twin = check_history(rows(std::string(kThreeSends) +
                                            "3,10,c1,ok,poll,t,0,,a,0,\n"
                                            "4,20,c1,ok,poll,t,0,,b,1,\n"));
    EXPECT_TRUE(twin.has("unseen")) << render_text(twin);
}

TEST(UnplacedSends, AnAckWithoutAnOffsetIsPlacedByThePollsThatSawIt) {
    // p1 sent "a" then "b"; "b"'s ack carried no offset, yet the polls saw it before "a".
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,1,\n"
        "1,2,p1,ok,send,t,,,b,,\n"
        "2,3,c1,ok,poll,t,0,,b,0,\n"
        "3,4,c1,ok,poll,t,0,,a,1,\n"));
    const std::vector<Anomaly> found = named(verdict, "nonmonotonic-send");
    ASSERT_EQ(found.size(), 1u) << render_text(verdict);
    EXPECT_EQ(found[0].values, (std::vector<std::string>{"a", "b"}));
}

TEST(UnplacedSends, AnAckWithoutAnOffsetPolledAfterThePreviousSendPasses) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p1,ok,send,t,,,b,,\n"
        "2,3,c1,ok,poll,t,0,,a,0,\n"
        "3,4,c1,ok,poll,t,0,,b,1,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

constexpr std::string_view kSixSends =
    "0,1,p1,ok,send,t,0,,a,0,\n"
    "1,1,p1,ok,send,t,0,,b,1,\n"
    "2,1,p1,ok,send,t,0,,c,2,\n"
    "3,1,p1,ok,send,t,1,,x,0,\n"
    "4,2,c2,ok,poll,t,0,,a,0,\n"
    "5,2,c2,ok,poll,t,0,,b,1,\n"
    "6,2,c2,ok,poll,t,0,,c,2,\n"
    "7,3,c1,ok,assign,t,0,g,1,,\n"
    "8,3,c1,ok,assign,t,1,g,1,,\n"
    "9,4,c1,ok,poll,t,0,,a,0,\n";

TEST(Assignments, APartitionLeftOutOfAnAssignmentForgetsItsPosition) {
    // c1 loses t-0 (generation 2 lists only t-1), then reads t-0 again at "c": no skip.
    const Verdict verdict = check_history(rows(std::string(kSixSends) +
                                               "10,5,c1,ok,assign,t,1,g,2,,\n"
                                               "11,6,c1,ok,poll,t,1,,x,0,\n"
                                               "12,7,c1,ok,poll,t,0,,c,2,\n"));
    EXPECT_FALSE(verdict.has("poll-skip")) << render_text(verdict);
}

TEST(Assignments, APartitionKeptAcrossAnAssignmentKeepsItsPosition) {
    // The same reads with t-0 still owned (no new assignment): the skip is checked.
    const Verdict verdict = check_history(rows(std::string(kSixSends) +
                                               "10,6,c1,ok,poll,t,1,,x,0,\n"
                                               "11,7,c1,ok,poll,t,0,,c,2,\n"));
    const std::vector<Anomaly> skips = named(verdict, "poll-skip");
    ASSERT_EQ(skips.size(), 1u) << render_text(verdict);
    EXPECT_TRUE(verdict.failing());
}

}  // namespace
}  // namespace check
