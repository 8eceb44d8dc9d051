// Fault targets that name a role resolve to the node holding that role when the fault
// fires, seen from the outside: in the trace of a real run.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "harness/run/run.h"
#include "harness/scenario/toml.h"

namespace harness {
namespace {

// Group traffic only goes to the group's coordinator, so the broker that last received
// a group request before the crash is the coordinator the target had to resolve to.
TEST(FaultTargets, CoordinatorOfGroupCrashesTheBrokerTheGroupTalksTo) {
    auto scenario =
        load_scenario_file(KAFKASIM_SOURCE_DIR "/scenarios/known/coordinator_failover.toml");
    ASSERT_TRUE(scenario.ok()) << scenario.error().message();
    scenario.value().duration = 10 * sim::kSecond;
    RunResult result = run(scenario.value(), 1, run_options(true, true));
    const auto trace = nlohmann::json::parse(result.trace_json)["traceEvents"];

    int crashed = -1;
    int last_group_receiver = -1;
    for (const auto& event : trace) {
        const std::string name = event.value("name", "");
        if (event.value("cat", "") == "fault" && name == "crash") {
            crashed = event["tid"].get<int>();
            break;
        }
        for (const char* request : {"Heartbeat <-", "JoinGroup <-", "OffsetCommit <-"}) {
            if (name.rfind(request, 0) == 0) last_group_receiver = event["tid"].get<int>();
        }
    }
    ASSERT_NE(last_group_receiver, -1) << "no group request before the crash";
    EXPECT_EQ(crashed, last_group_receiver);
}

// Members are numbered from 1 as the history names them: consumer(billing,2) is billing-2.
TEST(FaultTargets, ConsumerTargetCountsMembersFromOneAsTheirProcessNames) {
    auto scenario = load_scenario_file(KAFKASIM_SOURCE_DIR
                                       "/scenarios/walkthrough/group_rebalance_after_crash.toml");
    ASSERT_TRUE(scenario.ok()) << scenario.error().message();
    ASSERT_EQ(scenario.value().faults.at(0).target.text(), "consumer(billing,2)");
    scenario.value().duration = 12 * sim::kSecond;
    RunResult result = run(scenario.value(), 1, run_options(true, false));
    const auto trace = nlohmann::json::parse(result.trace_json)["traceEvents"];
    std::map<int, std::string> names;
    int crashed = -1;
    for (const auto& event : trace) {
        if (event.value("ph", "") == "M" && event.value("name", "") == "thread_name") {
            names[event["tid"].get<int>()] = event["args"]["name"].get<std::string>();
        }
        if (event.value("cat", "") == "fault" && event.value("name", "") == "crash") {
            crashed = event["tid"].get<int>();
        }
    }
    ASSERT_NE(crashed, -1) << "no crash in the trace";
    EXPECT_EQ(names[crashed], "consumer-billing-2");  // the history names it billing-2
}

}  // namespace
}  // namespace harness
