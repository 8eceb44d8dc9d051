// The sticky assignor against the cases of Kafka's AbstractStickyAssignorTest
// (clients/src/test/java/org/apache/kafka/clients/consumer/internals/), run through
// StickyAssignor: expected assignments and partitionsTransferringOwnership copied from
// those tests where Kafka pins them, Kafka's verifyValidityAndBalance where it does not.

#include <gtest/gtest.h>

#include "assignor_test_util.h"
#include "core/client/assignor/abstract_sticky_assignor.h"

namespace core::client {
namespace {

using testing::is_fully_balanced;
using testing::member;
using testing::sorted;
using testing::tp;
using testing::verify_validity_and_balance;
using Partitions = std::vector<TopicPartition>;
using Moving = std::map<TopicPartition, std::string>;

Moving no_moves() { return Moving{}; }

// AbstractStickyAssignorTest.testOneConsumerNoTopic / testOneConsumerNonexistentTopic
TEST(StickyAssignor, OneConsumerWithoutPartitionsGetsNothing) {
    StickyAssignment none = sticky_assign({}, {member("consumer", {})});
    EXPECT_EQ(none.assignment, (Assignment{{"consumer", {}}}));
    StickyAssignment empty = sticky_assign({{"topic", 0}}, {member("consumer", {"topic"})});
    EXPECT_EQ(empty.assignment, (Assignment{{"consumer", {}}}));
    EXPECT_EQ(empty.partitions_transferring_ownership, no_moves());
}

// AbstractStickyAssignorTest.testOnlyAssignsPartitionsFromSubscribedTopics
TEST(StickyAssignor, OwnedPartitionsOfUnsubscribedTopicsAreDropped) {
    StickyAssignment result = sticky_assign(
        {{"topic", 2}},
        {member("consumer", {"topic"},
                {tp("topic", 0), tp("topic", 1), tp("other", 0), tp("other", 1)}, 1)});
    EXPECT_EQ(result.assignment.at("consumer"), (Partitions{tp("topic", 0), tp("topic", 1)}));
    EXPECT_EQ(result.partitions_transferring_ownership, no_moves());
}

// AbstractStickyAssignorTest.testOneConsumerMultipleTopics
TEST(StickyAssignor, OneConsumerMultipleTopics) {
    StickyAssignment result =
        sticky_assign({{"topic1", 1}, {"topic2", 2}}, {member("consumer", {"topic1", "topic2"})});
    EXPECT_EQ(result.assignment.at("consumer"),
              (Partitions{tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)}));
}

// AbstractStickyAssignorTest.testTwoConsumersOneTopicTwoPartitions
TEST(StickyAssignor, TwoConsumersOneTopicTwoPartitions) {
    StickyAssignment result = sticky_assign(
        {{"topic", 2}}, {member("consumer1", {"topic"}), member("consumer2", {"topic"})});
    EXPECT_EQ(result.assignment.at("consumer1"), (Partitions{tp("topic", 0)}));
    EXPECT_EQ(result.assignment.at("consumer2"), (Partitions{tp("topic", 1)}));
}

// AbstractStickyAssignorTest.testMultipleConsumersMixedTopicSubscriptions
TEST(StickyAssignor, MultipleConsumersMixedTopicSubscriptions) {
    std::vector<Subscription> members{member("consumer1", {"topic1"}),
                                      member("consumer2", {"topic1", "topic2"}),
                                      member("consumer3", {"topic1"})};
    PartitionsPerTopic partitions{{"topic1", 3}, {"topic2", 2}};
    StickyAssignment result = sticky_assign(partitions, members);
    EXPECT_EQ(result.assignment.at("consumer1"), (Partitions{tp("topic1", 0), tp("topic1", 2)}));
    EXPECT_EQ(result.assignment.at("consumer2"), (Partitions{tp("topic2", 0), tp("topic2", 1)}));
    EXPECT_EQ(result.assignment.at("consumer3"), (Partitions{tp("topic1", 1)}));
    EXPECT_FALSE(result.partitions_transferring_ownership.has_value());
    verify_validity_and_balance(members, result.assignment, partitions);
}

// AbstractStickyAssignorTest.testTwoConsumersTwoTopicsSixPartitions
TEST(StickyAssignor, TwoConsumersTwoTopicsSixPartitions) {
    StickyAssignment result =
        sticky_assign({{"topic1", 3}, {"topic2", 3}},
                      {member("consumer1", {"topic1", "topic2"}),
                       member("consumer2", {"topic1", "topic2"})});
    EXPECT_EQ(result.assignment.at("consumer1"),
              (Partitions{tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)}));
    EXPECT_EQ(result.assignment.at("consumer2"),
              (Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)}));
}

