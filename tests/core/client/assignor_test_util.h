#pragma once
// Helpers for the assignor tests: building subscriptions and Kafka's
// AbstractStickyAssignorTest checks (verifyValidityAndBalance, isFullyBalanced).

#include <gtest/gtest.h>

#include <set>

#include "core/client/assignor/assignor.h"

namespace core::client::testing {

inline TopicPartition tp(const std::string& topic, int32_t partition) {
    return TopicPartition{topic, partition};
}

inline Subscription member(std::string id, std::vector<std::string> topics,
                           std::vector<TopicPartition> owned = {},
                           std::optional<int32_t> generation = std::nullopt,
                           std::optional<std::string> instance = std::nullopt) {
    return Subscription{std::move(id), std::move(instance), std::move(topics), std::move(owned),
                        generation};
}

/// Every partition is assigned at most once and only to a member subscribed to its topic;
/// and no partition could move from one member to another with two or more fewer.
inline void verify_validity_and_balance(const std::vector<Subscription>& subscriptions,
                                        const Assignment& assignment,
                                        const PartitionsPerTopic& partitions_per_topic) {
    std::map<std::string, const Subscription*> by_id;
    for (const Subscription& s : subscriptions) by_id[s.member_id] = &s;
    ASSERT_EQ(assignment.size(), subscriptions.size());
    std::set<TopicPartition> seen;
    for (const auto& [id, partitions] : assignment) {
        const Subscription& s = *by_id.at(id);
        for (const TopicPartition& p : partitions) {
            EXPECT_TRUE(seen.insert(p).second) << p.str() << " assigned twice";
            EXPECT_NE(std::find(s.topics.begin(), s.topics.end(), p.topic), s.topics.end())
                << id << " got " << p.str() << " without subscribing";
            EXPECT_LT(p.partition, partitions_per_topic.at(p.topic));
        }
    }
    for (const auto& [id, partitions] : assignment) {
        for (const auto& [other, other_partitions] : assignment) {
            if (partitions.size() < other_partitions.size() + 2) continue;
            const Subscription& taker = *by_id.at(other);
            for (const TopicPartition& p : partitions) {
                EXPECT_EQ(std::find(taker.topics.begin(), taker.topics.end(), p.topic),
                          taker.topics.end())
                    << p.str() << " could move from " << id << " to " << other;
            }
        }
    }
}

inline bool is_fully_balanced(const Assignment& assignment) {
    size_t min = SIZE_MAX;
    size_t max = 0;
    for (const auto& [id, partitions] : assignment) {
        min = std::min(min, partitions.size());
        max = std::max(max, partitions.size());
    }
    return max <= min + 1;
}

inline std::vector<TopicPartition> sorted(std::vector<TopicPartition> partitions) {
    std::sort(partitions.begin(), partitions.end());
    return partitions;
}

}  // namespace core::client::testing
