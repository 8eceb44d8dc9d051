// Consumer groups end to end in a simulated cluster (3 brokers, __consumer_offsets with
// RF 3): members join through the coordinator, the leader assigns with the chosen
// assignor, extra members stay idle, a dead member's partitions move within
// session.timeout.ms plus a rebalance, and a paused zombie's commit is rejected.

#include "core/protocol/offsets.h"
#include "tests/core/group/group_cluster.h"

namespace kafkasim_test {
namespace {

constexpr int32_t kPartitions = 3;

/// The partitions each live consumer owns, by node.
std::map<sim::NodeId, std::set<TopicPartition>> ownership(GroupCluster& c,
                                                          const std::vector<sim::NodeId>& ids) {
    std::map<sim::NodeId, std::set<TopicPartition>> out;
    for (sim::NodeId id : ids) {
        ConsumerApp* app = c.consumer(id);
        if (app != nullptr && app->member().state() == client::MemberState::Stable) {
            out[id] = app->member().owned();
        }
    }
    return out;
}

/// True when the live members own every partition exactly once in one generation.
bool settled(GroupCluster& c, const std::vector<sim::NodeId>& ids, size_t live) {
    auto owned = ownership(c, ids);
    if (owned.size() != live) return false;
    std::set<int32_t> generations;
    std::set<TopicPartition> all;
    size_t total = 0;
    for (const auto& [id, parts] : owned) {
        generations.insert(c.consumer(id)->member().generation_id());
        total += parts.size();
        all.insert(parts.begin(), parts.end());
    }
    return generations.size() == 1 && total == kPartitions && all.size() == kPartitions;
}

TEST(GroupMembership, ThreePartitionsAndFourMembersLeaveExactlyOneIdle) {
    GroupCluster c(1);
    c.create_topic("t", kPartitions, 3);
    std::vector<sim::NodeId> ids;
    for (int i = 0; i < 4; ++i) ids.push_back(c.add_consumer({}));
    ASSERT_TRUE(c.run_until([&] { return settled(c, ids, 4); }, 60 * kSecond));
    int idle = 0;
    for (const auto& [id, parts] : ownership(c, ids)) {
        EXPECT_LE(parts.size(), 1u);
        if (parts.empty()) ++idle;
    }
    EXPECT_EQ(idle, 1);
    // The coordinator is the leader of __consumer_offsets-(abs(hash("g")) % 50).
    const int32_t p = group::partition_for("g", 50);
    EXPECT_EQ(c.coordinator_of("g"), c.leader_of({"__consumer_offsets", p}));
    const auto* g = c.group_on_coordinator("g");
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->state(), group::GroupState::Stable);
    EXPECT_EQ(g->members.size(), 4u);
    EXPECT_EQ(g->protocol_name, "range");
}

TEST(GroupMembership, DeadMembersPartitionsMoveWithinSessionTimeoutPlusARebalance) {
    GroupCluster c(2);
    c.create_topic("t", kPartitions, 3);
    std::vector<sim::NodeId> ids;
    for (int i = 0; i < 4; ++i) ids.push_back(c.add_consumer({}));
    ASSERT_TRUE(c.run_until([&] { return settled(c, ids, 4); }, 60 * kSecond));
    c.produce("t", kPartitions, 90, "before");
    c.run_for(3 * kSecond);
    sim::NodeId victim = sim::kNoNode;
    for (const auto& [id, parts] : ownership(c, ids)) {
        if (!parts.empty()) victim = id;
    }
    ASSERT_NE(victim, sim::kNoNode);
    const sim::Time crashed_at = c.world().now();
    c.world().crash(victim);
    std::vector<sim::NodeId> live;
    for (sim::NodeId id : ids) {
        if (id != victim) live.push_back(id);
    }
    ASSERT_TRUE(c.run_until([&] { return settled(c, live, 3); }, 60 * kSecond));
    // session.timeout.ms (6 s) plus a rebalance: well under 6 s + 3 s.
    EXPECT_LT(c.world().now() - crashed_at, 9 * kSecond);
    c.produce("t", kPartitions, 90, "after");
    c.run_for(5 * kSecond);
    // At-least-once: every acknowledged record was processed (none skipped).
    EXPECT_EQ(c.producer().acked.size(), 180u);
    for (const auto& value : c.producer().acked) EXPECT_GE(c.log.processed[value], 1) << value;
}

TEST(GroupMembership, PausedZombiesCommitIsRejected) {
    GroupCluster c(3);
    c.create_topic("t", kPartitions, 3);
    std::vector<sim::NodeId> ids;
    for (int i = 0; i < 2; ++i) ids.push_back(c.add_consumer({}));
    ASSERT_TRUE(c.run_until([&] { return settled(c, ids, 2); }, 60 * kSecond));
    c.produce("t", kPartitions, 30, "a");
    c.run_for(2 * kSecond);
    const sim::NodeId zombie = ids[0];
    const int32_t old_generation = c.consumer(zombie)->member().generation_id();
    c.world().pause(zombie);
    ASSERT_TRUE(c.run_until([&] { return settled(c, {ids[1]}, 1); }, 30 * kSecond));
    c.produce("t", kPartitions, 30, "b");
    c.run_for(2 * kSecond);
    // The zombie's generation and member id are stale now: a commit with them (what the
    // zombie sends when it wakes up) must not overwrite the new owner's progress.
    const std::string zombie_member = c.consumer(zombie)->member().member_id();
    (void)old_generation;
    auto commit = std::make_shared<OffsetCommitRequest>();
    commit->group_id = "g";
    commit->generation_id = old_generation;
    commit->member_id = zombie_member;
    commit->partitions.push_back({{"t", 0}, 0, -1, ""});
    const int32_t id = c.producer().send_request(c.coordinator_of("g"), commit);
    ASSERT_TRUE(c.run_until([&] { return c.producer().responses().count(id) != 0; }, 5 * kSecond));
    const auto* response =
        dynamic_cast<const OffsetCommitResponse*>(c.producer().responses().at(id).get());
    ASSERT_NE(response, nullptr);
    ASSERT_EQ(response->partitions.size(), 1u);
    EXPECT_TRUE(response->partitions[0].error == Error::UNKNOWN_MEMBER_ID ||
                response->partitions[0].error == Error::ILLEGAL_GENERATION)
        << error_name(response->partitions[0].error);
    const auto* g = c.group_on_coordinator("g");
    ASSERT_NE(g, nullptr);
    auto it = g->offsets.find({"t", 0});
    ASSERT_NE(it, g->offsets.end());
    EXPECT_GT(it->second.committed_offset, 0);
    // Resumed, the zombie learns it was fenced and rejoins as a fresh member.
    c.world().resume(zombie);
    ASSERT_TRUE(c.run_until([&] { return settled(c, ids, 2); }, 30 * kSecond));
}

TEST(GroupMembership, CooperativeStickyRevokesOnlyThePartitionsThatMove) {
    GroupCluster c(4);
    c.create_topic("t", kPartitions, 3);
    ConsumerAppOptions options;
    options.assignors = {"cooperative-sticky"};
    const sim::NodeId first = c.add_consumer(options);
    ASSERT_TRUE(c.run_until([&] { return settled(c, {first}, 1); }, 30 * kSecond));
    const size_t log_before = c.log.ownership.size();
    const sim::NodeId second = c.add_consumer(options);
    ASSERT_TRUE(c.run_until([&] { return settled(c, {first, second}, 2); }, 30 * kSecond));
    // KIP-429: the first member keeps what stays with it through both rebalances; it never
    // gives everything back as an eager member does.
    const auto kept = c.consumer(first)->member().owned();
    EXPECT_FALSE(kept.empty());
    EXPECT_FALSE(c.consumer(second)->member().owned().empty());
    for (size_t i = log_before; i < c.log.ownership.size(); ++i) {
        const auto& o = c.log.ownership[i];
        if (o.member != first) continue;
        for (const auto& tp : kept) EXPECT_EQ(o.owned.count(tp), 1u) << tp.str();
    }
    const auto* g = c.group_on_coordinator("g");
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->protocol_name, "cooperative-sticky");
}

