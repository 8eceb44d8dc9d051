// Admin requests through any broker, decided by the controller with Kafka's errors and
// wording: the replication factor check against available brokers, duplicate topics,
// invalid partition counts and configs, and delete.topic.enable. Topics survive a
// controller restart because every change is a committed metadata record.

#include "tests/core/broker/mini_cluster.h"

namespace kafkasim_test {
namespace {

TEST(Admin, ReplicationFactorAboveLiveBrokersFailsWithKafkasMessage) {
    MiniClusterOptions options;
    options.brokers = 1;
    MiniCluster c(options);
    ASSERT_TRUE(c.wait_for_brokers());
    auto r = c.create_topic("first_topic", 3, 2);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->topics[0].error, Error::INVALID_REPLICATION_FACTOR);
    EXPECT_EQ(r->topics[0].error_message,
              "Replication factor: 2 larger than available brokers: 1.");
}

TEST(Admin, CreatingAnExistingTopicFailsWithTopicAlreadyExists) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    EXPECT_EQ(c.create_topic("x", 1, 1)->topics[0].error, Error::NONE);
    auto again = c.create_topic("x", 1, 1);
    EXPECT_EQ(again->topics[0].error, Error::TOPIC_ALREADY_EXISTS);
    EXPECT_EQ(again->topics[0].error_message, "Topic 'x' already exists.");
}

TEST(Admin, ZeroPartitionsFailsWithInvalidPartitions) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    auto r = c.create_topic("x", 0, 1);
    EXPECT_EQ(r->topics[0].error, Error::INVALID_PARTITIONS);
    EXPECT_EQ(r->topics[0].error_message, "Number of partitions must be larger than 0.");
}

TEST(Admin, UnknownTopicConfigFailsWithInvalidConfig) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    auto r = c.create_topic("x", 1, 1, {{"no.such.config", "1"}});
    EXPECT_EQ(r->topics[0].error, Error::INVALID_CONFIG);
}

std::shared_ptr<const DeleteTopicsResponse> delete_topic(MiniCluster& c, const std::string& t) {
    auto request = std::make_shared<DeleteTopicsRequest>();
    request->topic_names = {t};
    return c.call<DeleteTopicsResponse>(2, request);
}

TEST(Admin, DeletedTopicDisappearsFromMetadata) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("gone", 2, 2);
    ASSERT_TRUE(c.wait_for_leader({"gone", 0}));
    EXPECT_EQ(delete_topic(c, "gone")->responses[0].error, Error::NONE);
    c.run_for(2 * kSecond);
    auto request = std::make_shared<MetadataRequest>();
    request->topics = std::vector<std::string>{"gone"};
    auto metadata = c.call<MetadataResponse>(3, request);
    EXPECT_EQ(metadata->topics[0].error, Error::UNKNOWN_TOPIC_OR_PARTITION);
    EXPECT_EQ(delete_topic(c, "gone")->responses[0].error, Error::UNKNOWN_TOPIC_OR_PARTITION);
}

TEST(Admin, DeleteIsRefusedWhenTopicDeletionIsDisabled) {
    MiniClusterOptions options;
    options.delete_topic_enable = false;
    MiniCluster c(options);
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("kept", 1, 1);
    EXPECT_EQ(delete_topic(c, "kept")->responses[0].error, Error::TOPIC_DELETION_DISABLED);
}

TEST(Admin, EveryBrokerAnswersMetadataForTheWholeCluster) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("a", 3, 2);
    ASSERT_TRUE(c.wait_for_leader({"a", 2}));
    c.run_for(1 * kSecond);
    for (int32_t id : c.broker_ids()) {
        auto metadata = c.call<MetadataResponse>(id, std::make_shared<MetadataRequest>());
        ASSERT_NE(metadata, nullptr);
        EXPECT_EQ(metadata->brokers.size(), 3u);
        ASSERT_EQ(metadata->topics.size(), 1u);
        EXPECT_EQ(metadata->topics[0].partitions.size(), 3u);
        for (const auto& p : metadata->topics[0].partitions) {
            EXPECT_GE(p.leader_id, 1);
            EXPECT_EQ(p.replica_nodes.size(), 2u);
        }
    }
}

TEST(Admin, TopicsSurviveAControllerRestart) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("durable", 2, 3);
    c.run_for(1 * kSecond);
    c.world().crash(kController);
    c.world().restart(kController);
    ASSERT_TRUE(c.run_until([&] {
        return c.world().process_as<controller::ControllerNode>(kController) != nullptr &&
               c.controller_image().topic("durable") != nullptr;
    }));
    EXPECT_EQ(c.create_topic("durable", 1, 1)->topics[0].error, Error::TOPIC_ALREADY_EXISTS);
}

}  // namespace
}  // namespace kafkasim_test
