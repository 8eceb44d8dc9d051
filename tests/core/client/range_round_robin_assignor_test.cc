// Range and round-robin assignors against the cases in Kafka's RangeAssignorTest and
// RoundRobinAssignorTest (clients/src/test/java/org/apache/kafka/clients/consumer/), with
// the expected assignments copied from those tests; plus the lookup by Kafka's names.

#include <gtest/gtest.h>

#include "assignor_test_util.h"

namespace core::client {
namespace {

using testing::member;
using testing::tp;
using Partitions = std::vector<TopicPartition>;

Assignment range(const PartitionsPerTopic& partitions, const std::vector<Subscription>& members) {
    return make_assignor("range")->assign(partitions, members);
}

Assignment round_robin(const PartitionsPerTopic& partitions,
                       const std::vector<Subscription>& members) {
    return make_assignor("roundrobin")->assign(partitions, members);
}

// RangeAssignorTest.testOneConsumerNoTopic / testOneConsumerNonexistentTopic
TEST(RangeAssignor, ConsumerWithNoExistingTopicGetsNothing) {
    Assignment none = range({}, {member("consumer1", {})});
    EXPECT_EQ(none, (Assignment{{"consumer1", {}}}));
    Assignment missing = range({}, {member("consumer1", {"topic1"})});
    EXPECT_EQ(missing, (Assignment{{"consumer1", {}}}));
}

// RangeAssignorTest.testOneConsumerOneTopic / testOnlyAssignsPartitionsFromSubscribedTopics
TEST(RangeAssignor, OneConsumerGetsEveryPartitionOfItsTopicsOnly) {
    Assignment assignment = range({{"topic1", 3}, {"other", 3}}, {member("consumer1", {"topic1"})});
    EXPECT_EQ(assignment.at("consumer1"),
              (Partitions{tp("topic1", 0), tp("topic1", 1), tp("topic1", 2)}));
}

// RangeAssignorTest.testOneConsumerMultipleTopics
TEST(RangeAssignor, OneConsumerMultipleTopics) {
    Assignment assignment =
        range({{"topic1", 1}, {"topic2", 2}}, {member("consumer1", {"topic1", "topic2"})});
    EXPECT_EQ(assignment.at("consumer1"),
              (Partitions{tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)}));
}

// RangeAssignorTest.testTwoConsumersOneTopicOnePartition
TEST(RangeAssignor, MoreConsumersThanPartitionsLeavesExtrasIdle) {
    Assignment assignment =
        range({{"topic1", 1}}, {member("consumer1", {"topic1"}), member("consumer2", {"topic1"})});
    EXPECT_EQ(assignment.at("consumer1"), (Partitions{tp("topic1", 0)}));
    EXPECT_EQ(assignment.at("consumer2"), Partitions{});
}

// RangeAssignorTest.testTwoConsumersOneTopicTwoPartitions
TEST(RangeAssignor, TwoConsumersOneTopicTwoPartitions) {
    Assignment assignment =
        range({{"topic1", 2}}, {member("consumer1", {"topic1"}), member("consumer2", {"topic1"})});
    EXPECT_EQ(assignment.at("consumer1"), (Partitions{tp("topic1", 0)}));
    EXPECT_EQ(assignment.at("consumer2"), (Partitions{tp("topic1", 1)}));
}

// RangeAssignorTest.testMultipleConsumersMixedTopics
TEST(RangeAssignor, MultipleConsumersMixedTopics) {
    Assignment assignment = range({{"topic1", 3}, {"topic2", 2}},
                                  {member("consumer1", {"topic1"}),
                                   member("consumer2", {"topic1", "topic2"}),
                                   member("consumer3", {"topic1"})});
    EXPECT_EQ(assignment.at("consumer1"), (Partitions{tp("topic1", 0)}));
    EXPECT_EQ(assignment.at("consumer2"),
              (Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)}));
    EXPECT_EQ(assignment.at("consumer3"), (Partitions{tp("topic1", 2)}));
}

