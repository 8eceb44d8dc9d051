// End-to-end behaviour of brokers and the controller in a World: topic creation and
// placement, replication with acks=all, and the Metadata every broker answers. Each test
// builds a MiniCluster (one controller, three brokers, a raw client) and asserts what a
// Kafka user would observe.

#include "tests/core/broker/mini_cluster.h"

namespace kafkasim_test {
namespace {

TEST(BrokerCluster, BrokersRegisterAndAreUnfenced) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    EXPECT_EQ(c.controller_image().active_broker_ids(), (std::vector<int32_t>{1, 2, 3}));
}

TEST(BrokerCluster, CreatedTopicHasALeaderOnEveryPartition) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    auto created = c.create_topic("trucks_gps", 3, 3);
    ASSERT_NE(created, nullptr);
    ASSERT_EQ(created->topics.size(), 1u);
    EXPECT_EQ(created->topics[0].error, Error::NONE);
    for (int32_t p = 0; p < 3; ++p) {
        EXPECT_TRUE(c.wait_for_leader({"trucks_gps", p}));
        EXPECT_EQ(c.isr_of({"trucks_gps", p}).size(), 3u);
    }
}

TEST(BrokerCluster, AcksAllRecordIsReadableAtItsOffset) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 3, {{"min.insync.replicas", "2"}});
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    for (int i = 0; i < 5; ++i) {
        auto r = c.produce(tp, "v" + std::to_string(i), kAcksAll);
        ASSERT_NE(r, nullptr);
        EXPECT_EQ(r->responses[0].error, Error::NONE);
        EXPECT_EQ(r->responses[0].base_offset, i);
    }
    EXPECT_EQ(c.read_all(tp), (std::vector<std::string>{"v0", "v1", "v2", "v3", "v4"}));
}

}  // namespace
}  // namespace kafkasim_test
