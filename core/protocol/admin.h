#pragma once
// CreateTopics (19), DeleteTopics (20) and DescribeConfigs (32): the admin requests, with
// Kafka's errors and messages, decided by the active controller.
//
// Contract:
// - Send to any broker: it forwards to the active controller and relays the answer
//   (Kafka's forwarding, KIP-590); a controller that is not active answers NOT_CONTROLLER.
// - CreateTopics: num_partitions/replication_factor -1 take the broker defaults
//   (num.partitions, default.replication.factor). Errors, with Kafka's wording:
//   INVALID_PARTITIONS "Number of partitions must be larger than 0.";
//   INVALID_REPLICATION_FACTOR "Replication factor: 2 larger than available brokers: 1.";
//   TOPIC_ALREADY_EXISTS "Topic 'x' already exists."; INVALID_CONFIG for unknown or bad
//   configs. validate_only checks without creating. The answer comes once the topic's
//   records are committed to the metadata log (or REQUEST_TIMED_OUT after timeout_ms).
// - DeleteTopics: UNKNOWN_TOPIC_OR_PARTITION for an unknown topic;
//   TOPIC_DELETION_DISABLED when delete.topic.enable=false.
// - DescribeConfigs: a topic's effective configs (set ones and Kafka's defaults).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

struct CreatableTopic {
    std::string name;
    int32_t num_partitions = -1;
    int16_t replication_factor = -1;
    /// Manual assignment: partition → replica broker ids; empty = let placement decide.
    std::map<int32_t, std::vector<int32_t>> assignments;
    /// Topic configs, Kafka's keys verbatim ("min.insync.replicas" → "2").
    std::map<std::string, std::string> configs;
};

class CreateTopicsRequest : public KafkaRequest<ApiKey::CreateTopics> {
 public:
    std::vector<CreatableTopic> topics;
    int32_t timeout_ms = 30000;
    bool validate_only = false;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(validate_only);
        for (const auto& t : topics) d.add(t.name).add(t.num_partitions).add(t.replication_factor);
        return d.value();
    }
};

struct CreatableTopicResult {
    std::string name;
    uint64_t topic_id = 0;
    Error error = Error::NONE;
    /// Kafka's message for this failure ("Topic 'x' already exists."); empty on success.
    std::string error_message;
    int32_t num_partitions = -1;
    int16_t replication_factor = -1;
};

class CreateTopicsResponse : public KafkaResponse<ApiKey::CreateTopics> {
 public:
    std::vector<CreatableTopicResult> topics;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& t : topics) d.add(t.name).add(t.error);
        return d.value();
    }
};

class DeleteTopicsRequest : public KafkaRequest<ApiKey::DeleteTopics> {
 public:
    std::vector<std::string> topic_names;
    int32_t timeout_ms = 30000;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& t : topic_names) d.add(t);
        return d.value();
    }
};

struct DeletableTopicResult {
    std::string name;
    Error error = Error::NONE;
    std::string error_message;
};

class DeleteTopicsResponse : public KafkaResponse<ApiKey::DeleteTopics> {
 public:
    std::vector<DeletableTopicResult> responses;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& r : responses) d.add(r.name).add(r.error);
        return d.value();
    }
};

enum class ConfigResourceType : int8_t { Topic = 2, Broker = 4 };

struct DescribeConfigsResource {
    ConfigResourceType resource_type = ConfigResourceType::Topic;
    std::string resource_name;
};

class DescribeConfigsRequest : public KafkaRequest<ApiKey::DescribeConfigs> {
 public:
    std::vector<DescribeConfigsResource> resources;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& r : resources) d.add(r.resource_name);
        return d.value();
    }
};

struct DescribeConfigsResourceResult {
    std::string name;
    std::string value;
    /// True when set on the topic (kafka-topics --describe lists only these).
    bool is_set = false;
};

struct DescribeConfigsResult {
    Error error = Error::NONE;
    std::string error_message;
    ConfigResourceType resource_type = ConfigResourceType::Topic;
    std::string resource_name;
    std::vector<DescribeConfigsResourceResult> configs;
};

class DescribeConfigsResponse : public KafkaResponse<ApiKey::DescribeConfigs> {
 public:
    std::vector<DescribeConfigsResult> results;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& r : results) d.add(r.resource_name).add(r.error);
        return d.value();
    }
};

}  // namespace core::protocol