// RangeAssignorTest.testTwoConsumersTwoTopicsSixPartitions
TEST(RangeAssignor, TwoConsumersTwoTopicsSixPartitionsFavoursTheFirstOnEachTopic) {
    Assignment assignment = range({{"topic1", 3}, {"topic2", 3}},
                                  {member("consumer1", {"topic1", "topic2"}),
                                   member("consumer2", {"topic1", "topic2"})});
    EXPECT_EQ(assignment.at("consumer1"),
              (Partitions{tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)}));
    EXPECT_EQ(assignment.at("consumer2"), (Partitions{tp("topic1", 2), tp("topic2", 2)}));
}

// RangeAssignorTest.testTwoStaticConsumersTwoTopicsSixPartitions and
// testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions
TEST(RangeAssignor, StaticMembersOrderByInstanceIdAndBeforeDynamicOnes) {
    PartitionsPerTopic partitions{{"topic1", 3}, {"topic2", 3}};
    Partitions first{tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)};
    Partitions second{tp("topic1", 2), tp("topic2", 2)};
    Assignment both_static =
        range(partitions, {member("consumer-b", {"topic1", "topic2"}, {}, {}, "instance1"),
                           member("consumer-a", {"topic1", "topic2"}, {}, {}, "instance2")});
    EXPECT_EQ(both_static.at("consumer-b"), first);
    EXPECT_EQ(both_static.at("consumer-a"), second);
    Assignment one_static =
        range(partitions, {member("consumer-b", {"topic1", "topic2"}, {}, {}, "instance1"),
                           member("consumer-a", {"topic1", "topic2"})});
    EXPECT_EQ(one_static.at("consumer-b"), first);
    EXPECT_EQ(one_static.at("consumer-a"), second);
}

// RangeAssignorTest.testStaticMemberRangeAssignmentPersistent
TEST(RangeAssignor, StaticMemberAssignmentPersistsWhenADynamicMemberIsReplaced) {
    PartitionsPerTopic partitions{{"topic1", 5}, {"topic2", 4}};
    std::vector<std::string> topics{"topic1", "topic2"};
    std::vector<Subscription> members{member("consumer1", topics, {}, {}, "instance1"),
                                      member("consumer2", topics, {}, {}, "instance2"),
                                      member("consumer3", topics, {}, {}, "instance3"),
                                      member("consumer4", topics)};
    Assignment expected{
        {"consumer1", {tp("topic1", 0), tp("topic1", 1), tp("topic2", 0)}},
        {"consumer2", {tp("topic1", 2), tp("topic2", 1)}},
        {"consumer3", {tp("topic1", 3), tp("topic2", 2)}},
        {"consumer4", {tp("topic1", 4), tp("topic2", 3)}},
    };
    EXPECT_EQ(range(partitions, members), expected);
    members.back() = member("consumer5", topics);
    expected["consumer5"] = expected.at("consumer4");
    expected.erase("consumer4");
    EXPECT_EQ(range(partitions, members), expected);
}

// RoundRobinAssignorTest.testTwoConsumersOneTopicOnePartition / ...TwoPartitions
TEST(RoundRobinAssignor, TwoConsumersOneTopic) {
    std::vector<Subscription> members{member("consumer1", {"topic"}),
                                      member("consumer2", {"topic"})};
    Assignment one = round_robin({{"topic", 1}}, members);
    EXPECT_EQ(one.at("consumer1"), (Partitions{tp("topic", 0)}));
    EXPECT_EQ(one.at("consumer2"), Partitions{});
    Assignment two = round_robin({{"topic", 2}}, members);
    EXPECT_EQ(two.at("consumer1"), (Partitions{tp("topic", 0)}));
    EXPECT_EQ(two.at("consumer2"), (Partitions{tp("topic", 1)}));
}

// RoundRobinAssignorTest.testMultipleConsumersMixedTopics
TEST(RoundRobinAssignor, MultipleConsumersMixedTopicsSkipsUnsubscribedMembers) {
    Assignment assignment = round_robin({{"topic1", 3}, {"topic2", 2}},
                                        {member("consumer1", {"topic1"}),
                                         member("consumer2", {"topic1", "topic2"}),
                                         member("consumer3", {"topic1"})});
    EXPECT_EQ(assignment.at("consumer1"), (Partitions{tp("topic1", 0)}));
    EXPECT_EQ(assignment.at("consumer2"),
              (Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)}));
    EXPECT_EQ(assignment.at("consumer3"), (Partitions{tp("topic1", 2)}));
}

