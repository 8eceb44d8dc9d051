// Fault targets that name a role resolve to the node holding that role when the fault
// fires, seen from the outside: in the trace of a real run.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace harness
