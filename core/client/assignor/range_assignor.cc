// Kafka's RangeAssignor: per topic, members subscribed to it in MemberInfo order each take
// a contiguous range; the first (partitions % members) members take one extra. Topics are
// independent, so with several topics the first members are favoured on each.

#include <algorithm>

#include "core/client/assignor/assignor.h"

namespace core::client {
namespace {

class RangeAssignor final : public Assignor {
   public:
    std::string_view name() const override { return "range"; }
    std::string_view class_name() const override {
        return "org.apache.kafka.clients.consumer.RangeAssignor";
    }

    Assignment assign(const PartitionsPerTopic& partitions_per_topic,
                      const std::vector<Subscription>& subscriptions) const override {
        Assignment assignment;
        std::map<std::string, std::vector<const Subscription*>> members_per_topic;
        for (const Subscription& member : subscriptions) {
            assignment[member.member_id];
            for (const std::string& topic : member.topics) {
                std::vector<const Subscription*>& members = members_per_topic[topic];
                if (std::find(members.begin(), members.end(), &member) == members.end()) {
                    members.push_back(&member);
                }
            }
        }
        for (auto& [topic, members] : members_per_topic) {
            auto count = partitions_per_topic.find(topic);
            if (count == partitions_per_topic.end()) continue;
            std::sort(members.begin(), members.end(),
                      [](const Subscription* a, const Subscription* b) {
                          return member_order_less(*a, *b);
                      });
            assign_topic(topic, count->second, members, assignment);
        }
        return assignment;
    }

   private:
    static void assign_topic(const std::string& topic, int32_t partition_count,
                             const std::vector<const Subscription*>& members,
                             Assignment& assignment) {
        const int32_t member_count = static_cast<int32_t>(members.size());
        const int32_t per_member = partition_count / member_count;
        const int32_t with_extra = partition_count % member_count;
        for (int32_t i = 0; i < member_count; ++i) {
            const int32_t start = per_member * i + std::min(i, with_extra);
            const int32_t length = per_member + (i + 1 > with_extra ? 0 : 1);
            std::vector<TopicPartition>& target = assignment[members[size_t(i)]->member_id];
            for (int32_t p = start; p < start + length; ++p) {
                target.push_back(TopicPartition{topic, p});
            }
        }
    }
};

}  // namespace

std::unique_ptr<Assignor> make_range_assignor() { return std::make_unique<RangeAssignor>(); }

}  // namespace core::client
