// A history cannot pass by being malformed (issue 17): each broken operation rule is bad
// input naming the file and line of the offending row, and each has a near-miss twin
// (the same rows made well-formed) that reads.
#include <gtest/gtest.h>

#include <string>

#include "check/history_csv.h"
#include "check_test_util.h"

namespace check {
namespace {

std::string read_error(std::string_view csv_rows) {
    const std::string text = std::string(kHistoryCsvHeader) + "\n" + std::string(csv_rows);
    sim::Result<History> history = read_history_csv_string(text, "h.csv");
    return history.ok() ? "" : history.error().message();
}

TEST(HistoryRules, AnOkWithoutItsInvokeIsRefusedWhenTheProcessWritesInvokes) {
    EXPECT_EQ(read_error("0,1,p1,invoke,send,t,,,a,,\n"
                         "1,2,p1,ok,send,t,0,,a,0,\n"
                         "2,3,p1,ok,send,t,0,,b,1,\n"),
              "h.csv:4: expected an invoke row before the ok of send \"b\" (process p1 writes "
              "invoke rows for its sends)");
}

TEST(HistoryRules, OutcomesWithoutInvokesReadForAProcessThatWritesNone) {
    EXPECT_EQ(read_error("0,1,p1,ok,send,t,0,,a,0,\n"
                         "1,2,p2,invoke,send,t,,,b,,\n"
                         "2,3,p2,ok,send,t,0,,b,1,\n"),
              "");
}

TEST(HistoryRules, TwoCompletionsForOneInvokeAreRefused) {
    EXPECT_EQ(read_error("0,1,p1,invoke,send,t,,,a,,\n"
                         "1,2,p1,info,send,t,,,a,,REQUEST_TIMED_OUT\n"
                         "2,3,p1,ok,send,t,0,,a,0,\n"),
              "h.csv:4: expected one outcome per send, \"a\" already ended at line 3");
}

TEST(HistoryRules, OneCompletionPerInvokeReads) {
    EXPECT_EQ(read_error("0,1,p1,invoke,send,t,,,a,,\n"
                         "1,2,p1,info,send,t,,,a,,REQUEST_TIMED_OUT\n"
                         "2,3,p1,invoke,send,t,,,b,,\n"
                         "3,4,p1,ok,send,t,0,,b,0,\n"),
              "");
}

TEST(HistoryRules, ACompletionBeforeItsOwnInvokeIsRefused) {
    EXPECT_EQ(read_error("0,1,p1,ok,send,t,0,,a,0,\n"
                         "1,2,p1,invoke,send,t,,,a,,\n"),
              "h.csv:3: expected the invoke of \"a\" before its outcome at line 2");
}

TEST(HistoryRules, TheSameValueInvokedTwiceIsRefused) {
    EXPECT_EQ(read_error("0,1,p1,invoke,send,t,,,a,,\n"
                         "1,2,p1,invoke,send,t,,,a,,\n"),
              "h.csv:3: expected one invoke per send value, \"a\" was invoked at line 2");
}

TEST(HistoryRules, ASendWithAnEmptyValueIsRefused) {
    EXPECT_EQ(read_error("0,1,p1,ok,send,t,0,,,0,\n"),
              "h.csv:2: expected a value on every send row (sends are matched to their outcome "
              "by value), got nothing");
}

TEST(HistoryRules, APollWithoutAValueStillReads) {
    // An invoke (or an empty poll) carries no record; only sends are matched by value.
    EXPECT_EQ(read_error("0,1,c1,invoke,poll,t,,,,,\n1,2,c1,info,poll,t,,,,,TIMEOUT\n"), "");
}

TEST(HistoryRules, EveryDataFileKeepsTheRules) {
    for (const char* file : {"clean.csv", "lost_write.csv", "delivery.csv", "g1a.csv",
                             "nonmonotonic_send.csv", "int_send_skip.csv", "key_order.csv"}) {
        sim::Result<History> history = read_history_csv_file(testing::data_path(file));
        EXPECT_TRUE(history.ok()) << history.error().message();
    }
}

}  // namespace
}  // namespace check
