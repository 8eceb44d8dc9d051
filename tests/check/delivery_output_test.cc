// The delivery checker's consume-transform-produce half (check/delivery_output.cc): a group
// that turns each input record into an output record "<input>@<process>#<n>" is judged on
// its committed output (ok sends and what a read_committed verifier polled), not on process
// rows. Hand-written histories: one exactly-once run (an aborted transaction, then the
// batch again), one with an input written twice, one with an input never written.
#include <gtest/gtest.h>

#include "check/checker.h"
#include "check_test_util.h"

namespace check {
namespace {

using testing::named;
using testing::check_rule;
using testing::rows;

// Group "etl" (member e1) reads in-0 (a, b, c) and writes out-0; "check" (v1) verifies.
// The first transaction (a, b) aborts; e1 reads a and b again and commits a, b, c.
constexpr std::string_view kInput =
    "0,0,e1,ok,assign,in,0,etl,1,,\n"
    "1,0,v1,ok,assign,out,0,check,1,,\n"
    "2,1,p1,ok,send,in,0,,a,0,\n"
    "3,1,p1,ok,send,in,0,,b,1,\n"
    "4,1,p1,ok,send,in,0,,c,2,\n"
    "5,2,e1,ok,poll,in,0,,a,0,\n"
    "6,2,e1,ok,poll,in,0,,b,1,\n"
    "7,3,e1,invoke,send,out,,,a@e1#0,,\n"
    "8,3,e1,invoke,send,out,,,b@e1#1,,\n"
    "9,4,e1,fail,send,out,0,,a@e1#0,,transaction aborted: ILLEGAL_GENERATION\n"
    "10,4,e1,fail,send,out,0,,b@e1#1,,transaction aborted: ILLEGAL_GENERATION\n"
    "11,4,e1,ok,assign,in,0,etl,1,,\n"
    "12,5,e1,ok,poll,in,0,,a,0,\n"
    "13,5,e1,ok,poll,in,0,,b,1,\n"
    "14,5,e1,ok,poll,in,0,,c,2,\n";

constexpr std::string_view kExactlyOnceOutput =
    "15,6,e1,invoke,send,out,,,a@e1#2,,\n"
    "16,6,e1,invoke,send,out,,,b@e1#3,,\n"
    "17,6,e1,invoke,send,out,,,c@e1#4,,\n"
    "18,7,e1,ok,send,out,0,,a@e1#2,3,\n"
    "19,7,e1,ok,send,out,0,,b@e1#3,4,\n"
    "20,7,e1,ok,send,out,0,,c@e1#4,5,\n"
    "21,8,v1,ok,poll,out,0,,a@e1#2,3,\n"
    "22,8,v1,ok,poll,out,0,,b@e1#3,4,\n"
    "23,8,v1,ok,poll,out,0,,c@e1#4,5,\n";

CheckOptions exactly_once() {
    CheckOptions options;
    options.guarantees["etl"] = Guarantee::ExactlyOnce;
    return options;
}

TEST(OutputDelivery, EachInputCommittedOnceAfterAnAbortPasses) {
    const std::string history = std::string(kInput) + std::string(kExactlyOnceOutput);
    const Verdict verdict = check_rule(rows(history), exactly_once());
    // The re-read after the abort is a tolerated nonmonotonic poll (the assign row).
    EXPECT_FALSE(verdict.failing()) << render_text(verdict);
    EXPECT_FALSE(verdict.has("delivery")) << render_text(verdict);
}

TEST(OutputDelivery, AnInputWrittenTwiceToTheCommittedOutputIsFlagged) {
    // Without a transaction e1 wrote a and b before its commit failed; the batch again
    // writes them a second time: both outputs of a are acknowledged and polled.
    std::string history = std::string(kInput) + std::string(kExactlyOnceOutput);
    history += "24,9,e1,invoke,send,out,,,a@e1#5,,\n"
               "25,9,e1,ok,send,out,0,,a@e1#5,6,\n"
               "26,10,v1,ok,poll,out,0,,a@e1#5,6,\n";
    const Verdict verdict = check_rule(rows(history), exactly_once());
    const std::vector<Anomaly> delivery = named(verdict, "delivery");
    ASSERT_EQ(delivery.size(), 1u) << render_text(verdict);
    EXPECT_EQ(delivery[0].description,
              "consumer \"etl\" (exactly-once, consume-transform-produce) wrote 1 input record "
              "to its committed output more than once");
    EXPECT_EQ(delivery[0].values, (std::vector<std::string>{"a@e1#2", "a@e1#5"}));
}

TEST(OutputDelivery, AnOutputOnlyTheVerifierReadStillCounts) {
    // The send's outcome is unknown (the member crashed), yet the verifier read it: it
    // committed, so a second output of b is a duplicate.
    std::string history = std::string(kInput) + std::string(kExactlyOnceOutput);
    history += "24,9,e1,invoke,send,out,,,b@e1#5,,\n"
               "25,9,e1,info,send,out,,,b@e1#5,,process crashed\n"
               "26,10,v1,ok,poll,out,0,,b@e1#5,6,\n";
    EXPECT_TRUE(check_rule(rows(history), exactly_once()).has("delivery"));
}

TEST(OutputDelivery, AnInputMissingFromTheCommittedOutputIsFlagged) {
    // b's output was aborted and never written again: a gap between a and c.
    const std::string history = std::string(kInput) +
                                "15,6,e1,invoke,send,out,,,a@e1#2,,\n"
                                "16,6,e1,invoke,send,out,,,c@e1#3,,\n"
                                "17,7,e1,ok,send,out,0,,a@e1#2,3,\n"
                                "18,7,e1,ok,send,out,0,,c@e1#3,4,\n"
                                "19,8,v1,ok,poll,out,0,,a@e1#2,3,\n"
                                "20,8,v1,ok,poll,out,0,,c@e1#3,4,\n";
    const Verdict verdict = check_rule(rows(history), exactly_once());
    const std::vector<Anomaly> delivery = named(verdict, "delivery");
    ASSERT_EQ(delivery.size(), 1u) << render_text(verdict);
    EXPECT_EQ(delivery[0].description,
              "consumer \"etl\" (exactly-once, consume-transform-produce) never wrote 1 input "
              "record the log held to its committed output");
    EXPECT_EQ(delivery[0].values, (std::vector<std::string>{"b"}));
}

TEST(OutputDelivery, AtLeastOnceAcceptsAnInputWrittenTwice) {
    std::string history = std::string(kInput) + std::string(kExactlyOnceOutput);
    history += "24,9,e1,invoke,send,out,,,a@e1#5,,\n"
               "25,9,e1,ok,send,out,0,,a@e1#5,6,\n"
               "26,10,v1,ok,poll,out,0,,a@e1#5,6,\n";
    const Verdict verdict = check_rule(rows(history));
    EXPECT_FALSE(verdict.has("delivery")) << render_text(verdict);
}

TEST(OutputDelivery, AbortedOutputsAreNotPartOfTheCommittedOutput) {
    // Only a's output committed; b's and c's stayed in the aborted transaction (b) or were
    // never written (c).
    const Verdict verdict = check_rule(rows(std::string(kInput) +
                                               "15,6,e1,invoke,send,out,,,a@e1#2,,\n"
                                               "16,7,e1,ok,send,out,0,,a@e1#2,3,\n"
                                               "17,8,v1,ok,poll,out,0,,a@e1#2,3,\n"),
                                          exactly_once());
    const std::vector<Anomaly> delivery = named(verdict, "delivery");
    ASSERT_EQ(delivery.size(), 1u) << render_text(verdict);
    EXPECT_EQ(delivery[0].values, (std::vector<std::string>{"b", "c"}));
}

}  // namespace
}  // namespace check