// RoundRobinAssignorTest.testTwoDynamicConsumersTwoTopicsSixPartitions and
// testTwoStaticConsumersTwoTopicsSixPartitions
TEST(RoundRobinAssignor, TwoConsumersTwoTopicsInterleave) {
    PartitionsPerTopic partitions{{"topic1", 3}, {"topic2", 3}};
    Partitions first{tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)};
    Partitions second{tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)};
    Assignment dynamic = round_robin(partitions, {member("consumer1", {"topic1", "topic2"}),
                                                  member("consumer2", {"topic1", "topic2"})});
    EXPECT_EQ(dynamic.at("consumer1"), first);
    EXPECT_EQ(dynamic.at("consumer2"), second);
    Assignment by_instance =
        round_robin(partitions, {member("consumer-b", {"topic1", "topic2"}, {}, {}, "instance1"),
                                 member("consumer-a", {"topic1", "topic2"}, {}, {}, "instance2")});
    EXPECT_EQ(by_instance.at("consumer-b"), first);
    EXPECT_EQ(by_instance.at("consumer-a"), second);
}

// RoundRobinAssignorTest.testStaticMemberAssignmentPersistent
TEST(RoundRobinAssignor, StaticMemberAssignmentPersistsWhenADynamicMemberIsReplaced) {
    PartitionsPerTopic partitions{{"topic1", 3}, {"topic2", 3}};
    std::vector<std::string> topics{"topic1", "topic2"};
    std::vector<Subscription> members{member("consumer1", topics, {}, {}, "instance1"),
                                      member("consumer2", topics, {}, {}, "instance2"),
                                      member("consumer3", topics, {}, {}, "instance3"),
                                      member("consumer4", topics)};
    Assignment expected{{"consumer1", {tp("topic1", 0), tp("topic2", 1)}},
                        {"consumer2", {tp("topic1", 1), tp("topic2", 2)}},
                        {"consumer3", {tp("topic1", 2)}},
                        {"consumer4", {tp("topic2", 0)}}};
    EXPECT_EQ(round_robin(partitions, members), expected);
    members.back() = member("consumer5", topics);
    expected["consumer5"] = expected.at("consumer4");
    expected.erase("consumer4");
    EXPECT_EQ(round_robin(partitions, members), expected);
}

TEST(Assignor, SeedWalkthroughFourMembersThreePartitionsLeavesOneIdle) {
    for (std::string_view name : {"range", "roundrobin", "sticky", "cooperative-sticky"}) {
        std::vector<Subscription> members;
        for (int i = 1; i <= 4; ++i) members.push_back(member("c" + std::to_string(i), {"t"}));
        Assignment assignment = make_assignor(name)->assign({{"t", 3}}, members);
        ASSERT_EQ(assignment.size(), 4u) << name;
        int idle = 0;
        size_t assigned = 0;
        for (const auto& [id, partitions] : assignment) {
            idle += partitions.empty() ? 1 : 0;
            assigned += partitions.size();
        }
        EXPECT_EQ(idle, 1) << name;
        EXPECT_EQ(assigned, 3u) << name;
    }
}

TEST(Assignor, LookupByKafkaNamesAndClassNames) {
    EXPECT_EQ(make_assignor("range")->class_name(),
              "org.apache.kafka.clients.consumer.RangeAssignor");
    EXPECT_EQ(make_assignor("org.apache.kafka.clients.consumer.RoundRobinAssignor")->name(),
              "roundrobin");
    EXPECT_EQ(make_assignor("sticky")->protocol(), RebalanceProtocol::Eager);
    EXPECT_EQ(make_assignor("org.apache.kafka.clients.consumer.CooperativeStickyAssignor")
                  ->protocol(),
              RebalanceProtocol::Cooperative);
    EXPECT_EQ(make_assignor("fair"), nullptr);
}

}  // namespace
}  // namespace core::client