// AbstractStickyAssignorTest.testConsumerOwningMinQuotaExpectedMaxQuota
TEST(StickyAssignor, ConsumerOwningMinQuotaExpectedMaxQuota) {
    std::vector<std::string> topics{"topic1", "topic2"};
    StickyAssignment result = sticky_assign(
        {{"topic1", 2}, {"topic2", 3}},
        {member("consumer1", topics, {tp("topic1", 0), tp("topic2", 1)}, 1),
         member("consumer2", topics, {tp("topic1", 1), tp("topic2", 2)}, 1)});
    EXPECT_EQ(result.assignment.at("consumer1"),
              (Partitions{tp("topic1", 0), tp("topic2", 1), tp("topic2", 0)}));
    EXPECT_EQ(result.assignment.at("consumer2"), (Partitions{tp("topic1", 1), tp("topic2", 2)}));
    EXPECT_EQ(result.partitions_transferring_ownership, no_moves());
}

// AbstractStickyAssignorTest.testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers:
// which of two members owning maxQuota keeps it follows Kafka's HashMap order.
TEST(StickyAssignor, MaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers) {
    std::vector<std::string> topics{"topic1", "topic2"};
    StickyAssignment result = sticky_assign(
        {{"topic1", 2}, {"topic2", 2}},
        {member("consumer1", topics, {tp("topic1", 0), tp("topic2", 0)}, 1),
         member("consumer2", topics, {tp("topic1", 1), tp("topic2", 1)}, 1),
         member("consumer3", topics, {}, 1)});
    EXPECT_EQ(result.partitions_transferring_ownership, (Moving{{tp("topic2", 0), "consumer3"}}));
    EXPECT_EQ(result.assignment.at("consumer1"), (Partitions{tp("topic1", 0)}));
    EXPECT_EQ(result.assignment.at("consumer2"), (Partitions{tp("topic1", 1), tp("topic2", 1)}));
    EXPECT_EQ(result.assignment.at("consumer3"), (Partitions{tp("topic2", 0)}));
}

// AbstractStickyAssignorTest.testAllConsumersAreUnderMinQuota
TEST(StickyAssignor, AllConsumersAreUnderMinQuota) {
    std::vector<std::string> topics{"topic1", "topic2"};
    StickyAssignment result =
        sticky_assign({{"topic1", 2}, {"topic2", 3}},
                      {member("consumer1", topics, {tp("topic1", 0)}, 1),
                       member("consumer2", topics, {tp("topic1", 1)}, 1),
                       member("consumer3", topics, {}, 1)});
    EXPECT_EQ(result.partitions_transferring_ownership, no_moves());
    EXPECT_EQ(result.assignment.at("consumer1"), (Partitions{tp("topic1", 0), tp("topic2", 1)}));
    EXPECT_EQ(result.assignment.at("consumer2"), (Partitions{tp("topic1", 1), tp("topic2", 2)}));
    EXPECT_EQ(result.assignment.at("consumer3"), (Partitions{tp("topic2", 0)}));
}

// AbstractStickyAssignorTest.testAddRemoveConsumerOneTopic
TEST(StickyAssignor, AddThenRemoveConsumerOneTopic) {
    PartitionsPerTopic partitions{{"topic", 3}};
    Assignment first = sticky_assign(partitions, {member("consumer1", {"topic"})}).assignment;
    EXPECT_EQ(first.at("consumer1"), (Partitions{tp("topic", 0), tp("topic", 1), tp("topic", 2)}));

    StickyAssignment second =
        sticky_assign(partitions, {member("consumer1", {"topic"}, first.at("consumer1"), 1),
                                   member("consumer2", {"topic"}, {}, 1)});
    EXPECT_EQ(second.partitions_transferring_ownership, (Moving{{tp("topic", 2), "consumer2"}}));
    EXPECT_EQ(second.assignment.at("consumer1"), (Partitions{tp("topic", 0), tp("topic", 1)}));
    EXPECT_EQ(second.assignment.at("consumer2"), (Partitions{tp("topic", 2)}));

    StickyAssignment third = sticky_assign(
        partitions, {member("consumer2", {"topic"}, second.assignment.at("consumer2"), 1)});
    EXPECT_EQ(sorted(third.assignment.at("consumer2")),
              (Partitions{tp("topic", 0), tp("topic", 1), tp("topic", 2)}));
    EXPECT_EQ(third.partitions_transferring_ownership, no_moves());
}