class RestartResume : public ::testing::TestWithParam<CommitStrategy> {};

TEST_P(RestartResume, RestartedConsumerResumesFromTheCommittedOffset) {
    GroupCluster c(5);
    c.create_topic("t", kPartitions, 3);
    ConsumerAppOptions options;
    options.strategy = GetParam();
    const sim::NodeId id = c.add_consumer(options);
    ASSERT_TRUE(c.run_until([&] { return settled(c, {id}, 1); }, 30 * kSecond));
    c.produce("t", kPartitions, 60, "first");
    c.run_for(3 * kSecond);
    c.world().crash(id);
    c.produce("t", kPartitions, 60, "second");
    c.run_for(1 * kSecond);
    c.world().restart(id);
    ASSERT_TRUE(c.run_until([&] { return settled(c, {id}, 1); }, 30 * kSecond));
    c.run_for(3 * kSecond);
    int twice = 0;
    for (const auto& value : c.producer().acked) {
        EXPECT_GE(c.log.processed[value], 1) << value;
        if (c.log.processed[value] > 1) ++twice;
    }
    // auto.offset.reset=earliest would replay all 60 first records; the committed offsets
    // bound the replay to what was processed after the last commit.
    EXPECT_LT(twice, 30);
}

INSTANTIATE_TEST_SUITE_P(CommitStrategies, RestartResume,
                         ::testing::Values(CommitStrategy::AfterProcessing,
                                           CommitStrategy::Auto));

}  // namespace
}  // namespace kafkasim_test
