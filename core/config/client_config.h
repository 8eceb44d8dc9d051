#pragma once
// Client configuration (Kafka's ProducerConfig, ConsumerConfig, AdminClientConfig): one key
// table each with Kafka 3.x defaults, and the typed configs with Kafka's cross-key rules
// (idempotence needs acks=all; auto-commit needs a group.id).

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/config/config_def.h"
#include "sim/result.h"

namespace core::config {

std::span<const ConfigKey> producer_config_keys();
std::span<const ConfigKey> consumer_config_keys();
std::span<const ConfigKey> admin_config_keys();

/// Kafka's acks after its parseAcks: "all" and "-1" are both -1.
constexpr int16_t kAcksAll = -1;

/// Kafka's partitioner class names (partitioner.class); empty = the built-in partitioner
/// (murmur2 for keys, sticky for null keys, KIP-794).
inline constexpr std::string_view kRoundRobinPartitioner =
    "org.apache.kafka.clients.producer.RoundRobinPartitioner";
inline constexpr std::string_view kDefaultPartitioner =
    "org.apache.kafka.clients.producer.internals.DefaultPartitioner";
inline constexpr std::string_view kUniformStickyPartitioner =
    "org.apache.kafka.clients.producer.UniformStickyPartitioner";

struct ProducerConfig {
    /// -1 (all), 0 or 1. Kafka >= 3.0 defaults to all.
    int16_t acks = kAcksAll;
    /// Effective value after Kafka's rule: defaulted-on idempotence is silently turned off
    /// when acks != all, retries == 0 or max.in.flight > 5.
    bool enable_idempotence = true;
    int32_t retries = INT32_MAX;
    /// Kafka 3.x default 0 (Kafka 4.0 raised it to 5, KIP-1030); we follow 3.x.
    int64_t linger_ms = 0;
    int32_t batch_size = 16384;
    /// Effective value: raised to linger.ms + request.timeout.ms when defaulted below it.
    int32_t delivery_timeout_ms = 120000;
    int32_t request_timeout_ms = 30000;
    int64_t retry_backoff_ms = 100;
    int32_t max_in_flight_requests_per_connection = 5;
    int64_t max_block_ms = 60000;
    int64_t buffer_memory = 33554432;
    int32_t max_request_size = 1048576;
    std::string compression_type = "none";
    /// Empty = Kafka's built-in partitioner; else one of the class names above.
    std::string partitioner_class;
    bool partitioner_ignore_keys = false;
    bool partitioner_adaptive_partitioning_enable = true;
    int64_t partitioner_availability_timeout_ms = 0;
    std::optional<std::string> transactional_id;
    int32_t transaction_timeout_ms = 60000;
    std::string client_id;
    int64_t metadata_max_age_ms = 300000;
    ConfigValues values;
};

/// auto.offset.reset: "latest", "earliest", "none" (Kafka's OffsetResetStrategy).
enum class AutoOffsetReset { Latest, Earliest, None };
/// isolation.level: "read_uncommitted", "read_committed" (Kafka's IsolationLevel).
enum class IsolationLevel { ReadUncommitted, ReadCommitted };

struct ConsumerConfig {
    std::optional<std::string> group_id;
    std::optional<std::string> group_instance_id;
    AutoOffsetReset auto_offset_reset = AutoOffsetReset::Latest;
    /// Effective value: false when no group.id and not set explicitly (Kafka's rule).
    bool enable_auto_commit = true;
    int32_t auto_commit_interval_ms = 5000;
    int32_t session_timeout_ms = 45000;
    int32_t heartbeat_interval_ms = 3000;
    int32_t max_poll_interval_ms = 300000;
    int32_t max_poll_records = 500;
    int32_t fetch_max_wait_ms = 500;
    int32_t fetch_min_bytes = 1;
    int32_t fetch_max_bytes = 52428800;
    int32_t max_partition_fetch_bytes = 1048576;
    /// Kafka 3.x default: [RangeAssignor, CooperativeStickyAssignor] (class names).
    std::vector<std::string> partition_assignment_strategy;
    IsolationLevel isolation_level = IsolationLevel::ReadUncommitted;
    int32_t request_timeout_ms = 30000;
    int32_t default_api_timeout_ms = 60000;
    int64_t retry_backoff_ms = 100;
    bool allow_auto_create_topics = true;
    std::string client_id;
    int64_t metadata_max_age_ms = 300000;
    ConfigValues values;
};

struct AdminConfig {
    int32_t request_timeout_ms = 30000;
    int32_t default_api_timeout_ms = 60000;
    int32_t retries = INT32_MAX;
    int64_t retry_backoff_ms = 100;
    std::string client_id;
    ConfigValues values;
};

/// Parses a scenario's producer `config` map: Kafka's validators, Kafka's idempotence and
/// delivery-timeout rules, unknown keys rejected by name.
sim::Result<ProducerConfig> parse_producer_config(
    const std::map<std::string, std::string>& config);
sim::Result<ConsumerConfig> parse_consumer_config(
    const std::map<std::string, std::string>& config);
sim::Result<AdminConfig> parse_admin_config(const std::map<std::string, std::string>& config);

ProducerConfig default_producer_config();
ConsumerConfig default_consumer_config();

std::string_view auto_offset_reset_name(AutoOffsetReset reset);
std::string_view isolation_level_name(IsolationLevel level);

}  // namespace core::config
