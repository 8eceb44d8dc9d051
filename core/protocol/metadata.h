#pragma once
// Metadata (API key 3): the cluster as a broker's metadata image sees it: live brokers,
// the active controller, and each topic's partitions with leader, epoch, replicas and ISR.
//
// Contract:
// - Every broker answers for the whole cluster, so a client bootstraps from any one.
// - topics = nullopt asks for every topic; a listed topic the broker does not know comes
//   back with UNKNOWN_TOPIC_OR_PARTITION (no auto-creation in kafkasim).
// - A partition without a leader has leader_id = -1 and error LEADER_NOT_AVAILABLE; its
//   replicas on fenced/offline brokers are listed in offline_replicas.
// - brokers lists only unfenced (live) brokers, as KRaft does.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

class MetadataRequest : public KafkaRequest<ApiKey::Metadata> {
 public:
    /// nullopt: all topics. An empty vector: no topics (brokers and controller only).
    std::optional<std::vector<std::string>> topics;
    bool allow_auto_topic_creation = false;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(topics.has_value());
        if (topics) {
            for (const auto& t : *topics) d.add(t);
        }
        return d.value();
    }
};

/// Where clients reach a broker: one entry of Kafka's advertised.listeners.
struct AdvertisedListener {
    std::string host;
    int32_t port = 9092;
};

struct MetadataResponseBroker {
    int32_t node_id = -1;
    std::string host;
    int32_t port = 9092;
    std::string rack;
};

struct MetadataResponsePartition {
    Error error = Error::NONE;
    int32_t partition_index = 0;
    int32_t leader_id = kNoLeader;
    int32_t leader_epoch = kNoLeaderEpoch;
    std::vector<int32_t> replica_nodes;
    std::vector<int32_t> isr_nodes;
    std::vector<int32_t> offline_replicas;
};

struct MetadataResponseTopic {
    Error error = Error::NONE;
    std::string name;
    /// Stable per topic incarnation (Kafka's topic id, shortened to 64 bits).
    uint64_t topic_id = 0;
    bool is_internal = false;
    std::vector<MetadataResponsePartition> partitions;
};

class MetadataResponse : public KafkaResponse<ApiKey::Metadata> {
 public:
    int32_t throttle_time_ms = 0;
    std::vector<MetadataResponseBroker> brokers;
    std::string cluster_id;
    /// The active controller's id, or -1 when none is known.
    int32_t controller_id = -1;
    std::vector<MetadataResponseTopic> topics;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(controller_id);
        for (const auto& b : brokers) d.add(b.node_id);
        for (const auto& t : topics) {
            d.add(t.name).add(t.error);
            for (const auto& p : t.partitions) {
                d.add(p.partition_index).add(p.leader_id).add(p.leader_epoch).add(p.isr_nodes);
            }
        }
        return d.value();
    }
};

}  // namespace core::protocol
