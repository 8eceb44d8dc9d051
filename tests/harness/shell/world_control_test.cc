// The shell's cluster commands as `kafkasim shell` and `kafkasim serve` both apply them to a
// running cluster: what each does to the brokers and the links, and what it prints.
#include "harness/shell/world_control.h"

#include <gtest/gtest.h>

#include "harness/shell/shell_world.h"

namespace harness::shell {
namespace {

WorldCommand command(WorldCommand::Kind kind, std::vector<int32_t> nodes) {
    WorldCommand c;
    c.kind = kind;
    c.nodes = std::move(nodes);
    return c;
}

class WorldControl : public ::testing::Test {
 protected:
    WorldControl() : world_(default_shell_scenario(3, 0), 1) {}
    void SetUp() override { ASSERT_TRUE(world_.start().ok()); }
    ShellWorld world_;
};

TEST_F(WorldControl, IsolateCutsTheBrokerFromEveryOtherNodeUntilHeal) {
    EXPECT_EQ(apply_cluster_command(world_, command(WorldCommand::Kind::Isolate, {2})),
              "broker 2 isolated");
    sim::Network& network = world_.world().network();
    for (sim::NodeId other : world_.world().node_ids()) {
        if (other == 2) continue;
        EXPECT_TRUE(network.is_cut(2, other)) << other;
        EXPECT_TRUE(network.is_cut(other, 2)) << other;
    }
    EXPECT_FALSE(network.is_cut(1, 3));
    apply_cluster_command(world_, command(WorldCommand::Kind::Heal, {}));
    EXPECT_TRUE(network.cuts().empty());
}

TEST_F(WorldControl, PowerLossCrashesTheBrokerAndRestartBringsItBack) {
    EXPECT_EQ(apply_cluster_command(world_, command(WorldCommand::Kind::PowerLoss, {3})),
              "broker 3 lost power");
    EXPECT_EQ(world_.world().node_state(3), sim::NodeState::Crashed);
    EXPECT_EQ(apply_cluster_command(world_, command(WorldCommand::Kind::Restart, {3})),
              "broker 3 restarted");
    EXPECT_EQ(world_.world().node_state(3), sim::NodeState::Running);
}

TEST_F(WorldControl, AnUnknownBrokerIsNamedAndNothingHappens) {
    EXPECT_EQ(apply_cluster_command(world_, command(WorldCommand::Kind::Crash, {7})),
              "kafkasim: no broker 7 (brokers: 1,2,3)");
    for (sim::NodeId broker : {1, 2, 3}) {
        EXPECT_EQ(world_.world().node_state(broker), sim::NodeState::Running);
    }
}

}  // namespace
}  // namespace harness::shell
