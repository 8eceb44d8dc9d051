#pragma once
// Broker configuration (Kafka's KafkaConfig, the subset a simulated cluster acts on): the
// key table with Kafka 3.x defaults and validators, and the typed BrokerConfig.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/config/config_def.h"
#include "sim/result.h"

namespace core::config {

/// KafkaConfig keys, names verbatim, Kafka 3.x defaults.
std::span<const ConfigKey> broker_config_keys();

/// The typed view of a broker's configuration; every field is named after its key.
struct BrokerConfig {
    int32_t broker_id = -1;
    int32_t node_id = -1;
    // Topics.
    int32_t num_partitions = 1;
    int32_t default_replication_factor = 1;
    int32_t min_insync_replicas = 1;
    bool unclean_leader_election_enable = false;
    bool delete_topic_enable = true;
    bool auto_create_topics_enable = true;
    bool auto_leader_rebalance_enable = true;
    int64_t leader_imbalance_check_interval_seconds = 300;
    // Replication.
    int64_t replica_lag_time_max_ms = 30000;
    int32_t replica_fetch_wait_max_ms = 500;
    int32_t replica_fetch_max_bytes = 1048576;
    int32_t replica_fetch_min_bytes = 1;
    int32_t replica_fetch_response_max_bytes = 10485760;
    int32_t replica_fetch_backoff_ms = 1000;
    int32_t replica_socket_timeout_ms = 30000;
    int32_t num_replica_fetchers = 1;
    // Log.
    int64_t log_flush_interval_messages = INT64_MAX;
    /// "log.flush.interval.ms"; null by default (log.flush.scheduler.interval.ms applies).
    std::optional<int64_t> log_flush_interval_ms_override;
    int64_t log_flush_scheduler_interval_ms = INT64_MAX;
    int32_t log_retention_hours = 168;
    /// "log.retention.minutes" / "log.retention.ms": null by default; see log_retention_ms().
    std::optional<int32_t> log_retention_minutes;
    std::optional<int64_t> log_retention_ms_override;
    int64_t log_retention_bytes = -1;
    int64_t log_retention_check_interval_ms = 300000;
    int32_t log_segment_bytes = 1073741824;
    int32_t log_roll_hours = 168;
    std::optional<int64_t> log_roll_ms_override;
    std::vector<std::string> log_cleanup_policy = {"delete"};
    int32_t message_max_bytes = 1048588;
    std::string compression_type = "producer";
    // Groups and offsets.
    int32_t offsets_topic_num_partitions = 50;
    int32_t offsets_topic_replication_factor = 3;
    int32_t offsets_topic_segment_bytes = 104857600;
    int32_t offsets_retention_minutes = 10080;
    int32_t offsets_commit_timeout_ms = 5000;
    int32_t offset_metadata_max_bytes = 4096;
    int32_t group_initial_rebalance_delay_ms = 3000;
    int32_t group_min_session_timeout_ms = 6000;
    int32_t group_max_session_timeout_ms = 1800000;
    int32_t group_max_size = INT32_MAX;
    // Transactions and idempotence.
    int32_t transaction_state_log_num_partitions = 50;
    int32_t transaction_state_log_replication_factor = 3;
    int32_t transaction_state_log_min_isr = 2;
    int32_t transaction_max_timeout_ms = 900000;
    int32_t transactional_id_expiration_ms = 604800000;
    int32_t producer_id_expiration_ms = 86400000;
    // KRaft.
    int32_t broker_session_timeout_ms = 9000;
    int32_t broker_heartbeat_interval_ms = 2000;
    std::vector<std::string> controller_quorum_voters;
    int32_t controller_quorum_election_timeout_ms = 1000;
    int32_t controller_quorum_fetch_timeout_ms = 2000;
    int32_t controller_quorum_election_backoff_max_ms = 1000;
    int32_t controller_quorum_request_timeout_ms = 2000;
    int32_t controller_quorum_retry_backoff_ms = 20;
    /// The parsed table, for keys without a field.
    ConfigValues values;

    /// Kafka's precedence: log.retention.ms, else log.retention.minutes, else
    /// log.retention.hours; a negative log.retention.ms means unlimited (-1).
    int64_t log_retention_ms() const;
    /// log.roll.ms, else log.roll.hours.
    int64_t log_roll_ms() const;
    /// log.flush.interval.ms, else log.flush.scheduler.interval.ms.
    int64_t log_flush_interval_ms() const;
};

/// Kafka's defaults.
BrokerConfig default_broker_config();

/// Parses a scenario's `[cluster] config` map: unknown keys and bad values are errors
/// naming the key, in Kafka's wording.
sim::Result<BrokerConfig> parse_broker_config(const std::map<std::string, std::string>& config);

}  // namespace core::config
