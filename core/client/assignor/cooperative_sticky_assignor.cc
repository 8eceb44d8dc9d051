// Kafka's CooperativeStickyAssignor: the sticky assignment minus every partition that
// changes owner this round. The old owner sees it missing and revokes it; the group then
// rebalances again and the partition, now unowned, goes to its new member. So no partition
// is ever owned by two members at once (KIP-429).

#include <algorithm>
#include <set>

#include "core/client/assignor/abstract_sticky_assignor.h"

namespace core::client {
namespace {

// Kafka's computePartitionsTransferringOwnership: partitions newly assigned to a member
// that another member reported owning and is now losing.
std::map<TopicPartition, std::string> transferring_ownership(
    const std::vector<Subscription>& subscriptions, const Assignment& assignment) {
    std::map<TopicPartition, std::string> added;
    std::set<TopicPartition> revoked;
    for (const Subscription& member : subscriptions) {
        const std::vector<TopicPartition>& assigned = assignment.at(member.member_id);
        std::set<TopicPartition> owned(member.owned_partitions.begin(),
                                       member.owned_partitions.end());
        std::set<TopicPartition> now(assigned.begin(), assigned.end());
        for (const TopicPartition& partition : assigned) {
            if (owned.count(partition) == 0) added[partition] = member.member_id;
        }
        for (const TopicPartition& partition : owned) {
            if (now.count(partition) == 0) revoked.insert(partition);
        }
    }
    std::map<TopicPartition, std::string> moving;
    for (const auto& [partition, member] : added) {
        if (revoked.count(partition) != 0) moving.emplace(partition, member);
    }
    return moving;
}

class CooperativeStickyAssignor final : public Assignor {
   public:
    std::string_view name() const override { return "cooperative-sticky"; }
    std::string_view class_name() const override {
        return "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";
    }
    RebalanceProtocol protocol() const override { return RebalanceProtocol::Cooperative; }

    Assignment assign(const PartitionsPerTopic& partitions_per_topic,
                      const std::vector<Subscription>& subscriptions) const override {
        StickyAssignment sticky = sticky_assign(partitions_per_topic, subscriptions);
        std::map<TopicPartition, std::string> moving =
            sticky.partitions_transferring_ownership.has_value()
                ? *sticky.partitions_transferring_ownership
                : transferring_ownership(subscriptions, sticky.assignment);
        // Kafka's adjustAssignment: withhold each moving partition from its new owner.
        for (const auto& [partition, member] : moving) {
            std::vector<TopicPartition>& partitions = sticky.assignment[member];
            partitions.erase(std::remove(partitions.begin(), partitions.end(), partition),
                             partitions.end());
        }
        return sticky.assignment;
    }
};

}  // namespace

std::unique_ptr<Assignor> make_cooperative_sticky_assignor() {
    return std::make_unique<CooperativeStickyAssignor>();
}

}  // namespace core::client
