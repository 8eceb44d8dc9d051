// No vacuous pass: a history with nothing to check (`empty-history`) and a run whose fault
// phase completed no operation (`no-progress`) fail; each next to its near-miss twin that
// passes, so the rule is seen to fire on exactly the missing ingredient.
#include <gtest/gtest.h>

#include "check_test_util.h"

namespace check {
namespace {

using testing::named;
using testing::names;
using testing::rows;

TEST(EmptyHistory, AHistoryWithNoRowsFails) {
    const Verdict verdict = check_history(History{});
    EXPECT_EQ(names(verdict), (std::set<std::string>{"empty-history"}));
    EXPECT_TRUE(verdict.failing());
}

TEST(EmptyHistory, SendsThatNoPollReadFail) {
    CheckOptions options;
    options.liveness = false;  // so unseen stays out: the only reason left is the rule
    const Verdict verdict = check_history(rows("0,1,p1,ok,send,t,0,,a,0,\n"), options);
    const std::vector<Anomaly> empty = named(verdict, "empty-history");
    ASSERT_EQ(empty.size(), 1u) << render_text(verdict);
    EXPECT_NE(empty[0].description.find("no poll returned a record"), std::string::npos);
    EXPECT_TRUE(verdict.failing());
}

TEST(EmptyHistory, PollsWithoutAnAcknowledgedSendFail) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,info,send,t,,,a,,REQUEST_TIMED_OUT\n"
        "1,2,c1,ok,poll,t,0,,a,0,\n"));
    const std::vector<Anomaly> empty = named(verdict, "empty-history");
    ASSERT_EQ(empty.size(), 1u) << render_text(verdict);
    EXPECT_NE(empty[0].description.find("no send was acknowledged"), std::string::npos);
}

TEST(EmptyHistory, OneAcknowledgedSendAndOnePolledRecordPass) {
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,c1,ok,poll,t,0,,a,0,\n"));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(EmptyHistory, IsNotCheckedForARunWithoutClients) {
    CheckOptions options;
    options.workload = false;
    EXPECT_TRUE(check_history(History{}, options).anomalies.empty());
}

History progress_history(int64_t poll_time) {
    return rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1," + std::to_string(poll_time) + ",c1,ok,poll,t,0,,a,0,\n");
}

CheckOptions with_fault_phase(int64_t begin, int64_t end) {
    CheckOptions options;
    options.fault_phase_ns = std::make_pair(begin, end);
    return options;
}

TEST(NoProgress, NothingCompletedDuringTheFaultPhaseFails) {
    const Verdict verdict = check_history(progress_history(50), with_fault_phase(10, 40));
    const std::vector<Anomaly> stalled = named(verdict, "no-progress");
    ASSERT_EQ(stalled.size(), 1u) << render_text(verdict);
    EXPECT_EQ(stalled[0].times_ns, (std::vector<int64_t>{10, 40}));
    EXPECT_TRUE(verdict.failing());
}

TEST(NoProgress, OneOperationCompletedDuringTheFaultPhasePasses) {
    const Verdict verdict = check_history(progress_history(39), with_fault_phase(10, 40));
    EXPECT_TRUE(verdict.anomalies.empty()) << render_text(verdict);
}

TEST(NoProgress, ACrashRowIsNoProgress) {
    History history = progress_history(50);
    Op crash;
    crash.time_ns = 20;
    crash.process = "c1";
    crash.type = OpType::Ok;
    crash.f = OpFunction::Crash;
    std::vector<Op> ops = history.ops();
    ops.insert(ops.begin() + 1, crash);
    for (size_t i = 0; i < ops.size(); ++i) ops[i].index = static_cast<int64_t>(i);
    EXPECT_TRUE(check_history(History(ops), with_fault_phase(10, 40)).has("no-progress"));
}

TEST(NoProgress, IsNotCheckedWithoutAFaultPhase) {
    EXPECT_FALSE(check_history(progress_history(50)).has("no-progress"));
}

}  // namespace
}  // namespace check
