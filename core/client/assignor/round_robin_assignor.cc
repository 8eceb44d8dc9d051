// Kafka's RoundRobinAssignor: all subscribed partitions sorted by (topic, partition) are
// dealt to members in MemberInfo order, cycling; a member not subscribed to a partition's
// topic is skipped for that partition.

#include <algorithm>

#include "core/client/assignor/assignor.h"

namespace core::client {
namespace {

class RoundRobinAssignor final : public Assignor {
   public:
    std::string_view name() const override { return "roundrobin"; }
    std::string_view class_name() const override {
        return "org.apache.kafka.clients.consumer.RoundRobinAssignor";
    }

    Assignment assign(const PartitionsPerTopic& partitions_per_topic,
                      const std::vector<Subscription>& subscriptions) const override {
        Assignment assignment;
        std::vector<const Subscription*> members;
        std::vector<std::string> all_topics;
        for (const Subscription& member : subscriptions) {
            assignment[member.member_id];
            members.push_back(&member);
            all_topics.insert(all_topics.end(), member.topics.begin(), member.topics.end());
        }
        std::sort(members.begin(), members.end(),
                  [](const Subscription* a, const Subscription* b) {
                      return member_order_less(*a, *b);
                  });
        // Kafka's CircularIterator over the sorted members: `next` is the member the next
        // partition is offered to first.
        size_t next = 0;
        for (const TopicPartition& partition : sorted_partitions(partitions_per_topic,
                                                                 all_topics)) {
            while (!subscribes(*members[next], partition.topic)) {
                next = (next + 1) % members.size();
            }
            assignment[members[next]->member_id].push_back(partition);
            next = (next + 1) % members.size();
        }
        return assignment;
    }

   private:
    static bool subscribes(const Subscription& member, const std::string& topic) {
        return std::find(member.topics.begin(), member.topics.end(), topic) !=
               member.topics.end();
    }
};

}  // namespace

std::unique_ptr<Assignor> make_round_robin_assignor() {
    return std::make_unique<RoundRobinAssignor>();
}

}  // namespace core::client
