// The cooperative-sticky assignor against Kafka's CooperativeStickyAssignorTest: a
// partition that changes owner is withheld for one rebalance (the old owner revokes it
// first), no partition is revoked and assigned in the same round, and the follow-up
// rebalance reaches a valid, balanced assignment (Kafka's cooperative
// verifyValidityAndBalance, which reruns the assignor until nothing is revoked).

#include <gtest/gtest.h>

#include <set>

#include "assignor_test_util.h"
#include "sim/rng.h"

namespace core::client {
namespace {

using testing::is_fully_balanced;
using testing::member;
using testing::tp;
using testing::verify_validity_and_balance;
using Partitions = std::vector<TopicPartition>;

Assignment cooperative(const PartitionsPerTopic& partitions,
                       const std::vector<Subscription>& members) {
    return make_assignor("cooperative-sticky")->assign(partitions, members);
}

// CooperativeStickyAssignorTest.verifyCooperativeValidity: true when something is revoked;
// fails the test if a revoked partition is handed to someone in the same round.
bool revokes_without_reassigning(const std::vector<Subscription>& members,
                                 const Assignment& assignment) {
    std::set<TopicPartition> added;
    std::set<TopicPartition> revoked;
    for (const Subscription& m : members) {
        const Partitions& now = assignment.at(m.member_id);
        std::set<TopicPartition> owned(m.owned_partitions.begin(), m.owned_partitions.end());
        std::set<TopicPartition> assigned(now.begin(), now.end());
        for (const TopicPartition& p : assigned) {
            if (owned.count(p) == 0) added.insert(p);
        }
        for (const TopicPartition& p : owned) {
            if (assigned.count(p) == 0) revoked.insert(p);
        }
    }
    for (const TopicPartition& p : revoked) {
        EXPECT_EQ(added.count(p), 0u) << p.str() << " revoked and reassigned in one round";
    }
    return !revoked.empty();
}

// CooperativeStickyAssignorTest.verifyValidityAndBalance: follow-up rebalances with the
// members owning what they were given, until no partition is revoked (at most 4).
Assignment settle(const PartitionsPerTopic& partitions, std::vector<Subscription> members,
                  Assignment assignment) {
    int rebalances = 0;
    while (revokes_without_reassigning(members, assignment)) {
        for (Subscription& m : members) {
            m.owned_partitions = assignment.at(m.member_id);
            m.generation = 1;
        }
        assignment = cooperative(partitions, members);
        EXPECT_LE(++rebalances, 4);
    }
    verify_validity_and_balance(members, assignment, partitions);
    return assignment;
}

// CooperativeStickyAssignorTest.testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimed
// ByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer
TEST(CooperativeStickyAssignor, DoublyClaimedPartitionWaitsForBothToRevoke) {
    std::vector<Subscription> members{
        member("consumer1", {"topic"}, {tp("topic", 0), tp("topic", 1)}, 1),
        member("consumer2", {"topic"}, {tp("topic", 0), tp("topic", 2)}, 1),
        member("consumer3", {"topic"}, {}, 1)};
    Assignment assignment = cooperative({{"topic", 3}}, members);
    EXPECT_EQ(assignment.at("consumer1"), (Partitions{tp("topic", 1)}));
    EXPECT_EQ(assignment.at("consumer2"), (Partitions{tp("topic", 2)}));
    EXPECT_TRUE(assignment.at("consumer3").empty());
    Assignment settled = settle({{"topic", 3}}, members, assignment);
    EXPECT_TRUE(is_fully_balanced(settled));
}

// CooperativeStickyAssignorTest.testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimed
// ByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer
TEST(CooperativeStickyAssignor, DoublyClaimedPartitionWithUnequalQuotas) {
    std::vector<Subscription> members{
        member("consumer1", {"topic"}, {tp("topic", 0), tp("topic", 1)}, 1),
        member("consumer2", {"topic"}, {tp("topic", 0), tp("topic", 2)}, 1),
        member("consumer3", {"topic"}, {}, 1)};
    Assignment assignment = cooperative({{"topic", 4}}, members);
    EXPECT_EQ(assignment.at("consumer1"), (Partitions{tp("topic", 1), tp("topic", 3)}));
    EXPECT_EQ(assignment.at("consumer2"), (Partitions{tp("topic", 2)}));
    EXPECT_TRUE(assignment.at("consumer3").empty());
    Assignment settled = settle({{"topic", 4}}, members, assignment);
    EXPECT_TRUE(is_fully_balanced(settled));
}

// CooperativeStickyAssignorTest.testAssignorWithOldVersionSubscriptions: owned partitions
// without a generation still count when no one claims them.
TEST(CooperativeStickyAssignor, OwnedPartitionsWithoutGenerationAreKept) {
    std::vector<Subscription> members{member("consumer1", {"topic1"}, {tp("topic1", 0)}),
                                      member("consumer2", {"topic1"}, {tp("topic1", 1)}),
                                      member("consumer3", {"topic1"}, {}, 1)};
    Assignment assignment = cooperative({{"topic1", 3}}, members);
    EXPECT_EQ(assignment.at("consumer1"), (Partitions{tp("topic1", 0)}));
    EXPECT_EQ(assignment.at("consumer2"), (Partitions{tp("topic1", 1)}));
    EXPECT_EQ(assignment.at("consumer3"), (Partitions{tp("topic1", 2)}));
}

// AbstractStickyAssignorTest.testAddRemoveConsumerOneTopic, cooperatively: the new member
// gets topic-2 only in the second round, after consumer1 revoked it.
TEST(CooperativeStickyAssignor, NewMemberGetsMovedPartitionOneRebalanceLater) {
    PartitionsPerTopic partitions{{"topic", 3}};
    Partitions all{tp("topic", 0), tp("topic", 1), tp("topic", 2)};
    std::vector<Subscription> members{member("consumer1", {"topic"}, all, 1),
                                      member("consumer2", {"topic"}, {}, 1)};
    Assignment first = cooperative(partitions, members);
    EXPECT_EQ(first.at("consumer1"), (Partitions{tp("topic", 0), tp("topic", 1)}));
    EXPECT_TRUE(first.at("consumer2").empty());
    members[0].owned_partitions = first.at("consumer1");
    Assignment second = cooperative(partitions, members);
    EXPECT_EQ(second.at("consumer1"), (Partitions{tp("topic", 0), tp("topic", 1)}));
    EXPECT_EQ(second.at("consumer2"), (Partitions{tp("topic", 2)}));
}

// The seed walkthrough: four members on three partitions, then the active owner of a
// partition dies; its partition is unowned, so it moves in a single rebalance.
TEST(CooperativeStickyAssignor, DeadMembersPartitionMovesInOneRebalance) {
    PartitionsPerTopic partitions{{"t", 3}};
    std::vector<Subscription> members;
    for (int i = 1; i <= 4; ++i) members.push_back(member("c" + std::to_string(i), {"t"}));
    Assignment first = settle(partitions, members, cooperative(partitions, members));
    std::string victim;
    for (const auto& [id, owned] : first) {
        if (!owned.empty() && victim.empty()) victim = id;
    }
    std::vector<Subscription> survivors;
    for (Subscription m : members) {
        if (m.member_id == victim) continue;
        m.owned_partitions = first.at(m.member_id);
        m.generation = 1;
        survivors.push_back(m);
    }
    Assignment second = cooperative(partitions, survivors);
    EXPECT_FALSE(revokes_without_reassigning(survivors, second));
    size_t assigned = 0;
    for (const auto& [id, owned] : second) assigned += owned.size();
    EXPECT_EQ(assigned, 3u);
}

// CooperativeStickyAssignorTest inherits testReassignmentWithRandomSubscriptionsAndChanges;
// here seeded, with the cooperative settle loop.
TEST(CooperativeStickyAssignor, RandomChangesSettleValidAndBalanced) {
    sim::Rng rng(99);
    for (int round = 0; round < 20; ++round) {
        PartitionsPerTopic partitions;
        std::vector<std::string> topics;
        for (int i = 0; i < 6; ++i) {
            topics.push_back("t" + std::to_string(i));
            partitions[topics.back()] = 1 + int(rng.uniform(6));
        }
        // Odd rounds give members different subscriptions (Kafka's general path).
        auto subscribed = [&] {
            if (round % 2 == 0) return topics;
            std::vector<std::string> picked{topics[rng.uniform(topics.size())]};
            for (const std::string& t : topics) {
                if (t != picked.front() && rng.uniform(2) == 0) picked.push_back(t);
            }
            return picked;
        };
        std::vector<Subscription> members;
        const int count = 2 + int(rng.uniform(8));
        for (int i = 0; i < count; ++i) {
            members.push_back(member("c" + std::to_string(i), subscribed()));
        }
        Assignment first = settle(partitions, members, cooperative(partitions, members));
        for (Subscription& m : members) {
            m.owned_partitions = first.at(m.member_id);
            m.generation = 1;
        }
        members.push_back(member("late", topics, {}, 1));
        members.erase(members.begin() + int(rng.uniform(members.size() - 1)));
        settle(partitions, members, cooperative(partitions, members));
    }
}

}  // namespace
}  // namespace core::client
