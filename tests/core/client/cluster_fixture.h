#pragma once
// Builds Metadata responses for client unit tests: one topic whose partition p is led by
// leaders[p] at a given leader epoch, on brokers 1..n.

#include <memory>
#include <string>
#include <vector>

#include "core/protocol/metadata.h"

namespace core::client::testing {

inline std::shared_ptr<protocol::MetadataResponse> metadata_response(
    const std::string& topic, const std::vector<int32_t>& leaders, int32_t leader_epoch = 0,
    std::vector<int32_t> brokers = {1, 2, 3}) {
    auto response = std::make_shared<protocol::MetadataResponse>();
    for (int32_t id : brokers) response->brokers.push_back({id, "broker", 9092, ""});
    protocol::MetadataResponseTopic t;
    t.name = topic;
    t.topic_id = 77;
    for (size_t p = 0; p < leaders.size(); ++p) {
        protocol::MetadataResponsePartition partition;
        partition.partition_index = static_cast<int32_t>(p);
        partition.leader_id = leaders[p];
        partition.leader_epoch = leader_epoch;
        partition.replica_nodes = brokers;
        partition.isr_nodes = brokers;
        if (leaders[p] < 0) partition.error = protocol::Error::LEADER_NOT_AVAILABLE;
        t.partitions.push_back(partition);
    }
    response->topics.push_back(t);
    return response;
}

}  // namespace core::client::testing
