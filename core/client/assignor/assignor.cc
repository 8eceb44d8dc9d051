#include "core/client/assignor/assignor.h"

#include <set>

namespace core::client {

// The explicit registry: adding a strategy is one factory and one line here.
std::unique_ptr<Assignor> make_assignor(std::string_view name) {
    std::unique_ptr<Assignor> candidates[] = {make_range_assignor(), make_round_robin_assignor(),
                                              make_sticky_assignor(),
                                              make_cooperative_sticky_assignor()};
    for (std::unique_ptr<Assignor>& candidate : candidates) {
        if (candidate->name() == name || candidate->class_name() == name) {
            return std::move(candidate);
        }
    }
    return nullptr;
}

bool member_order_less(const Subscription& left, const Subscription& right) {
    if (left.group_instance_id.has_value() && right.group_instance_id.has_value()) {
        if (*left.group_instance_id != *right.group_instance_id) {
            return *left.group_instance_id < *right.group_instance_id;
        }
        return left.member_id < right.member_id;
    }
    if (left.group_instance_id.has_value()) return true;
    if (right.group_instance_id.has_value()) return false;
    return left.member_id < right.member_id;
}

std::vector<TopicPartition> sorted_partitions(const PartitionsPerTopic& partitions_per_topic,
                                              const std::vector<std::string>& topics) {
    std::set<std::string> unique(topics.begin(), topics.end());
    std::vector<TopicPartition> partitions;
    for (const std::string& topic : unique) {
        auto it = partitions_per_topic.find(topic);
        if (it == partitions_per_topic.end()) continue;
        for (int32_t p = 0; p < it->second; ++p) partitions.push_back(TopicPartition{topic, p});
    }
    return partitions;
}

}  // namespace core::client
