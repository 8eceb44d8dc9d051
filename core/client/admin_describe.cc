// Admin's read calls (listTopics, describeTopics: Metadata then DescribeConfigs) and the
// kafka-topics.sh output formats.

#include <algorithm>
#include <memory>
#include <utility>

#include "core/client/admin.h"
#include "core/protocol/admin.h"
#include "core/protocol/metadata.h"
#include "sim/rng.h"

namespace core::client {

using protocol::Error;

void Admin::list_topics(ListTopicsCallback callback) {
    auto on_timeout = [callback](const TopicResult& timeout) { callback({}, timeout); };
    start_call("listTopics", [this, callback](uint64_t id) {
        auto request = std::make_shared<protocol::MetadataRequest>();  // all topics
        network_.send(pick_broker(), std::move(request),
                      [this, id, callback](const protocol::KafkaMessage* message, Error) {
            const auto* response = static_cast<const protocol::MetadataResponse*>(message);
            if (response == nullptr) return retry_later(id);
            finish(id);
            std::vector<std::string> names;
            for (const auto& t : response->topics) {
                if (t.error == Error::NONE && !t.is_internal) names.push_back(t.name);
            }
            std::sort(names.begin(), names.end());
            callback(names, topic_result("", Error::NONE));
        });
    }, on_timeout);
}

void Admin::describe_topics(std::vector<std::string> names, DescribeTopicsCallback callback) {
    auto on_timeout = [names, callback](const TopicResult& timeout) {
        std::vector<TopicDescription> descriptions;
        for (const auto& name : names) {
            TopicDescription d;
            d.result = topic_result(name, timeout.error, timeout.message);
            descriptions.push_back(std::move(d));
        }
        callback(descriptions);
    };
    start_call("describeTopics", [this, names, callback](uint64_t id) {
        auto request = std::make_shared<protocol::MetadataRequest>();
        request->topics = names;
        network_.send(pick_broker(), std::move(request),
                      [this, id, names, callback](const protocol::KafkaMessage* message, Error) {
            const auto* response = static_cast<const protocol::MetadataResponse*>(message);
            if (response == nullptr) return retry_later(id);
            known_brokers_.clear();
            for (const auto& b : response->brokers) known_brokers_.push_back(b.node_id);
            std::vector<TopicDescription> descriptions;
            for (const std::string& name : names) {
                TopicDescription d;
                d.result = topic_result(name, Error::UNKNOWN_TOPIC_OR_PARTITION);
                for (const auto& t : response->topics) {
                    if (t.name != name) continue;
                    d.result = topic_result(name, t.error);
                    d.topic_id = t.topic_id;
                    d.is_internal = t.is_internal;
                    for (const auto& p : t.partitions) {
                        d.partitions.push_back(
                            {p.partition_index, p.leader_id, p.replica_nodes, p.isr_nodes});
                    }
                    std::sort(d.partitions.begin(), d.partitions.end(),
                              [](const auto& a, const auto& b) {
                                  return a.partition < b.partition;
                              });
                }
                descriptions.push_back(std::move(d));
            }
            describe_configs(id, std::move(descriptions), callback);
        });
    }, on_timeout);
}

void Admin::describe_configs(uint64_t call_id, std::vector<TopicDescription> descriptions,
                             DescribeTopicsCallback callback) {
    auto request = std::make_shared<protocol::DescribeConfigsRequest>();
    for (const auto& d : descriptions) {
        if (d.result.ok()) request->resources.push_back({protocol::ConfigResourceType::Topic,
                                                         d.result.name});
    }
    if (request->resources.empty()) {
        finish(call_id);
        return callback(descriptions);
    }
    auto shared = std::make_shared<std::vector<TopicDescription>>(std::move(descriptions));
    network_.send(pick_broker(), std::move(request),
                  [this, call_id, shared, callback](const protocol::KafkaMessage* message, Error) {
        const auto* response = static_cast<const protocol::DescribeConfigsResponse*>(message);
        if (response == nullptr) return retry_later(call_id);
        finish(call_id);
        for (TopicDescription& d : *shared) {
            for (const auto& r : response->results) {
                if (r.resource_name != d.result.name || r.error != Error::NONE) continue;
                for (const auto& c : r.configs) {
                    if (c.is_set) d.configs.emplace_back(c.name, c.value);
                }
            }
            // Kafka lists a topic's configs in its config-name order; sorted reads the same
            // for the usual one or two overrides and is stable.
            std::sort(d.configs.begin(), d.configs.end());
        }
        callback(*shared);
    });
}

std::string format_topic_id(uint64_t topic_id) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // Kafka's Uuid is 128 bits; ours is 64, widened deterministically to 16 bytes.
    uint64_t state = topic_id;
    const uint64_t low = sim::splitmix64(state);
    uint8_t bytes[16];
    for (int i = 0; i < 8; ++i) {
        bytes[i] = static_cast<uint8_t>(topic_id >> (56 - 8 * i));
        bytes[8 + i] = static_cast<uint8_t>(low >> (56 - 8 * i));
    }
    std::string text;
    for (int i = 0; i < 16; i += 3) {
        const uint32_t chunk = (uint32_t{bytes[i]} << 16) |
                               (i + 1 < 16 ? uint32_t{bytes[i + 1]} << 8 : 0) |
                               (i + 2 < 16 ? uint32_t{bytes[i + 2]} : 0);
        const int chars = i + 2 < 16 ? 4 : (i + 1 < 16 ? 3 : 2);
        for (int c = 0; c < chars; ++c) text += kAlphabet[(chunk >> (18 - 6 * c)) & 63];
    }
    return text;  // 22 characters: base64url without padding, as Kafka prints Uuids
}

namespace {
std::string join_ids(const std::vector<int32_t>& ids) {
    std::string text;
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) text += ",";
        text += std::to_string(ids[i]);
    }
    return text;
}
}  // namespace

std::string format_topic_description(const TopicDescription& d) {
    const std::string& topic = d.result.name;
    std::string configs;
    for (const auto& [name, value] : d.configs) {
        if (!configs.empty()) configs += ",";
        configs += name + "=" + value;
    }
    const size_t replication_factor = d.partitions.empty() ? 0 : d.partitions[0].replicas.size();
    std::string text = "Topic: " + topic;
    if (d.topic_id != 0) text += "\tTopicId: " + format_topic_id(d.topic_id);
    text += "\tPartitionCount: " + std::to_string(d.partitions.size()) +
            "\tReplicationFactor: " + std::to_string(replication_factor) +
            "\tConfigs: " + configs + "\n";
    for (const TopicPartitionInfo& p : d.partitions) {
        text += "\tTopic: " + topic + "\tPartition: " + std::to_string(p.partition) +
                "\tLeader: " + (p.leader >= 0 ? std::to_string(p.leader) : "none") +
                "\tReplicas: " + join_ids(p.replicas) + "\tIsr: " + join_ids(p.isr) + "\n";
    }
    return text;
}

std::string format_topic_list(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    std::string text;
    for (const auto& name : names) text += name + "\n";
    return text;
}

}  // namespace core::client
