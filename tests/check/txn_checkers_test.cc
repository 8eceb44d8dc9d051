// The transactional checkers (G0, G1c, precommitted-read) on small hand-written histories
// with the twelfth column `txn`: each anomaly next to its near-miss twin that passes, and
// the cycle evidence (transactions, edge kinds, records) a person reads.
#include <gtest/gtest.h>

#include "check_test_util.h"

namespace check {
namespace {

using testing::check_rule;
using testing::named;

History txn_rows(std::string_view csv_rows) {
    const std::string text = std::string(kHistoryCsvHeader) + ",txn\n" + std::string(csv_rows);
    sim::Result<History> history = read_history_csv_string(text, "txn.csv");
    EXPECT_TRUE(history.ok()) << (history.ok() ? "" : history.error().message());
    return history.ok() ? history.value() : History{};
}

// T1 and T2 each read what the other wrote: information flows in a circle.
constexpr std::string_view kReadEachOther =
    "0,1,p1,ok,send,t,0,,x,0,,T1\n"
    "1,2,p2,ok,send,t,1,,y,0,,T2\n"
    "2,3,p1,ok,poll,t,1,,y,0,,T1\n"
    "3,4,p2,ok,poll,t,0,,x,0,,T2\n";

TEST(G1c, TwoTransactionsThatReadEachOthersWritesFormACycle) {
    const Verdict verdict = check_rule(txn_rows(kReadEachOther));
    const std::vector<Anomaly> cycles = named(verdict, "G1c");
    ASSERT_EQ(cycles.size(), 1u) << render_text(verdict);
    EXPECT_TRUE(verdict.failing());
    EXPECT_EQ(cycles[0].description,
              "cycle of 2 transactions: txn T1 -wr-> txn T2 (polled \"x\" at t-0@0); "
              "txn T2 -wr-> txn T1 (polled \"y\" at t-1@0)");
    EXPECT_EQ(cycles[0].op_indices, (std::vector<int64_t>{0, 3, 1, 2}));
}

TEST(G1c, AReadOfAnOutsideWriteIsNoCycle) {
    const Verdict verdict = check_rule(txn_rows(
        "0,1,p1,ok,send,t,0,,x,0,,T1\n"
        "1,2,p2,ok,send,t,1,,y,0,,T2\n"
        "2,3,p3,ok,send,t,1,,z,1,,\n"
        "3,4,p1,ok,poll,t,1,,z,1,,T1\n"
        "4,5,p2,ok,poll,t,0,,x,0,,T2\n"));
    EXPECT_FALSE(verdict.has("G1c")) << render_text(verdict);
}

TEST(G1c, WithoutTxnIdsEachPollBatchIsItsOwnTransaction) {
    // The same rows without txn: four one-row transactions, no cycle.
    const Verdict verdict = check_rule(testing::rows(
        "0,1,p1,ok,send,t,0,,x,0,\n"
        "1,2,p2,ok,send,t,1,,y,0,\n"
        "2,3,p1,ok,poll,t,1,,y,0,\n"
        "3,4,p2,ok,poll,t,0,,x,0,\n"));
    EXPECT_FALSE(verdict.has("G1c")) << render_text(verdict);
}

TEST(G0, InterleavedWritesInOppositeOrdersAreReportedButNeverFail) {
    const Verdict verdict = check_rule(txn_rows(
        "0,1,p1,ok,send,t,0,,a,0,,T1\n"
        "1,2,p2,ok,send,t,0,,c,1,,T2\n"
        "2,3,p2,ok,send,t,1,,d,0,,T2\n"
        "3,4,p1,ok,send,t,1,,b,1,,T1\n"));
    const std::vector<Anomaly> cycles = named(verdict, "G0");
    ASSERT_EQ(cycles.size(), 1u) << render_text(verdict);
    EXPECT_NE(cycles[0].description.find("txn T1 -ww-> txn T2 (\"a\" then \"c\" in t-0)"),
              std::string::npos)
        << cycles[0].description;
    EXPECT_FALSE(verdict.failing());  // Jepsen allows G0 in Kafka
}

TEST(G0, WritesInTheSameOrderInBothPartitionsAreNoCycle) {
    const Verdict verdict = check_rule(txn_rows(
        "0,1,p1,ok,send,t,0,,a,0,,T1\n"
        "1,2,p2,ok,send,t,0,,c,1,,T2\n"
        "2,3,p2,ok,send,t,1,,d,2,,T2\n"
        "3,4,p1,ok,send,t,1,,b,1,,T1\n"));
    EXPECT_FALSE(verdict.has("G0")) << render_text(verdict);
}

TEST(PrecommittedRead, ATransactionThatPollsItsOwnSendFails) {
    const Verdict verdict = check_rule(txn_rows(
        "0,1,p1,ok,send,t,0,,a,0,,T1\n"
        "1,2,p1,ok,poll,t,0,,a,0,,T1\n"));
    const std::vector<Anomaly> found = named(verdict, "precommitted-read");
    ASSERT_EQ(found.size(), 1u) << render_text(verdict);
    EXPECT_EQ(found[0].op_indices, (std::vector<int64_t>{0, 1}));
    EXPECT_TRUE(verdict.failing());
}

TEST(PrecommittedRead, AnotherTransactionPollingTheSendPasses) {
    const Verdict verdict = check_rule(txn_rows(
        "0,1,p1,ok,send,t,0,,a,0,,T1\n"
        "1,2,p1,ok,poll,t,0,,a,0,,T2\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

}  // namespace
}  // namespace check
