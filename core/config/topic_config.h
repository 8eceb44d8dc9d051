#pragma once
// Per-topic configuration (Kafka's TopicConfig / LogConfig): the key table with Kafka's
// defaults and validators, and the typed TopicConfig a partition log reads.

#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "core/config/config_def.h"
#include "sim/result.h"

namespace core::config {

struct BrokerConfig;

/// Kafka's LogConfig keys, names verbatim, with Kafka 3.x defaults.
std::span<const ConfigKey> topic_config_keys();

/// The typed view of one topic's configuration.
struct TopicConfig {
    /// "cleanup.policy": delete and/or compact.
    bool cleanup_policy_delete = true;
    bool cleanup_policy_compact = false;
    /// "min.insync.replicas": acks=all fails with NOT_ENOUGH_REPLICAS below this ISR size.
    int32_t min_insync_replicas = 1;
    /// "unclean.leader.election.enable": may a replica outside the ISR become leader.
    bool unclean_leader_election_enable = false;
    /// "retention.ms": -1 keeps records forever.
    int64_t retention_ms = 604800000;
    /// "retention.bytes": per partition; -1 means no size limit.
    int64_t retention_bytes = -1;
    int32_t segment_bytes = 1073741824;
    int64_t segment_ms = 604800000;
    /// "flush.messages": fsync every N messages; Kafka's default (Long.MAX) never does and
    /// relies on replication.
    int64_t flush_messages = INT64_MAX;
    /// "flush.ms": fsync when the oldest unflushed message is this old; Long.MAX = never.
    int64_t flush_ms = INT64_MAX;
    int32_t max_message_bytes = 1048588;
    /// "message.timestamp.type": "CreateTime" or "LogAppendTime".
    std::string message_timestamp_type = "CreateTime";
    std::string compression_type = "producer";
    int64_t delete_retention_ms = 86400000;
    int64_t min_compaction_lag_ms = 0;
    int64_t file_delete_delay_ms = 60000;
    /// The parsed table, for describe output ("Configs:") and keys without a field.
    ConfigValues values;
};

/// Kafka's defaults with no broker overrides.
TopicConfig default_topic_config();

/// Parses a topic's overrides (`config = { "min.insync.replicas" = 2 }`); keys not given
/// take Kafka's defaults.
sim::Result<TopicConfig> parse_topic_config(const std::map<std::string, std::string>& overrides);

/// As above, with defaults taken from the broker's log.* synonyms (log.retention.hours,
/// log.segment.bytes, min.insync.replicas, ...), as Kafka's LogConfig.fromProps does.
sim::Result<TopicConfig> parse_topic_config(const std::map<std::string, std::string>& overrides,
                                            const BrokerConfig& broker);

}  // namespace core::config
