#pragma once
// DescribeCluster (API key 60, KIP-700): the admin client's view of the cluster: its id,
// the active controller and the live brokers with their endpoints.
//
// Contract:
// - Send to any broker; it answers from its metadata image, as Metadata does for brokers.
// - endpoint_type 1 asks for brokers, 2 for controllers (KIP-919, v1+); kafkasim answers
//   brokers.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/kafka_message.h"
#include "core/protocol/metadata.h"

namespace core::protocol {

class DescribeClusterRequest : public KafkaRequest<ApiKey::DescribeCluster> {
 public:
    bool include_cluster_authorized_operations = false;
    /// 1 = brokers, 2 = controllers (v1+).
    int8_t endpoint_type = 1;

    uint64_t digest() const override { return Digest().add(correlation_id).value(); }
};

class DescribeClusterResponse : public KafkaResponse<ApiKey::DescribeCluster> {
 public:
    int32_t throttle_time_ms = 0;
    Error error = Error::NONE;
    std::optional<std::string> error_message;
    int8_t endpoint_type = 1;
    std::string cluster_id;
    int32_t controller_id = -1;
    /// Host, port and rack of each live broker (rack empty = null on the wire).
    std::vector<MetadataResponseBroker> brokers;
    /// Kafka's "not requested" value, INT32_MIN.
    int32_t cluster_authorized_operations = INT32_MIN;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(error).add(controller_id);
        for (const auto& b : brokers) d.add(b.node_id);
        return d.value();
    }
};

}  // namespace core::protocol
