// The checkers about what the log holds (lost-write, inconsistent-offsets, duplicate,
// unseen, G1a): beyond the data files, the cases each definition must not flag and the
// evidence each one carries. Histories are CSV rows written in the test.
#include <gtest/gtest.h>

#include "check_test_util.h"

namespace check {
namespace {

using testing::named;
using testing::names;
using testing::check_rule;
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
        "3,40,c1,ok,poll,t,0,,a,0,\n"
        "4,50,c2,ok,poll,t,0,,c,2,\n"));
    const std::vector<Anomaly> lost = named(verdict, "lost-write");
    ASSERT_EQ(lost.size(), 1u);
    EXPECT_EQ(lost[0].values, (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(lost[0].op_indices, (std::vector<int64_t>{1, 4}));
    EXPECT_EQ(lost[0].offsets, (std::vector<int64_t>{1, 2}));
    EXPECT_EQ(lost[0].times_ns, (std::vector<int64_t>{20, 50}));
    EXPECT_EQ(lost[0].topic, "t");
    EXPECT_EQ(lost[0].partition, 0);
}

TEST(LostWrite, RecordsBeforeTheFirstPolledOffsetMayPredateALatestConsumer) {
    // The only consumer started at offset 1 (auto.offset.reset = latest): the scenario
    // does not list the topic as read from the start.
    CheckOptions options;
    options.topics_read_from_start = std::set<std::string>{};
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p1,ok,send,t,0,,b,1,\n"
        "2,3,c1,ok,poll,t,0,,b,1,\n"), options);
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(LostWrite, CountsOffsetsBelowTheFirstPolledOneWhenConsumersReadFromTheStart) {
    // Jepsen's definition: "a" at offset 0 was acknowledged, offset 1 was read, "a" never.
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p1,ok,send,t,0,,b,1,\n"
        "2,3,c1,ok,poll,t,0,,b,1,\n"));
    const std::vector<Anomaly> lost = named(verdict, "lost-write");
    ASSERT_EQ(lost.size(), 1u) << render_text(verdict);
    EXPECT_EQ(lost[0].values, (std::vector<std::string>{"a", "b"}));
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
    const Verdict verdict = check_rule(rows("0,1,p1,ok,send,t,0,,a,0,\n"), options);
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(Unseen, CountsEachPartitionOnce) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,z,0,\n"
        "1,1,p1,ok,send,t,1,,y,0,\n"
        "2,1,c1,ok,poll,t,0,,z,0,\n"
        "3,1,c1,ok,poll,t,1,,y,0,\n"
        "4,2,p1,ok,send,t,0,,a,1,\n"
        "5,2,p1,ok,send,t,0,,b,2,\n"
        "6,3,p1,ok,send,t,0,,c,3,\n"
        "7,4,p1,ok,send,t,1,,d,1,\n"
        "8,5,p1,fail,send,t,,,e,,NOT_ENOUGH_REPLICAS\n"));
    const std::vector<Anomaly> unseen = named(verdict, "unseen");
    ASSERT_EQ(unseen.size(), 2u);
    EXPECT_EQ(unseen[0].description, "3 acknowledged records were never polled by the end of "
                                     "the history");
    EXPECT_EQ(unseen[0].values, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(unseen[1].partition, 1);
}

TEST(Unseen, OnlyCountsWhereConsumersWereReading) {
    // A consumer that started at offset 5 of t-0 owes nothing before it, nor in t-1,
    // which nobody read, nor in topic u. (It began at the end: t is not read from start.)
    CheckOptions options;
    options.topics_read_from_start = std::set<std::string>{};
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,4,\n"
        "1,1,p1,ok,send,t,1,,b,0,\n"
        "2,1,p1,ok,send,u,,,c,,\n"
        "3,2,p1,ok,send,t,0,,d,5,\n"
        "4,3,c1,ok,poll,t,0,,d,5,\n"), options);
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(G1a, AReadOfATimedOutSendIsNoAbortedRead) {
    const Verdict verdict = check_rule(rows(
        "0,1,p1,info,send,t,,,a,,REQUEST_TIMED_OUT\n"
        "1,2,c1,ok,poll,t,0,,a,0,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

}  // namespace
}  // namespace check
