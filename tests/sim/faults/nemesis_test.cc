// The nemesis: a seeded stream of faults of the named kinds at the configured rate, the
// same faults for the same seed, and nothing left in force after its stop time.

#include "sim/faults/nemesis.h"

#include <gtest/gtest.h>

#include "sim/world.h"
#include "tests/sim/chatter.h"

namespace sim {
namespace {

using namespace sim::literals;

NemesisOptions all_kinds_options() {
    NemesisOptions options;
    for (const FaultKind& kind : fault_kinds()) options.kinds.emplace_back(kind.name);
    options.interval_ns = 1_s;
    options.fault_duration_ns = 500_ms;
    options.stop_ns = 20_s;
    return options;
}

std::vector<std::string> run_nemesis(uint64_t seed, uint64_t* hash) {
    WorldOptions world_options;
    world_options.seed = seed;
    World world(world_options);
    testing::add_chatters(world, {1, 2, 3, 4, 5}, 20_ms);
    Nemesis nemesis(world, all_kinds_options());
    EXPECT_TRUE(nemesis.start().ok());
    world.run_until(30_s);
    *hash = world.trace_hash();
    return nemesis.history();
}

TEST(Nemesis, StrikesOncePerIntervalUntilItsStopTime) {
    uint64_t hash = 0;
    EXPECT_EQ(run_nemesis(1, &hash).size(), 20u);
}

TEST(Nemesis, SameSeedDrawsTheSameFaultsAndTrace) {
    uint64_t first_hash = 0;
    uint64_t second_hash = 0;
    EXPECT_EQ(run_nemesis(7, &first_hash), run_nemesis(7, &second_hash));
    EXPECT_EQ(first_hash, second_hash);
}

TEST(Nemesis, DifferentSeedsDrawDifferentFaults) {
    uint64_t first_hash = 0;
    uint64_t second_hash = 0;
    EXPECT_NE(run_nemesis(7, &first_hash), run_nemesis(8, &second_hash));
}

TEST(Nemesis, LeavesEveryNodeRunningAndEveryLinkUpAfterItStops) {
    WorldOptions world_options;
    World world(world_options);
    testing::add_chatters(world, {1, 2, 3, 4, 5}, 20_ms);
    NemesisOptions options = all_kinds_options();
    options.fault_duration_ns = 1_s;
    options.stop_ns = 19_s + 500_ms;  // the fault struck at 19s is still in force
    Nemesis nemesis(world, options);
    ASSERT_TRUE(nemesis.start().ok());
    world.run_until(19_s + 600_ms);
    EXPECT_TRUE(world.network().cuts().empty());
    for (NodeId id : world.node_ids()) {
        EXPECT_EQ(world.node_state(id), NodeState::Running);
        EXPECT_EQ(world.find_node(id)->clock_skew(), 0);
    }
}

TEST(Nemesis, UnknownKindIsAnErrorAtStart) {
    World world(WorldOptions{});
    NemesisOptions options;
    options.kinds = {"crash", "earthquake"};
    Nemesis nemesis(world, options);
    Status status = nemesis.start();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().what.find("earthquake"), std::string::npos);
}

}  // namespace
}  // namespace sim
