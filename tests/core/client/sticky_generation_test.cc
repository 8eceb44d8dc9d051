// The sticky assignor's handling of owned partitions across generations and of larger
// groups, against AbstractStickyAssignorTest (Kafka >= 3.4): the highest generation keeps
// a partition, a tie in one generation leaves it to be reassigned (and counted as
// transferring ownership), and seeded random groups stay valid and balanced.

#include <gtest/gtest.h>

#include <set>

#include "assignor_test_util.h"
#include "core/client/assignor/abstract_sticky_assignor.h"
#include "sim/rng.h"

namespace core::client {
namespace {

using testing::is_fully_balanced;
using testing::member;
using testing::sorted;
using testing::tp;
using testing::verify_validity_and_balance;
using Partitions = std::vector<TopicPartition>;
using Moving = std::map<TopicPartition, std::string>;

// AbstractStickyAssignorTest.testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration
TEST(StickyGeneration, StaleGenerationLosesPartitionsTheCurrentOneClaims) {
    std::vector<std::string> topics{"topic", "topic2"};
    Partitions claimed{tp("topic", 0), tp("topic", 2), tp("topic2", 1)};
    StickyAssignment result = sticky_assign(
        {{"topic", 3}, {"topic2", 3}},
        {member("consumer1", topics, claimed, 10), member("consumer2", topics, claimed, 9)});
    EXPECT_EQ(sorted(result.assignment.at("consumer1")), sorted(claimed));
    EXPECT_EQ(sorted(result.assignment.at("consumer2")),
              (Partitions{tp("topic", 1), tp("topic2", 0), tp("topic2", 2)}));
    EXPECT_EQ(result.partitions_transferring_ownership, Moving{});
}

// AbstractStickyAssignorTest.testOwnedPartitionsAreInvalidatedForConsumerWithNoGeneration
TEST(StickyGeneration, NoGenerationLosesToAnyGeneration) {
    std::vector<std::string> topics{"topic", "topic2"};
    Partitions claimed{tp("topic", 0), tp("topic", 2), tp("topic2", 1)};
    StickyAssignment result = sticky_assign(
        {{"topic", 3}, {"topic2", 3}},
        {member("consumer1", topics, claimed, 10), member("consumer2", topics, claimed)});
    EXPECT_EQ(sorted(result.assignment.at("consumer1")), sorted(claimed));
    EXPECT_EQ(result.partitions_transferring_ownership, Moving{});
}

// AbstractStickyAssignorTest.testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration
TEST(StickyGeneration, OlderGenerationKeepsWhatNoNewerMemberClaims) {
    std::vector<std::string> topics{"topic", "topic2"};
    StickyAssignment result = sticky_assign(
        {{"topic", 3}, {"topic2", 3}},
        {member("consumer1", topics, {tp("topic", 0), tp("topic2", 1), tp("topic", 1)}, 10),
         member("consumer2", topics, {tp("topic", 0), tp("topic2", 1), tp("topic2", 2)}, 8)});
    EXPECT_EQ(sorted(result.assignment.at("consumer1")),
              (Partitions{tp("topic", 0), tp("topic", 1), tp("topic2", 1)}));
    EXPECT_EQ(sorted(result.assignment.at("consumer2")),
              (Partitions{tp("topic", 2), tp("topic2", 0), tp("topic2", 2)}));
}

// AbstractStickyAssignorTest.testPartitionsTransferringOwnershipIncludeThePartitionClaimed
// ByMultipleConsumersInSameGeneration
TEST(StickyGeneration, PartitionClaimedTwiceInOneGenerationIsTransferring) {
    std::vector<std::string> topics{"topic"};
    StickyAssignment result = sticky_assign(
        {{"topic", 3}}, {member("consumer1", topics, {tp("topic", 0), tp("topic", 1)}, 1),
                         member("consumer2", topics, {tp("topic", 0), tp("topic", 2)}, 1),
                         member("consumer3", topics, {}, 1)});
    EXPECT_EQ(result.partitions_transferring_ownership, (Moving{{tp("topic", 0), "consumer3"}}));
    EXPECT_EQ(result.assignment.at("consumer1"), (Partitions{tp("topic", 1)}));
    EXPECT_EQ(result.assignment.at("consumer2"), (Partitions{tp("topic", 2)}));
    EXPECT_EQ(result.assignment.at("consumer3"), (Partitions{tp("topic", 0)}));
}

// AbstractStickyAssignorTest.testEnsurePartitionsAssignedToHighestGeneration
TEST(StickyGeneration, PartitionsGoToTheHighestGenerationClaimer) {
    std::vector<std::string> topics{"topic", "topic2", "topic3"};
    StickyAssignment result = sticky_assign(
        {{"topic", 3}, {"topic2", 3}, {"topic3", 3}},
        {member("consumer1", topics, {tp("topic", 0), tp("topic2", 0), tp("topic3", 0)}, 10),
         member("consumer2", topics, {tp("topic", 1), tp("topic2", 1), tp("topic3", 1)}, 9),
         member("consumer3", topics, {tp("topic2", 1), tp("topic3", 0), tp("topic3", 2)}, 8)});
    EXPECT_EQ(sorted(result.assignment.at("consumer1")),
              (Partitions{tp("topic", 0), tp("topic2", 0), tp("topic3", 0)}));
    EXPECT_EQ(sorted(result.assignment.at("consumer2")),
              (Partitions{tp("topic", 1), tp("topic2", 1), tp("topic3", 1)}));
    EXPECT_EQ(sorted(result.assignment.at("consumer3")),
              (Partitions{tp("topic", 2), tp("topic2", 2), tp("topic3", 2)}));
    EXPECT_EQ(result.partitions_transferring_ownership, Moving{});
}

// AbstractStickyAssignorTest.testNoReassignmentOnCurrentMembers
TEST(StickyGeneration, NewMemberTakesOnlyUnownedPartitions) {
    std::vector<std::string> topics{"topic", "topic2", "topic3", "topic1"};
    StickyAssignment result = sticky_assign(
        {{"topic", 3}, {"topic1", 3}, {"topic2", 3}, {"topic3", 3}},
        {member("consumer1", topics),
         member("consumer2", topics, {tp("topic", 0), tp("topic2", 0), tp("topic1", 0)}, 9),
         member("consumer3", topics, {tp("topic3", 2), tp("topic2", 2), tp("topic1", 1)}, 8),
         member("consumer4", topics, {tp("topic3", 1), tp("topic", 1), tp("topic", 2)}, 7)});
    EXPECT_EQ(sorted(result.assignment.at("consumer1")),
              (Partitions{tp("topic1", 2), tp("topic2", 1), tp("topic3", 0)}));
    EXPECT_EQ(result.partitions_transferring_ownership, Moving{});
}

// AbstractStickyAssignorTest.testAllConsumersReachExpectedQuotaAndAreConsideredFilled
TEST(StickyGeneration, AllConsumersReachExpectedQuota) {
    std::vector<std::string> topics{"topic"};
    StickyAssignment result = sticky_assign(
        {{"topic", 4}}, {member("consumer1", topics, {tp("topic", 0), tp("topic", 1)}, 1),
                         member("consumer2", topics, {tp("topic", 2)}, 1),
                         member("consumer3", topics, {}, 1)});
    EXPECT_EQ(result.assignment.at("consumer1"), (Partitions{tp("topic", 0), tp("topic", 1)}));
    EXPECT_EQ(result.assignment.at("consumer2"), (Partitions{tp("topic", 2)}));
    EXPECT_EQ(result.assignment.at("consumer3"), (Partitions{tp("topic", 3)}));
    EXPECT_EQ(result.partitions_transferring_ownership, Moving{});
}

// AbstractStickyAssignorTest.testNoExceptionThrownWhenOnlySubscribedTopicDeleted
TEST(StickyGeneration, DeletedTopicLeavesMemberEmpty) {
    StickyAssignment result =
        sticky_assign({}, {member("consumer", {"topic"}, {tp("topic", 0), tp("topic", 1)}, 1)});
    EXPECT_EQ(result.assignment, (Assignment{{"consumer", {}}}));
}

// AbstractStickyAssignorTest.testReassignmentAfterOneConsumerLeaves: consumer i
// subscribes to topics 1..i, topic i has i partitions; consumer10 leaves.
TEST(StickyGeneration, ReassignmentAfterOneConsumerLeavesStaysValidAndBalanced) {
    PartitionsPerTopic partitions;
    std::vector<Subscription> members;
    for (int i = 1; i < 20; ++i) {
        partitions["t" + std::to_string(100 + i)] = i;
        std::vector<std::string> topics;
        for (int j = 1; j <= i; ++j) topics.push_back("t" + std::to_string(100 + j));
        members.push_back(member("c" + std::to_string(100 + i), topics));
    }
    Assignment first = sticky_assign(partitions, members).assignment;
    verify_validity_and_balance(members, first, partitions);
    std::vector<Subscription> next;
    for (Subscription m : members) {
        if (m.member_id == "c110") continue;
        m.owned_partitions = first.at(m.member_id);
        m.generation = 1;
        next.push_back(m);
    }
    Assignment second = sticky_assign(partitions, next).assignment;
    verify_validity_and_balance(next, second, partitions);
}

// AbstractStickyAssignorTest.testReassignmentAfterOneConsumerAdded and
// testSameSubscriptions: with equal subscriptions members keep what they own.
TEST(StickyGeneration, EqualSubscriptionsKeepOwnedPartitionsWhenMembersComeAndGo) {
    PartitionsPerTopic partitions;
    std::vector<std::string> topics;
    for (int i = 1; i < 15; ++i) {
        topics.push_back("t" + std::to_string(100 + i));
        partitions[topics.back()] = i;
    }
    std::vector<Subscription> members;
    for (int i = 1; i < 9; ++i) members.push_back(member("c" + std::to_string(i), topics));
    Assignment first = sticky_assign(partitions, members).assignment;
    verify_validity_and_balance(members, first, partitions);
    EXPECT_TRUE(is_fully_balanced(first));
    std::vector<Subscription> next;
    for (Subscription m : members) {
        if (m.member_id == "c5") continue;
        m.owned_partitions = first.at(m.member_id);
        m.generation = 1;
        next.push_back(m);
    }
    StickyAssignment second = sticky_assign(partitions, next);
    EXPECT_EQ(second.partitions_transferring_ownership, Moving{});
    verify_validity_and_balance(next, second.assignment, partitions);
    for (const Subscription& m : next) {
        for (const TopicPartition& p : m.owned_partitions) {
            const Partitions& now = second.assignment.at(m.member_id);
            EXPECT_NE(std::find(now.begin(), now.end(), p), now.end()) << p.str();
        }
    }
}

// AbstractStickyAssignorTest.testReassignmentWithRandomSubscriptionsAndChanges, with a
// seeded sim::Rng instead of java.util.Random.
TEST(StickyGeneration, RandomSubscriptionsAndChangesStayValidAndBalanced) {
    sim::Rng rng(2024);
    for (int round = 0; round < 30; ++round) {
        PartitionsPerTopic partitions;
        std::vector<std::string> topics;
        const int topic_count = 10 + int(rng.uniform(10));
        for (int i = 0; i < topic_count; ++i) {
            topics.push_back("t" + std::to_string(i));
            partitions[topics.back()] = i + 1;
        }
        auto random_topics = [&] {
            std::vector<std::string> picked;
            for (const std::string& t : topics) {
                if (rng.uniform(2) == 0) picked.push_back(t);
            }
            return picked;
        };
        const int member_count = 20 + int(rng.uniform(20));
        std::vector<Subscription> members;
        for (int i = 0; i < member_count; ++i) {
            members.push_back(member("c" + std::to_string(i), random_topics()));
        }
        Assignment first = sticky_assign(partitions, members).assignment;
        verify_validity_and_balance(members, first, partitions);
        for (Subscription& m : members) {
            m.topics = random_topics();
            m.owned_partitions = first.at(m.member_id);
            m.generation = 1;
        }
        Assignment second = sticky_assign(partitions, members).assignment;
        verify_validity_and_balance(members, second, partitions);
    }
}

TEST(JavaHashMapOrder, WalksBucketsInJavasOrder) {
    // Kafka's test names land in buckets 12, 11, 10 of a 16-bucket HashMap, so Kafka walks
    // them in reverse; that is why consumer2 keeps maxQuota in
    // testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers.
    EXPECT_EQ(java_hash_map_order({"consumer1", "consumer2", "consumer3"}),
              (std::vector<std::string>{"consumer3", "consumer2", "consumer1"}));
}

}  // namespace
}  // namespace core::client