// AbstractStickyAssignorTest.testAddRemoveTwoConsumersTwoTopics
TEST(StickyAssignor, AddRemoveTwoConsumersTwoTopics) {
    std::vector<std::string> topics{"topic1", "topic2"};
    PartitionsPerTopic partitions{{"topic1", 3}, {"topic2", 4}};
    Assignment a = sticky_assign(partitions, {member("consumer1", topics),
                                              member("consumer2", topics)})
                       .assignment;
    EXPECT_EQ(a.at("consumer1"),
              (Partitions{tp("topic1", 0), tp("topic1", 2), tp("topic2", 1), tp("topic2", 3)}));
    EXPECT_EQ(a.at("consumer2"), (Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)}));

    StickyAssignment b = sticky_assign(
        partitions, {member("consumer1", topics, a.at("consumer1"), 1),
                     member("consumer2", topics, a.at("consumer2"), 1),
                     member("consumer3", topics, {}, 1), member("consumer4", topics, {}, 1)});
    EXPECT_EQ(b.partitions_transferring_ownership, (Moving{{tp("topic2", 1), "consumer3"},
                                                           {tp("topic2", 3), "consumer3"},
                                                           {tp("topic2", 2), "consumer4"}}));
    EXPECT_EQ(b.assignment.at("consumer1"), (Partitions{tp("topic1", 0), tp("topic1", 2)}));
    EXPECT_EQ(b.assignment.at("consumer2"), (Partitions{tp("topic1", 1), tp("topic2", 0)}));
    EXPECT_EQ(b.assignment.at("consumer3"), (Partitions{tp("topic2", 1), tp("topic2", 3)}));
    EXPECT_EQ(b.assignment.at("consumer4"), (Partitions{tp("topic2", 2)}));

    StickyAssignment c =
        sticky_assign(partitions, {member("consumer3", topics, b.assignment.at("consumer3"), 1),
                                   member("consumer4", topics, b.assignment.at("consumer4"), 1)});
    EXPECT_EQ(c.assignment.at("consumer3"),
              (Partitions{tp("topic2", 1), tp("topic2", 3), tp("topic1", 0), tp("topic2", 0)}));
    EXPECT_EQ(c.assignment.at("consumer4"),
              (Partitions{tp("topic2", 2), tp("topic1", 1), tp("topic1", 2)}));
    EXPECT_EQ(c.partitions_transferring_ownership, no_moves());
}

// AbstractStickyAssignorTest.testPoorRoundRobinAssignmentScenario
TEST(StickyAssignor, PoorRoundRobinScenarioIsBalanced) {
    PartitionsPerTopic partitions;
    for (int i = 1; i <= 5; ++i) partitions["topic" + std::to_string(i)] = (i % 2) + 1;
    std::vector<std::string> all{"topic1", "topic2", "topic3", "topic4", "topic5"};
    std::vector<std::string> odd{"topic1", "topic3", "topic5"};
    std::vector<Subscription> members{member("consumer1", all), member("consumer2", odd),
                                      member("consumer3", odd), member("consumer4", all)};
    Assignment assignment = sticky_assign(partitions, members).assignment;
    verify_validity_and_balance(members, assignment, partitions);
}

// AbstractStickyAssignorTest.testAddRemoveTopicTwoConsumers
TEST(StickyAssignor, AddingAndRemovingATopicKeepsOwnedPartitions) {
    PartitionsPerTopic partitions{{"topic", 3}};
    Assignment a = sticky_assign(partitions, {member("consumer1", {"topic"}),
                                              member("consumer2", {"topic"})})
                       .assignment;
    EXPECT_TRUE(is_fully_balanced(a));
    partitions["topic2"] = 3;
    std::vector<std::string> both{"topic", "topic2"};
    Assignment b = sticky_assign(partitions, {member("consumer1", both, a.at("consumer1"), 1),
                                              member("consumer2", both, a.at("consumer2"), 1)})
                       .assignment;
    EXPECT_EQ(b.at("consumer1").size(), 3u);
    EXPECT_EQ(b.at("consumer2").size(), 3u);
    for (const std::string id : {"consumer1", "consumer2"}) {
        for (const TopicPartition& p : a.at(id)) {
            EXPECT_NE(std::find(b.at(id).begin(), b.at(id).end(), p), b.at(id).end());
        }
    }
    partitions.erase("topic");
    Assignment c =
        sticky_assign(partitions, {member("consumer1", {"topic2"}, b.at("consumer1"), 1),
                                   member("consumer2", {"topic2"}, b.at("consumer2"), 1)})
            .assignment;
    EXPECT_TRUE(is_fully_balanced(c));
    for (const std::string id : {"consumer1", "consumer2"}) {
        for (const TopicPartition& p : c.at(id)) {
            EXPECT_NE(std::find(b.at(id).begin(), b.at(id).end(), p), b.at(id).end());
        }
    }
}

}  // namespace
}  // namespace core::client
