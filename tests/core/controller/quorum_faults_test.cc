// The controller as a replicated quorum under faults of its own nodes.
//
// Goal: show that with three dedicated controllers (3001..3003, Raft underneath the
// QuorumController) or three combined broker+controller nodes, the brokers find whichever
// controller is active, keep serving produce and fetch while the quorum elects a new active
// controller after a crash, pause or isolation of the active one, converge on one committed
// metadata log once faults stop, and that a partition leader cut from the whole quorum is
// fenced after broker.session.timeout.ms, replaced, and can no longer acknowledge acks=all.
//
// Method: a QuorumCluster (tests/core/controller/quorum_cluster.h) with a produce load that
// keeps one acks=all request in flight per partition and records each acknowledgement with
// the broker that sent it and the leader epoch stamped on its batch; faults are applied by
// hand at chosen moments; "converged" means one active controller, every controller and
// broker at the same committed metadata offset, every broker running and every partition's
// leader leading in the image's epoch. kConvergenceBound is the bound stated for that.

#include <gtest/gtest.h>

#include "core/controller/raft_metadata_log.h"
#include "tests/core/controller/quorum_cluster.h"

namespace core::controller::testing {
namespace {

using protocol::Error;


/// After the last fault heals: Raft elects within ~2 election timeouts (<= 4 s, measured
/// 2.11 s worst in raft_safety_test), brokers find it within one request timeout plus a tick
/// (2.25 s), and a restarted broker re-registers once the controller has fenced its old
/// session (broker.session.timeout.ms = 9 s) and catches up: 20 s covers all of it. The
/// sweeps (quorum_sweep_test.cc, 300 seeds) measured 11.3 s at worst.
constexpr sim::Duration kConvergenceBound = 20 * kSecond;

std::vector<TopicPartition> partitions_of(const std::string& topic, int count) {
    std::vector<TopicPartition> out;
    for (int i = 0; i < count; ++i) out.push_back({topic, i});
    return out;
}

void set_up_topic(QuorumCluster& c) {
    ASSERT_TRUE(c.wait_for_brokers());
    ASSERT_TRUE(c.create_topic("t", 3, 3, {{"min.insync.replicas", "2"}}));
    ASSERT_TRUE(c.run_until([&] { return c.converged(); }, 30 * kSecond));
    c.start_load(partitions_of("t", 3));
    c.run_for(2 * kSecond);
}

size_t acks_between(const QuorumCluster& c, sim::Time from, sim::Time to) {
    size_t n = 0;
    for (const ProduceAck& ack : c.acks()) n += ack.time >= from && ack.time < to ? 1 : 0;
    return n;
}

TEST(QuorumFaults, ThreeDedicatedControllersElectOneActiveAndBrokersJoinThroughIt) {
    QuorumCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    const int32_t active = c.active_controller();
    EXPECT_GE(active, controller_node_id(1));
    EXPECT_LE(active, controller_node_id(3));
    for (int32_t id : c.broker_ids()) EXPECT_EQ(c.broker(id)->active_controller(), active);
    ASSERT_TRUE(c.create_topic("t", 2, 3));
    EXPECT_TRUE(c.run_until([&] { return c.converged(); }, kConvergenceBound));
}

TEST(QuorumFaults, CombinedBrokerControllersFormTheQuorumAndServeData) {
    QuorumClusterOptions options;
    options.combined = true;
    QuorumCluster c(options);
    set_up_topic(c);
    const int32_t active = c.active_controller();
    ASSERT_GE(active, 1);
    c.world().crash(active);
    const sim::Time crashed = c.world().now();
    ASSERT_TRUE(c.run_until([&] { return c.active_controller() >= 0; }, 10 * kSecond));
    c.world().restart(active);
    ASSERT_TRUE(c.run_until([&] { return c.converged(); }, kConvergenceBound));
    EXPECT_GT(acks_between(c, crashed, c.world().now()), 0u);
    EXPECT_TRUE(c.split_brain_acks().empty());
}

TEST(QuorumFaults, DataKeepsFlowingWhileTheCrashedActiveControllerIsReplaced) {
    QuorumCluster c;
    set_up_topic(c);
    const int32_t first = c.active_controller();
    c.world().crash(first);
    const sim::Time crashed = c.world().now();
    ASSERT_TRUE(c.run_until([&] { return c.active_controller() >= 0; }, 10 * kSecond));
    const sim::Time elected = c.world().now();
    EXPECT_NE(c.active_controller(), first);
    // No controller during [crashed, elected): the brokers serve data regardless.
    EXPECT_GT(acks_between(c, crashed, elected), 0u);
    c.run_for(3 * kSecond);
    c.world().restart(first);
    ASSERT_TRUE(c.run_until([&] { return c.converged(); }, kConvergenceBound));
    EXPECT_TRUE(c.split_brain_acks().empty());
}

TEST(QuorumFaults, FiveControllersSurviveTwoCrashesIncludingTheActiveOne) {
    QuorumClusterOptions options;
    options.controllers = 5;
    QuorumCluster c(options);
    set_up_topic(c);
    const int32_t first = c.active_controller();
    int32_t second_victim = -1;
    for (int32_t id : c.controller_ids()) {
        if (id != first) second_victim = id;
    }
    c.world().crash(first);
    c.world().crash(second_victim);
    const sim::Time crashed = c.world().now();
    ASSERT_TRUE(c.run_until([&] { return c.active_controller() >= 0; }, 10 * kSecond));
    EXPECT_GT(acks_between(c, crashed, c.world().now()), 0u);
    ASSERT_TRUE(c.create_topic("after", 1, 3));
    c.world().restart(first);
    c.world().restart(second_victim);
    ASSERT_TRUE(c.run_until([&] { return c.converged(); }, kConvergenceBound));
    EXPECT_NE(c.controller(first)->image().topic("after"), nullptr);
    EXPECT_TRUE(c.split_brain_acks().empty());
}

TEST(QuorumFaults, PausedActiveControllerIsReplacedAndRejoinsAsAFollower) {
    QuorumCluster c;
    set_up_topic(c);
    const int32_t first = c.active_controller();
    c.world().pause(first);
    ASSERT_TRUE(c.run_until([&] { return c.active_controller() >= 0; }, 10 * kSecond));
    const int32_t second = c.active_controller();
    EXPECT_NE(second, first);
    c.world().resume(first);
    ASSERT_TRUE(c.run_until([&] { return c.converged(); }, kConvergenceBound));
    // The resumed node still believed it led; the quorum's higher epoch deposed it.
    EXPECT_EQ(c.active_controller(), second);
    EXPECT_FALSE(c.controller(first)->is_active());
    EXPECT_TRUE(c.split_brain_acks().empty());
}

TEST(QuorumFaults, IsolatedActiveControllerResignsAndBrokersFollowTheNewOne) {
    QuorumCluster c;
    set_up_topic(c);
    const int32_t first = c.active_controller();
    for (sim::NodeId other : c.world().node_ids()) {
        if (other != first) c.world().network().cut(first, other);
    }
    ASSERT_TRUE(c.run_until(
        [&] {
            const int32_t active = c.active_controller();
            if (active < 0 || active == first) return false;
            for (int32_t id : c.broker_ids()) {
                if (c.broker(id)->active_controller() != active) return false;
            }
            return true;
        },
        15 * kSecond));
    // Check-quorum: the cut-off leader stops believing it is active.
    EXPECT_FALSE(c.controller(first)->is_active());
    ASSERT_TRUE(c.create_topic("after", 1, 3));
    c.world().network().heal_all();
    ASSERT_TRUE(c.run_until([&] { return c.converged(); }, kConvergenceBound));
    EXPECT_NE(c.image()->topic("after"), nullptr);
    EXPECT_TRUE(c.split_brain_acks().empty());
}

TEST(QuorumFaults, PartitionLeaderCutFromTheQuorumIsFencedReplacedAndStopsAckingAcksAll) {
    QuorumCluster c;
    set_up_topic(c);
    const TopicPartition tp{"t", 0};
    const int32_t old_leader = c.leader_of(tp);
    const int32_t old_epoch = c.image()->partition(tp)->leader_epoch;
    const sim::Time cut_at = c.world().now();
    for (int32_t controller : c.controller_ids()) c.world().network().cut(old_leader, controller);
    ASSERT_TRUE(c.run_until([&] { return c.leader_of(tp) != old_leader; }, 20 * kSecond));
    // Fenced only after the session timeout (9 s), not before.
    EXPECT_GE(c.world().now() - cut_at, 9 * kSecond);
    EXPECT_FALSE(c.image()->is_active(old_leader));
    EXPECT_GT(c.image()->partition(tp)->leader_epoch, old_epoch);
    c.run_for(3 * kSecond);  // the followers learn the new epoch and leave the old leader

    // The old leader still believes it leads `old_epoch`; its followers have moved on.
    auto* client = c.world().process_as<RawClient>(kQuorumClient);
    auto request = std::make_shared<protocol::ProduceRequest>();
    request->acks = protocol::kAcksAll;
    request->timeout_ms = 3000;
    protocol::RecordBatch batch;
    batch.records.push_back(protocol::Record{});
    batch.records.back().value = "to-the-fenced-leader";
    request->partitions.push_back({tp, batch});
    const int32_t id = client->send(old_leader, request);
    sim::MessagePtr response;
    ASSERT_TRUE(c.run_until([&] { return (response = client->take(id)) != nullptr; },
                            10 * kSecond));
    auto produced = std::dynamic_pointer_cast<const protocol::ProduceResponse>(response);
    ASSERT_NE(produced, nullptr);
    EXPECT_NE(produced->responses[0].error, Error::NONE);

    c.world().network().heal_all();
    ASSERT_TRUE(c.run_until([&] { return c.converged(); }, kConvergenceBound));
    EXPECT_TRUE(c.split_brain_acks().empty());
}

TEST(QuorumFaults, RestartedControllerCatchesUpFromTheLeadersSnapshot) {
    QuorumClusterOptions options;
    options.snapshot_threshold_entries = 4;
    QuorumCluster c(options);
    ASSERT_TRUE(c.wait_for_brokers());
    int32_t follower = -1;
    for (int32_t id : c.controller_ids()) {
        if (id != c.active_controller()) follower = id;
    }
    c.world().crash(follower);
    for (int i = 0; i < 6; ++i) ASSERT_TRUE(c.create_topic("t" + std::to_string(i), 1, 3));
    c.world().restart(follower);
    ASSERT_TRUE(c.run_until([&] { return c.converged(); }, kConvergenceBound));
    EXPECT_NE(c.controller(follower)->image().topic("t5"), nullptr);
    auto* log = dynamic_cast<RaftMetadataLog*>(c.metadata_log(follower));
    ASSERT_NE(log, nullptr);
    EXPECT_GT(log->raft().snapshot_index(), 0);
}

}  // namespace
}  // namespace core::controller::testing
