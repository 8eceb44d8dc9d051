#pragma once
// Kafka's admin client for topics (KafkaAdminClient: createTopics, deleteTopics,
// listTopics, describeTopics) with Kafka's errors per topic, retried across brokers on
// retriable failures until default.api.timeout.ms; and kafka-topics.sh's output format.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/client/metadata_cache.h"
#include "core/client/network_client.h"
#include "core/protocol/errors.h"
#include "sim/node_env.h"

namespace core::client {

struct AdminOptions {
    std::vector<sim::NodeId> bootstrap_servers;
    sim::Duration request_timeout = 30 * sim::kSecond;
    /// default.api.timeout.ms: how long one call keeps retrying.
    sim::Duration default_api_timeout = 60 * sim::kSecond;
    sim::Duration retry_backoff = 100 * sim::kMillisecond;
};

/// Kafka's NewTopic: -1 partitions / replication factor take the broker defaults.
struct NewTopic {
    std::string name;
    int32_t num_partitions = -1;
    int16_t replication_factor = -1;
    std::map<std::string, std::string> configs;
};

/// One topic's outcome: NONE, or Kafka's error with its exception name and message.
struct TopicResult {
    std::string name;
    protocol::Error error = protocol::Error::NONE;
    /// "InvalidReplicationFactorException" (Kafka's class name, without the package).
    std::string exception_name;
    std::string message;
    bool ok() const { return error == protocol::Error::NONE; }
};

struct TopicPartitionInfo {
    int32_t partition = 0;
    /// -1 when the partition has no leader (printed "none").
    int32_t leader = -1;
    std::vector<int32_t> replicas;
    std::vector<int32_t> isr;
};

/// Kafka's TopicDescription plus the topic's non-default configs (from DescribeConfigs).
struct TopicDescription {
    TopicResult result;
    uint64_t topic_id = 0;
    bool is_internal = false;
    std::vector<TopicPartitionInfo> partitions;
    /// Configs set on the topic (not defaults), as kafka-topics.sh prints them.
    std::vector<std::pair<std::string, std::string>> configs;
};

using TopicResultsCallback = std::function<void(const std::vector<TopicResult>& results)>;
using ListTopicsCallback =
    std::function<void(const std::vector<std::string>& names, const TopicResult& error)>;
using DescribeTopicsCallback =
    std::function<void(const std::vector<TopicDescription>& descriptions)>;

class Admin final : public sim::TimerTarget {
 public:
    Admin(sim::NodeEnv& env, AdminOptions options);
    ~Admin();
    Admin(const Admin&) = delete;
    Admin& operator=(const Admin&) = delete;

    void create_topics(std::vector<NewTopic> topics, TopicResultsCallback callback);
    void delete_topics(std::vector<std::string> names, TopicResultsCallback callback);
    /// Names of non-internal topics, sorted (kafka-topics.sh --list).
    void list_topics(ListTopicsCallback callback);
    /// Topics in the order asked; an unknown topic gets UNKNOWN_TOPIC_OR_PARTITION.
    void describe_topics(std::vector<std::string> names, DescribeTopicsCallback callback);

    bool on_message(sim::NodeId from, const sim::MessagePtr& message);
    /// retry.backoff.ms of the call with this id passed.
    void on_timer(uint64_t call_id) override;
    void on_disconnected(sim::NodeId peer);

   private:
    /// One API call: `attempt` sends a request; on a retriable failure the call retries
    /// after retry.backoff.ms until default.api.timeout.ms, then `on_timeout` runs.
    struct Call {
        std::string name;
        sim::Time deadline = 0;
        std::function<void(uint64_t call_id)> attempt;
        std::function<void(const TopicResult& timeout)> on_timeout;
        sim::TimerId timer;
    };
    uint64_t start_call(std::string name, std::function<void(uint64_t)> attempt,
                        std::function<void(const TopicResult&)> on_timeout);
    void retry_later(uint64_t call_id);
    void finish(uint64_t call_id) { calls_.erase(call_id); }
    sim::NodeId pick_broker();
    void describe_configs(uint64_t call_id, std::vector<TopicDescription> descriptions,
                          DescribeTopicsCallback callback);

    sim::NodeEnv& env_;
    AdminOptions options_;
    NetworkClient network_;
    std::vector<sim::NodeId> known_brokers_;
    uint64_t next_call_id_ = 1;
    std::map<uint64_t, Call> calls_;
};

/// A TopicResult for `error`, with Kafka's exception name and `message` (Kafka's default
/// message when empty).
TopicResult topic_result(const std::string& name, protocol::Error error,
                         const std::string& message = "");

/// kafka-topics.sh --describe for one topic, as Kafka 3.0-3.6 prints it (TopicCommand):
/// "Topic: t\tTopicId: <id>\tPartitionCount: 3\tReplicationFactor: 1\tConfigs: k=v,..."
/// then "\tTopic: t\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1" per partition, each
/// line ending in "\n". Leader -1 prints "none".
std::string format_topic_description(const TopicDescription& description);
/// kafka-topics.sh --list: one name per line, sorted.
std::string format_topic_list(std::vector<std::string> names);
/// Kafka's Uuid.toString for a topic id: 22 characters of URL-safe base64.
std::string format_topic_id(uint64_t topic_id);

}  // namespace core::client
