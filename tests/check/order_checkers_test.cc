// The order checkers (poll-skip, int-poll-skip, nonmonotonic-poll, nonmonotonic-send,
// int-send-skip, key-order): the tolerance right after an assign, what counts as one poll
// call, gaps in offsets, and how a producer's send order is found.
#include <gtest/gtest.h>

#include "check_test_util.h"

namespace check {
namespace {

using testing::named;
using testing::names;
using testing::rows;

// Three records everyone knows about, read by c2 so no other checker complains.
constexpr std::string_view kThreeRecords =
    "0,1,p1,ok,send,t,0,,a,0,\n"
    "1,2,p1,ok,send,t,0,,b,1,\n"
    "2,3,p1,ok,send,t,0,,c,2,\n"
    "3,4,c2,ok,poll,t,0,,a,0,\n"
    "4,4,c2,ok,poll,t,0,,b,1,\n"
    "5,4,c2,ok,poll,t,0,,c,2,\n";

Verdict check_rows(std::string_view more) {
    return check_history(rows(std::string(kThreeRecords) + std::string(more)));
}

TEST(PollSkip, RightAfterAnAssignIsToleratedButReported) {
    const Verdict verdict = check_rows(
        "6,10,c1,ok,poll,t,0,,a,0,\n"
        "7,20,c1,ok,assign,t,0,g,2,,\n"
        "8,30,c1,ok,poll,t,0,,c,2,\n");
    const std::vector<Anomaly> skips = named(verdict, "poll-skip");
    ASSERT_EQ(skips.size(), 1u);
    EXPECT_TRUE(skips[0].after_assign);
    EXPECT_FALSE(verdict.failing()) << render_text(verdict);
}

TEST(PollSkip, ToleranceCoversOnlyTheFirstPollAfterTheAssign) {
    const Verdict verdict = check_rows(
        "6,10,c1,ok,poll,t,0,,a,0,\n"
        "7,20,c1,ok,assign,t,0,g,2,,\n"
        "8,30,c1,ok,poll,t,0,,b,1,\n"
        "9,40,c1,ok,poll,t,0,,a,0,\n"
        "10,50,c1,ok,poll,t,0,,c,2,\n");
    EXPECT_EQ(named(verdict, "nonmonotonic-poll").size(), 1u);
    EXPECT_EQ(named(verdict, "poll-skip").size(), 1u);
    EXPECT_TRUE(verdict.failing());
}

TEST(PollSkip, AnAssignOfOnlyAnotherPartitionForgetsThisOnesPosition) {
    // The assign rows are the member's whole assignment: t-0 was dropped, so its next
    // read starts afresh (Jepsen keeps only the positions an assign still covers).
    const Verdict verdict = check_rows(
        "6,10,c1,ok,poll,t,0,,a,0,\n"
        "7,20,c1,ok,assign,t,1,g,2,,\n"
        "8,30,c1,ok,poll,t,0,,c,2,\n");
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(PollSkip, AnotherProcessesAssignTeachesNothing) {
    const Verdict verdict = check_rows(
        "6,10,c1,ok,poll,t,0,,a,0,\n"
        "7,20,c3,ok,assign,t,0,g,2,,\n"
        "8,30,c1,ok,poll,t,0,,c,2,\n");
    EXPECT_TRUE(verdict.failing());
}

TEST(PollSkip, GapsWithNoKnownRecordAreNotSkips) {
    // Offsets 1..4 never held a value anyone saw (transaction markers, compaction).
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p1,ok,send,t,0,,b,5,\n"
        "2,3,c1,ok,poll,t,0,,a,0,\n"
        "3,4,c1,ok,poll,t,0,,b,5,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(PollSkip, RowsOfOnePollCallShareProcessAndTime) {
    // Same time but an invoke between them: two poll calls, so a poll-skip, not int-.
    const Verdict verdict = check_rows(
        "6,10,c1,ok,poll,t,0,,a,0,\n"
        "7,10,c1,invoke,poll,t,,,,,\n"
        "8,10,c1,ok,poll,t,0,,c,2,\n");
    EXPECT_EQ(names(verdict), std::set<std::string>{"poll-skip"});
}

TEST(NonmonotonicPoll, ReadingTheSameOffsetAgainIsNonmonotonic) {
    const Verdict verdict = check_rows(
        "6,10,c1,ok,poll,t,0,,b,1,\n"
        "7,20,c1,ok,poll,t,0,,b,1,\n");
    EXPECT_EQ(names(verdict), std::set<std::string>{"nonmonotonic-poll"});
}

TEST(NonmonotonicPoll, RightAfterAnAssignIsTolerated) {
    const Verdict verdict = check_rows(
        "6,10,c1,ok,poll,t,0,,c,2,\n"
        "7,20,c1,ok,assign,t,0,g,2,,\n"
        "8,30,c1,ok,poll,t,0,,a,0,\n");
    const std::vector<Anomaly> backwards = named(verdict, "nonmonotonic-poll");
    ASSERT_EQ(backwards.size(), 1u);
    EXPECT_TRUE(backwards[0].after_assign);
    EXPECT_FALSE(verdict.failing());
}

TEST(NonmonotonicPoll, GoingBackwardsInsideOnePollFailsEvenAfterAnAssign) {
    const Verdict verdict = check_rows(
        "6,20,c1,ok,assign,t,0,g,2,,\n"
        "7,30,c1,ok,poll,t,0,,b,1,\n"
        "8,30,c1,ok,poll,t,0,,a,0,\n");
    const std::vector<Anomaly> backwards = named(verdict, "nonmonotonic-poll");
    ASSERT_EQ(backwards.size(), 1u);
    EXPECT_FALSE(backwards[0].after_assign);
    EXPECT_TRUE(verdict.failing());
}

TEST(NonmonotonicSend, WithoutInvokeRowsTheAckOrderIsTheSendOrder) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,b,0,\n"
        "1,2,p1,ok,send,t,0,,a,1,\n"
        "2,3,c1,ok,poll,t,0,,b,0,\n"
        "3,3,c1,ok,poll,t,0,,a,1,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(IntSendSkip, IsOneAnomalyPerProcessAndPartition) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p2,ok,send,t,0,,b,1,\n"
        "2,3,p1,ok,send,t,0,,c,2,\n"
        "3,4,p2,ok,send,t,0,,d,3,\n"
        "4,5,p2,ok,send,t,0,,e,4,\n"
        "5,6,p1,ok,send,t,0,,f,5,\n"
        "6,7,c1,ok,poll,t,0,,a,0,\n"
        "7,7,c1,ok,poll,t,0,,b,1,\n"
        "8,7,c1,ok,poll,t,0,,c,2,\n"
        "9,7,c1,ok,poll,t,0,,d,3,\n"
        "10,7,c1,ok,poll,t,0,,e,4,\n"
        "11,7,c1,ok,poll,t,0,,f,5,\n"));
    const std::vector<Anomaly> skips = named(verdict, "int-send-skip");
    ASSERT_EQ(skips.size(), 2u);  // p1 twice (largest gap 2), p2 once
    EXPECT_EQ(skips[0].description,
              "p1's successive sends left gaps 2 times; the largest held 2 other records");
    EXPECT_EQ(skips[0].values, (std::vector<std::string>{"c", "f"}));
    EXPECT_FALSE(verdict.failing());
}

