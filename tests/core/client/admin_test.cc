// The admin client as kafka-topics.sh users meet it: Kafka's errors with their exception
// names and messages (replication factor above the broker count, an existing topic, a
// bad partition count, deleting an unknown topic), and describe/list output in
// kafka-topics.sh's exact format (Kafka 3.0-3.6 TopicCommand: tab-separated fields, one
// line per partition, Leader "none" when offline).

#include <gtest/gtest.h>

#include "core/client/admin.h"
#include "tests/support/test_cluster.h"

namespace kafkasim::test {
namespace {

using core::protocol::Error;
using namespace sim::literals;

TEST(Admin, ReplicationFactorAboveTheBrokerCountFailsWithKafkasError) {
    TestCluster t({.brokers = 1, .seed = 1});
    auto result = t.admin().create_topic("first_topic", 3, 2);
    EXPECT_EQ(result.error, Error::INVALID_REPLICATION_FACTOR);
    EXPECT_EQ(result.exception_name, "InvalidReplicationFactorException");
    EXPECT_EQ(result.message, "Replication factor: 2 larger than available brokers: 1.");
}

TEST(Admin, CreatingAnExistingTopicOrZeroPartitionsFails) {
    TestCluster t({.brokers = 1, .seed = 1});
    ASSERT_TRUE(t.admin().create_topic("first_topic", 3, 1).ok());
    auto again = t.admin().create_topic("first_topic", 3, 1);
    EXPECT_EQ(again.exception_name, "TopicExistsException");
    EXPECT_EQ(again.message, "Topic 'first_topic' already exists.");
    auto empty = t.admin().create_topic("empty", 0, 1);
    EXPECT_EQ(empty.exception_name, "InvalidPartitionsException");
}

TEST(Admin, DescribePrintsKafkaTopicsFormat) {
    TestCluster t({.brokers = 1, .seed = 1});
    t.create_topic("first_topic", 3, 1, {{"min.insync.replicas", "1"}});
    auto d = t.admin().describe_topic("first_topic");
    ASSERT_TRUE(d.result.ok());
    const std::string id = core::client::format_topic_id(d.topic_id);
    EXPECT_EQ(id.size(), 22u);
    EXPECT_EQ(t.admin().describe("first_topic"),
              "Topic: first_topic\tTopicId: " + id +
                  "\tPartitionCount: 3\tReplicationFactor: 1\tConfigs: min.insync.replicas=1\n"
                  "\tTopic: first_topic\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\n"
                  "\tTopic: first_topic\tPartition: 1\tLeader: 1\tReplicas: 1\tIsr: 1\n"
                  "\tTopic: first_topic\tPartition: 2\tLeader: 1\tReplicas: 1\tIsr: 1\n");
}

TEST(Admin, DescribeShowsLeaderNoneForAnOfflinePartition) {
    core::client::TopicDescription d;
    d.result = core::client::topic_result("t", Error::NONE);
    d.partitions.push_back({0, -1, {2, 3}, {2}});
    EXPECT_EQ(core::client::format_topic_description(d),
              "Topic: t\tPartitionCount: 1\tReplicationFactor: 2\tConfigs: \n"
              "\tTopic: t\tPartition: 0\tLeader: none\tReplicas: 2,3\tIsr: 2\n");
}

TEST(Admin, ListIsSortedOneNamePerLineAndDeleteRemovesATopic) {
    TestCluster t({.brokers = 3, .seed = 2});
    t.create_topic("trucks_gps", 3, 3);
    t.create_topic("first_topic", 1, 1);
    EXPECT_EQ(t.admin().list(), "first_topic\ntrucks_gps\n");
    EXPECT_TRUE(t.admin().delete_topic("first_topic").ok());
    t.run_for(1_s);
    EXPECT_EQ(t.admin().list(), "trucks_gps\n");
    auto unknown = t.admin().delete_topic("nope");
    EXPECT_EQ(unknown.exception_name, "UnknownTopicOrPartitionException");
    EXPECT_EQ(t.admin().describe("nope"),
              "Error while executing topic command : Topic 'nope' does not exist as expected\n");
}

}  // namespace
}  // namespace kafkasim::test
