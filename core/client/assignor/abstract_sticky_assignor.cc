// Kafka's AbstractStickyAssignor, all-subscriptions-equal path (constrainedAssign, Kafka
// 3.x): keep owned partitions up to the quota, deal the rest round-robin to members under
// quota. Kafka walks its members in java.util.HashMap order, which decides who keeps
// maxQuota partitions when too many own that many; we reproduce that order.

#include "core/client/assignor/abstract_sticky_assignor.h"

#include <algorithm>
#include <list>
#include <set>

#include "core/common/java_string_hash.h"
#include "sim/assert.h"

namespace core::client {
namespace {

constexpr int32_t kDefaultGeneration = -1;

bool exists(const PartitionsPerTopic& partitions_per_topic, const TopicPartition& partition) {
    auto it = partitions_per_topic.find(partition.topic);
    return it != partitions_per_topic.end() && partition.partition >= 0 &&
           partition.partition < it->second;
}

bool all_subscriptions_equal(const std::vector<Subscription>& subscriptions) {
    std::set<std::string> first(subscriptions.front().topics.begin(),
                                subscriptions.front().topics.end());
    for (const Subscription& member : subscriptions) {
        if (std::set<std::string>(member.topics.begin(), member.topics.end()) != first) {
            return false;
        }
    }
    return true;
}

struct Quotas {
    int32_t min_quota = 0;
    int32_t max_quota = 0;
    /// How many members end with max_quota (zero when min == max).
    int32_t expected_over_min = 0;
    int32_t current_over_min = 0;
};

class ConstrainedAssign {
   public:
    ConstrainedAssign(const PartitionsPerTopic& partitions_per_topic, OwnedPartitions owned,
                      std::vector<std::string> member_order)
        : owned_(std::move(owned)), member_order_(std::move(member_order)) {
        for (const auto& [topic, count] : partitions_per_topic) {
            for (int32_t p = 0; p < count; ++p) all_partitions_.push_back({topic, p});
        }
        const int32_t members = static_cast<int32_t>(owned_.owned.size());
        const int32_t total = static_cast<int32_t>(all_partitions_.size());
        quotas_.min_quota = total / members;
        quotas_.max_quota = (total + members - 1) / members;
        quotas_.expected_over_min = total % members;
    }

    StickyAssignment run() {
        keep_owned_partitions();
        deal_unassigned_partitions();
        for (const auto& [member, partitions] : result_.assignment) {
            KS_ASSERT(int32_t(partitions.size()) >= quotas_.min_quota);
            KS_ASSERT(int32_t(partitions.size()) <= quotas_.max_quota);
        }
        result_.partitions_transferring_ownership = std::move(transferring_);
        return std::move(result_);
    }

   private:
    void keep(const std::string& member, const std::vector<TopicPartition>& owned, size_t n) {
        std::vector<TopicPartition>& target = result_.assignment[member];
        for (size_t i = 0; i < owned.size(); ++i) {
            if (i < n) {
                target.push_back(owned[i]);
                assigned_.insert(owned[i]);
            } else {
                revoked_.insert(owned[i]);
            }
        }
    }

    void keep_owned_partitions() {
        for (const std::string& member : member_order_) {
            const std::vector<TopicPartition>& owned = owned_.owned.at(member);
            result_.assignment[member];
            const int32_t owned_count = static_cast<int32_t>(owned.size());
            if (owned_count < quotas_.min_quota) {
                keep(member, owned, owned.size());
                under_min_.push_back(member);
            } else if (owned_count >= quotas_.max_quota &&
                       quotas_.current_over_min < quotas_.expected_over_min) {
                keep(member, owned, size_t(quotas_.max_quota));
                if (++quotas_.current_over_min == quotas_.expected_over_min) {
                    exactly_min_.clear();
                }
            } else {
                keep(member, owned, size_t(quotas_.min_quota));
                if (quotas_.current_over_min < quotas_.expected_over_min) {
                    exactly_min_.push_back(member);
                }
            }
        }
        under_min_.sort();
        exactly_min_.sort();
    }

