// The consume-transform-produce stage (harness/workload/transform.h) in a whole run without
// faults: every acknowledged input record gets exactly one committed output record with
// its key and the value "<input>@<member>#<n>"; the transactional members write no process
// rows and their offsets commit with the transaction; without transactions the same
// pipeline commits ordinary offsets. The checker finds nothing to say about either.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "check/history_csv.h"
#include "harness/run/run.h"
#include "harness/scenario/toml.h"
#include "harness/workload/transform.h"

namespace harness {
namespace {

std::string pipeline(const std::string& commit) {
    return "name = \"n\"\nexpect = \"pass\"\nduration = \"4s\"\ndrain = \"10s\"\n"
           "[[topics]]\nname = \"in\"\npartitions = 2\nreplication_factor = 3\n"
           "[[topics]]\nname = \"out\"\npartitions = 2\nreplication_factor = 3\n"
           "[[producers]]\nname = \"p\"\ntopic = \"in\"\nrate = \"50/s\"\n"
           "keys = \"k{1..4}\"\n"
           "[[consumers]]\ngroup = \"etl\"\nmembers = 2\ntopic = \"in\"\noutput = \"out\"\n"
           "guarantee = \"exactly-once\"\ncommit = \"" + commit + "\"\n"
           "config = { \"auto.offset.reset\" = \"earliest\" }\n"
           "[[consumers]]\ngroup = \"v\"\ntopic = \"out\"\n"
           "config = { \"auto.offset.reset\" = \"earliest\", "
           "\"isolation.level\" = \"read_committed\" }\n";
}

check::History history_of(const std::string& commit, RunResult& result) {
    sim::Result<Scenario> scenario = load_scenario_string(pipeline(commit), "s.toml");
    EXPECT_TRUE(scenario.ok()) << scenario.error().message();
    result = run(scenario.value(), 1, run_options(false, true));
    auto history = check::read_history_csv_string(result.history_csv, "h.csv");
    EXPECT_TRUE(history.ok());
    return history.ok() ? history.value() : check::History{};
}

/// Rows of one kind: (process prefix, type, f, topic) → count.
int64_t count(const check::History& history, const std::string& process_prefix,
              check::OpType type, check::OpFunction f, const std::string& topic) {
    int64_t n = 0;
    for (const check::Op& op : history.ops()) {
        if (op.process.rfind(process_prefix, 0) == 0 && op.type == type && op.f == f &&
            op.topic == topic) {
            ++n;
        }
    }
    return n;
}

TEST(TransformStage, OutputValueNamesTheInputAndTheMember) {
    EXPECT_EQ(output_value("p-7", "etl-2", 41), "p-7@etl-2#41");
}

TEST(TransformStage, TransactionsCommitOneOutputPerInputAndTheOffsetsWithThem) {
    RunResult result;
    const check::History history = history_of("transaction", result);
    EXPECT_FALSE(result.failing) << result.verdict_text;
    const int64_t inputs =
        count(history, "p", check::OpType::Ok, check::OpFunction::Send, "in");
    ASSERT_GT(inputs, 100);
    EXPECT_EQ(count(history, "etl", check::OpType::Ok, check::OpFunction::Send, "out"), inputs);
    EXPECT_EQ(count(history, "v", check::OpType::Ok, check::OpFunction::Poll, "out"), inputs);
    EXPECT_EQ(count(history, "etl", check::OpType::Ok, check::OpFunction::Process, "in"), 0);
    EXPECT_GT(count(history, "etl", check::OpType::Ok, check::OpFunction::Commit, "in"), 0);
    // Each output keeps its input's key: the map value → key of the inputs holds.
    std::map<std::string, std::string> key_of;
    for (const check::Op& op : history.ops()) {
        if (op.f == check::OpFunction::Send && op.topic == "in") key_of[op.value] = op.key;
    }
    for (const check::Op& op : history.ops()) {
        if (op.f != check::OpFunction::Send || op.topic != "out") continue;
        const std::string input = op.value.substr(0, op.value.find('@'));
        EXPECT_EQ(key_of.at(input), op.key) << op.value;
    }
}

TEST(TransformStage, WithoutTransactionsTheSamePipelineCommitsAfterItsOutputs) {
    RunResult result;
    const check::History history = history_of("after-processing", result);
    EXPECT_FALSE(result.failing) << result.verdict_text;
    const int64_t inputs =
        count(history, "p", check::OpType::Ok, check::OpFunction::Send, "in");
    ASSERT_GT(inputs, 100);
    EXPECT_EQ(count(history, "etl", check::OpType::Ok, check::OpFunction::Send, "out"), inputs);
    EXPECT_GT(count(history, "etl", check::OpType::Ok, check::OpFunction::Commit, "in"), 0);
}

}  // namespace
}  // namespace harness