TEST(KeyOrder, FlagsRecordsOfOneKeyOutOfSendOrder) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,invoke,send,t,,truck_1,a,,\n"
        "1,2,p1,invoke,send,t,,truck_1,b,,\n"
        "2,3,p1,ok,send,t,0,truck_1,b,0,\n"
        "3,4,p1,ok,send,t,0,truck_1,a,1,\n"
        "4,5,c1,ok,poll,t,0,truck_1,b,0,\n"
        "5,5,c1,ok,poll,t,0,truck_1,a,1,\n"));
    EXPECT_EQ(names(verdict), (std::set<std::string>{"key-order", "nonmonotonic-send"}));
}

TEST(KeyOrder, IgnoresRecordsWithoutAKey) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p1,ok,send,t,1,,b,0,\n"
        "2,3,c1,ok,poll,t,0,,a,0,\n"
        "3,3,c1,ok,poll,t,1,,b,0,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(KeyOrder, PlacesATimedOutSendWhereAPollFoundIt) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,invoke,send,t,,k,a,,\n"
        "1,2,p1,invoke,send,t,,k,b,,\n"
        "2,3,p1,info,send,t,,k,a,,REQUEST_TIMED_OUT\n"
        "3,4,p1,ok,send,t,0,k,b,0,\n"
        "4,5,c1,ok,poll,t,0,k,b,0,\n"
        "5,5,c1,ok,poll,t,0,k,a,1,\n"));
    const std::vector<Anomaly> broken = named(verdict, "key-order");
    ASSERT_EQ(broken.size(), 1u);
    EXPECT_EQ(broken[0].op_indices, (std::vector<int64_t>{5, 3}));
}

}  // namespace
}  // namespace check
