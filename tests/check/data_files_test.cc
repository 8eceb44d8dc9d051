// Every hand-written history under tests/check/data states on its first line which
// anomalies it shows ("# expect: lost-write unseen"); checking it must report exactly
// those, and fail the run unless the only ones are reported-never-failing. clean.csv
// expects none. These files are also what `kafkasim check` is tried on.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "check/history_csv.h"
#include "check_test_util.h"

namespace check {
namespace {

std::set<std::string> expected_names(const std::string& path) {
    std::ifstream in(path);
    std::string first_line;
    std::getline(in, first_line);
    const std::string prefix = "# expect:";
    EXPECT_EQ(first_line.rfind(prefix, 0), 0u) << path << " must start with " << prefix;
    std::istringstream names(first_line.substr(prefix.size()));
    std::set<std::string> out;
    for (std::string name; names >> name;) out.insert(name);
    return out;
}

class DataFile : public ::testing::TestWithParam<std::string> {};

TEST_P(DataFile, ReportsExactlyTheAnomaliesItExpects) {
    const std::string path = testing::data_path(GetParam());
    sim::Result<History> history = read_history_csv_file(path);
    ASSERT_TRUE(history.ok()) << history.error().message();
    const Verdict verdict = check_history(history.value());
    const std::set<std::string> expected = expected_names(path);
    EXPECT_EQ(testing::names(verdict), expected) << render_text(verdict);
    const bool should_fail =
        !expected.empty() && expected != std::set<std::string>{"int-send-skip"};
    EXPECT_EQ(verdict.failing(), should_fail) << render_text(verdict);
}

INSTANTIATE_TEST_SUITE_P(
    HandWrittenHistories, DataFile,
    ::testing::Values("clean.csv", "lost_write.csv", "acks_one_truncation.csv",
                      "inconsistent_offsets.csv", "duplicate.csv",
                      "nonmonotonic_poll.csv", "poll_skip.csv", "int_poll_skip.csv",
                      "int_send_skip.csv", "nonmonotonic_send.csv", "key_order.csv",
                      "unseen.csv", "g1a.csv", "group_overlap.csv", "committed_regress.csv",
                      "delivery.csv"),
    [](const ::testing::TestParamInfo<std::string>& info) {
        std::string name = info.param.substr(0, info.param.find('.'));
        return name;
    });

TEST(CheckHistoryFile, ReadsAndChecksInOneCall) {
    sim::Result<Verdict> verdict = check_history_file(testing::data_path("g1a.csv"));
    ASSERT_TRUE(verdict.ok());
    EXPECT_EQ(verdict.value().exit_code(), 1);
    EXPECT_TRUE(verdict.value().has("G1a"));
}

TEST(CheckHistoryFile, GivesTheReadErrorForABadFile) {
    sim::Result<Verdict> verdict = check_history_file(testing::data_path("missing.csv"));
    ASSERT_FALSE(verdict.ok());
    EXPECT_NE(verdict.error().message().find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace check