    // Round-robin over the members under minQuota, then one more each to members at
    // minQuota until expected_over_min members reach maxQuota.
    void deal_unassigned_partitions() {
        auto next = under_min_.begin();
        for (const TopicPartition& partition : all_partitions_) {
            if (assigned_.count(partition) != 0) continue;
            std::string member;
            std::list<std::string>::iterator taken = under_min_.end();
            if (next != under_min_.end()) {
                taken = next++;
                member = *taken;
            } else if (!under_min_.empty()) {
                taken = under_min_.begin();
                next = std::next(taken);
                member = *taken;
            } else {
                KS_ASSERT(!exactly_min_.empty());
                member = exactly_min_.front();
                exactly_min_.pop_front();
            }
            std::vector<TopicPartition>& target = result_.assignment[member];
            target.push_back(partition);
            if (revoked_.count(partition) != 0 || owned_.claimed_by_many.count(partition) != 0) {
                transferring_[partition] = member;
            }
            const int32_t count = static_cast<int32_t>(target.size());
            if (count == quotas_.min_quota && taken != under_min_.end()) {
                under_min_.erase(taken);
                exactly_min_.push_back(member);
            } else if (count == quotas_.max_quota &&
                       ++quotas_.current_over_min == quotas_.expected_over_min) {
                exactly_min_.clear();
            }
        }
    }

    OwnedPartitions owned_;
    std::vector<std::string> member_order_;
    std::vector<TopicPartition> all_partitions_;
    Quotas quotas_;
    StickyAssignment result_;
    std::set<TopicPartition> assigned_;
    std::set<TopicPartition> revoked_;
    std::map<TopicPartition, std::string> transferring_;
    std::list<std::string> under_min_;
    std::list<std::string> exactly_min_;
};

}  // namespace

StickyAssignment sticky_assign(const PartitionsPerTopic& partitions_per_topic,
                               const std::vector<Subscription>& subscriptions) {
    if (subscriptions.empty()) return StickyAssignment{};
    if (!all_subscriptions_equal(subscriptions)) {
        return StickyAssignment{sticky_general_assign(partitions_per_topic, subscriptions),
                                std::nullopt};
    }
    // Only the subscribed topics that exist take part.
    PartitionsPerTopic subscribed;
    for (const std::string& topic : subscriptions.front().topics) {
        auto it = partitions_per_topic.find(topic);
        if (it != partitions_per_topic.end()) subscribed.insert(*it);
    }
    std::map<std::string, const Subscription*> by_id;
    std::vector<std::string> ids;
    for (const Subscription& member : subscriptions) {
        by_id[member.member_id] = &member;
        ids.push_back(member.member_id);
    }
    std::vector<const Subscription*> members;
    for (const std::string& id : java_hash_map_order(ids)) members.push_back(by_id.at(id));
    return ConstrainedAssign(subscribed, valid_owned_partitions(subscribed, members),
                             java_hash_map_order(ids))
        .run();
}

OwnedPartitions valid_owned_partitions(const PartitionsPerTopic& partitions_per_topic,
                                       const std::vector<const Subscription*>& members) {
    struct Claim {
        std::string member;
        int32_t generation;
    };
    OwnedPartitions result;
    std::map<TopicPartition, Claim> claims;
    for (const Subscription* member : members) {
        std::vector<TopicPartition>& owned = result.owned[member->member_id];
        const int32_t generation = member->generation.value_or(kDefaultGeneration);
        for (const TopicPartition& partition : member->owned_partitions) {
            if (!exists(partitions_per_topic, partition)) continue;
            auto [it, inserted] = claims.emplace(partition, Claim{member->member_id, generation});
            if (inserted) {
                owned.push_back(partition);
                continue;
            }
            if (generation < it->second.generation) continue;
            std::vector<TopicPartition>& other = result.owned[it->second.member];
            other.erase(std::remove(other.begin(), other.end(), partition), other.end());
            if (generation == it->second.generation) {
                result.claimed_by_many.insert(partition);
            } else {
                owned.push_back(partition);
            }
            it->second = Claim{member->member_id, generation};
        }
    }
    return result;
}

std::vector<std::string> java_hash_map_order(const std::vector<std::string>& keys) {
    size_t capacity = 16;
    while (keys.size() > capacity * 3 / 4) capacity *= 2;
    std::vector<std::pair<size_t, size_t>> order;  // (bucket, insertion index)
    for (size_t i = 0; i < keys.size(); ++i) {
        const uint32_t hash = static_cast<uint32_t>(java_string_hash(keys[i]));
        const uint32_t spread = hash ^ (hash >> 16);
        order.emplace_back(spread & (capacity - 1), i);
    }
    std::sort(order.begin(), order.end());
    std::vector<std::string> result;
    for (const auto& [bucket, index] : order) result.push_back(keys[index]);
    return result;
}

}  // namespace core::client
