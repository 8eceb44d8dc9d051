// The registry is the one list of checkers and of the anomaly names a verdict may carry:
// the scenario loader's `expect` names come from it, each checker declares its own names,
// and every registered checker with a function is the one that runs.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "check_test_util.h"

namespace check {
namespace {

using testing::names;
using testing::rows;

TEST(Registry, ListsEveryAnomalyOfTheDesignOnce) {
    const std::vector<std::string_view>& listed = anomaly_names();
    const std::set<std::string_view> unique(listed.begin(), listed.end());
    EXPECT_EQ(unique.size(), listed.size());
    EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()),
              (std::set<std::string>{
                  "lost-write", "duplicate", "inconsistent-offsets", "nonmonotonic-poll",
                  "nonmonotonic-send", "poll-skip", "int-poll-skip", "int-send-skip", "unseen",
                  "G1a", "key-order", "group-overlap", "committed-regress", "delivery",
                  "empty-history", "no-progress", "liveness", "G0", "G1c",
                  "precommitted-read"}));
}

TEST(Registry, FindsACheckerByItsName) {
    ASSERT_NE(find_checker("lost-write"), nullptr);
    EXPECT_EQ(find_checker("lost-write")->anomalies.size(), 1u);
    EXPECT_EQ(find_checker("no-such-checker"), nullptr);
}

TEST(Registry, ReportsOnlyNamesItsCheckersDeclare) {
    // A history that shows many anomalies at once: each name must be a declared one.
    const Verdict verdict = check_history(rows(
        "0,1,p1,ok,send,t,0,,a,0,\n"
        "1,2,p1,ok,send,t,0,,b,1,\n"
        "2,3,p1,fail,send,t,,,c,,\n"
        "3,4,c1,ok,poll,t,0,,c,0,\n"
        "4,5,c1,ok,poll,t,0,,b,1,\n"
        "5,6,c1,ok,poll,t,0,,b,1,\n"));
    ASSERT_FALSE(verdict.anomalies.empty());
    for (const std::string& name : names(verdict)) {
        const std::vector<std::string_view>& listed = anomaly_names();
        EXPECT_NE(std::find(listed.begin(), listed.end(), name), listed.end()) << name;
    }
}

TEST(Registry, RunnerReportedNamesHaveNoFunction) {
    ASSERT_NE(find_checker("liveness"), nullptr);
    EXPECT_EQ(find_checker("liveness")->check, nullptr);
    EXPECT_NE(find_checker("empty-history")->check, nullptr);
}

}  // namespace
}  // namespace check
