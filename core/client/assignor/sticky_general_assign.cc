// Kafka's AbstractStickyAssignor general path (generalAssign), for members with different
// subscriptions. It follows Kafka's steps: keep every still-valid owned partition (the
// highest generation wins a claim), give each unassigned partition, fewest candidate
// members first, to the least-loaded member that subscribes to it, then move partitions
// from a member to one with two or more fewer while that is possible. The result meets
// Kafka's validity, balance and stickiness checks (AbstractStickyAssignorTest's
// verifyValidityAndBalance); Kafka's exact tie-breaks between equally good moves are not
// reproduced.

#include <algorithm>
#include <set>

#include "sim/assert.h"

#include "core/client/assignor/abstract_sticky_assignor.h"

namespace core::client {
namespace {

class GeneralAssign {
   public:
    GeneralAssign(const PartitionsPerTopic& partitions_per_topic,
                  const std::vector<Subscription>& subscriptions) {
        for (const Subscription& member : subscriptions) {
            assignment_[member.member_id];
            for (const TopicPartition& partition :
                 sorted_partitions(partitions_per_topic, member.topics)) {
                candidates_[partition].push_back(member.member_id);
            }
        }
        for (auto& [partition, members] : candidates_) std::sort(members.begin(), members.end());
        keep_owned_partitions(partitions_per_topic, subscriptions);
    }

    Assignment run() {
        assign_unassigned_partitions();
        balance();
        for (auto& [member, partitions] : assignment_) {
            std::sort(partitions.begin(), partitions.end());
        }
        return std::move(assignment_);
    }

   private:
    bool can_take(const std::string& member, const TopicPartition& partition) const {
        auto it = candidates_.find(partition);
        return it != candidates_.end() &&
               std::binary_search(it->second.begin(), it->second.end(), member);
    }

    size_t load(const std::string& member) const { return assignment_.at(member).size(); }

    // Kafka >= 3.4 validates owned partitions as in the equal-subscriptions path, then
    // drops those of topics the member no longer subscribes to.
    void keep_owned_partitions(const PartitionsPerTopic& partitions_per_topic,
                               const std::vector<Subscription>& subscriptions) {
        std::vector<const Subscription*> members;
        for (const Subscription& member : subscriptions) members.push_back(&member);
        OwnedPartitions valid = valid_owned_partitions(partitions_per_topic, members);
        for (const auto& [member, owned] : valid.owned) {
            for (const TopicPartition& partition : owned) {
                if (!can_take(member, partition)) continue;
                assignment_[member].push_back(partition);
                owner_[partition] = member;
            }
        }
    }

    // The eligible member with the fewest partitions, ties by member id.
    const std::string* least_loaded(const TopicPartition& partition) const {
        const std::string* best = nullptr;
        for (const std::string& member : candidates_.at(partition)) {
            if (best == nullptr || load(member) < load(*best)) best = &member;
        }
        return best;
    }

    void assign_unassigned_partitions() {
        std::vector<TopicPartition> unassigned;
        for (const auto& [partition, members] : candidates_) {
            if (owner_.count(partition) == 0) unassigned.push_back(partition);
        }
        std::stable_sort(unassigned.begin(), unassigned.end(),
                         [this](const TopicPartition& a, const TopicPartition& b) {
                             return candidates_.at(a).size() < candidates_.at(b).size();
                         });
        for (const TopicPartition& partition : unassigned) {
            const std::string* member = least_loaded(partition);
            KS_ASSERT(member != nullptr);
            assignment_[*member].push_back(partition);
            owner_[partition] = *member;
        }
    }

    // Each move lowers the sum of squared loads, so the loop ends.
    void balance() {
        bool moved = true;
        while (moved) {
            moved = false;
            for (auto& [partition, owner] : owner_) {
                const std::string* target = least_loaded(partition);
                if (load(owner) <= load(*target) + 1) continue;
                std::vector<TopicPartition>& from = assignment_[owner];
                from.erase(std::find(from.begin(), from.end(), partition));
                assignment_[*target].push_back(partition);
                owner = *target;
                moved = true;
            }
        }
    }

    Assignment assignment_;
    std::map<TopicPartition, std::vector<std::string>> candidates_;
    std::map<TopicPartition, std::string> owner_;
};

}  // namespace

Assignment sticky_general_assign(const PartitionsPerTopic& partitions_per_topic,
                                 const std::vector<Subscription>& subscriptions) {
    return GeneralAssign(partitions_per_topic, subscriptions).run();
}

}  // namespace core::client
