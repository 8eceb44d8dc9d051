// The checkers about what the log holds (lost-write, inconsistent-offsets, duplicate,
// unseen, G1a): beyond the data files, the cases each definition must not flag and the
// evidence each one carries. Histories are CSV rows written in the test.
#include <gtest/gtest.h>

#include "check_test_util.h"

namespace check {
namespace {

using testing::named;
using testing::names;
using testing::rows;

TEST(LostWrite, IsNotFlaggedWhenNoLaterOffsetWasPolled) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p1,ok,send,t,0,,b,1,\n"
        "2,3,c1,ok,poll,t,0,,a,0,\n"));
    EXPECT_FALSE(verdict.has("lost-write"));
    EXPECT_TRUE(verdict.has("unseen"));  // "b" may simply not have been read yet
}

TEST(LostWrite, IgnoresSendsWithAnUnknownOutcome) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,info,send,t,,,a,,REQUEST_TIMED_OUT\n"
        "1,2,p1,ok,send,t,0,,b,1,\n"
        "2,3,c1,ok,poll,t,0,,b,1,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(LostWrite, EvidenceNamesTheSendAndThePollThatReadPastIt) {
    const Verdict verdict = check_history(rows(
        "0,10,p1,ok,send,t,0,,a,0,\n"
        "1,20,p1,ok,send,t,0,,b,1,\n"
        "2,30,p1,ok,send,t,0,,c,2,\n"
        "3,40,c1,ok,poll,t,0,,c,2,\n"
        "4,50,c1,ok,poll,t,0,,b,1,\n"));
    const std::vector<Anomaly> lost = named(verdict, "lost-write");
    ASSERT_EQ(lost.size(), 1u);
    EXPECT_EQ(lost[0].values, (std::vector<std::string>{"a", "c"}));
    EXPECT_EQ(lost[0].op_indices, (std::vector<int64_t>{0, 3}));
    EXPECT_EQ(lost[0].offsets, (std::vector<int64_t>{0, 2}));
    EXPECT_EQ(lost[0].times_ns, (std::vector<int64_t>{10, 40}));
    EXPECT_EQ(lost[0].topic, "t");
    EXPECT_EQ(lost[0].partition, 0);
}

TEST(LostWrite, ComesWithInconsistentOffsetsWhenTheOffsetWasReused) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p2,ok,send,t,0,,b,0,\n"
        "2,3,c1,ok,poll,t,0,,b,0,\n"));
    EXPECT_EQ(names(verdict),
              (std::set<std::string>{"inconsistent-offsets", "lost-write", "unseen"}));
}

TEST(InconsistentOffsets, OneValueReadAgainAtTheSameOffsetIsConsistent) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,c1,ok,poll,t,0,,a,0,\n"
        "2,3,c2,ok,poll,t,0,,a,0,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(InconsistentOffsets, SamePartitionNumberInAnotherTopicIsAnotherLog) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p1,ok,send,u,0,,b,0,\n"
        "2,3,c1,ok,poll,t,0,,a,0,\n"
        "3,4,c1,ok,poll,u,0,,b,0,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(Duplicate, AValueInTwoPartitionsIsADuplicate) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,c1,ok,poll,t,0,,a,0,\n"
        "2,3,c1,ok,poll,t,1,,a,0,\n"));
    const std::vector<Anomaly> duplicates = named(verdict, "duplicate");
    ASSERT_EQ(duplicates.size(), 1u);
    EXPECT_EQ(duplicates[0].values, (std::vector<std::string>{"a"}));
}

TEST(Unseen, IsNotCheckedWithoutLiveness) {
    CheckOptions options;
    options.liveness = false;
    const Verdict verdict = check_history(rows("0,1,p1,ok,send,t,0,,a,0,\n"), options);
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(Unseen, CountsEachPartitionOnce) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p1,ok,send,t,0,,b,1,\n"
        "2,3,p1,ok,send,t,0,,c,2,\n"
        "3,4,p1,ok,send,t,1,,d,0,\n"
        "4,5,p1,fail,send,t,,,e,,NOT_ENOUGH_REPLICAS\n"));
    const std::vector<Anomaly> unseen = named(verdict, "unseen");
    ASSERT_EQ(unseen.size(), 2u);
    EXPECT_EQ(unseen[0].description, "3 acknowledged records were never polled by the end of "
                                     "the history");
    EXPECT_EQ(unseen[0].values, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(unseen[1].partition, 1);
}

TEST(G1a, AReadOfATimedOutSendIsNoAbortedRead) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,info,send,t,,,a,,REQUEST_TIMED_OUT\n"
        "1,2,c1,ok,poll,t,0,,a,0,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

}  // namespace
}  // namespace check
