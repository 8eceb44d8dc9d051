#include "core/config/topic_config.h"

#include <array>

#include "core/config/broker_config.h"

namespace core::config {
namespace {

using T = ConfigType;

// Kafka 3.x LogConfig: org.apache.kafka.storage.internals.log.LogConfig (CONFIG static).
constexpr std::array kTopicKeys = {
    list_of("cleanup.policy", "delete", "compact,delete",
            "A string that is either \"delete\" or \"compact\" or both."),
    one_of("compression.type", "producer", "uncompressed,zstd,lz4,snappy,gzip,producer",
           "Specify the final compression type for a given topic."),
    at_least("delete.retention.ms", T::Long, "86400000", 0,
             "The amount of time to retain delete tombstone markers for log compacted topics."),
    at_least("file.delete.delay.ms", T::Long, "60000", 0,
             "The time to wait before deleting a file from the filesystem."),
    at_least("flush.messages", T::Long, "9223372036854775807", 1,
             "The interval of messages after which an fsync of data written to the log is "
             "forced."),
    at_least("flush.ms", T::Long, "9223372036854775807", 0,
             "The time interval after which an fsync of data written to the log is forced."),
    at_least("index.interval.bytes", T::Int, "4096", 0,
             "How frequently Kafka adds an index entry to its offset index."),
    at_least("max.compaction.lag.ms", T::Long, "9223372036854775807", 1,
             "The maximum time a message will remain ineligible for compaction in the log."),
    at_least("max.message.bytes", T::Int, "1048588", 0,
             "The largest record batch size allowed by Kafka (after compression if "
             "compression is enabled)."),
    plain("message.downconversion.enable", T::Boolean, "true",
          "Whether down-conversion of message formats is enabled to satisfy consume "
          "requests."),
    at_least("message.timestamp.difference.max.ms", T::Long, "9223372036854775807", 0,
             "The maximum difference allowed between the timestamp when a broker receives a "
             "message and the timestamp specified in the message."),
    one_of("message.timestamp.type", "CreateTime", "CreateTime,LogAppendTime",
           "Define whether the timestamp in the message is message create time or log append "
           "time."),
    plain("min.cleanable.dirty.ratio", T::Double, "0.5",
          "The minimum ratio of dirty log to total log for a log to be eligible for "
          "cleaning."),
    at_least("min.compaction.lag.ms", T::Long, "0", 0,
             "The minimum time a message will remain uncompacted in the log."),
    at_least("min.insync.replicas", T::Int, "1", 1,
             "When a producer sets acks to \"all\" (or \"-1\"), this configuration specifies "
             "the minimum number of replicas that must acknowledge a write for the write to "
             "be considered successful."),
    plain("preallocate", T::Boolean, "false",
          "True if we should preallocate the file on disk when creating a new log segment."),
    plain("retention.bytes", T::Long, "-1",
          "This configuration controls the maximum size a partition (which consists of log "
          "segments) can grow to before we will discard old log segments to free up space if "
          "we are using the \"delete\" retention policy."),
    at_least("retention.ms", T::Long, "604800000", -1,
             "This configuration controls the maximum time we will retain a log before we will "
             "discard old log segments to free up space if we are using the \"delete\" "
             "retention policy."),
    at_least("segment.bytes", T::Int, "1073741824", 14,
             "This configuration controls the segment file size for the log."),
    at_least("segment.index.bytes", T::Int, "10485760", 4,
             "This configuration controls the size of the index that maps offsets to file "
             "positions."),
    at_least("segment.jitter.ms", T::Long, "0", 0,
             "The maximum random jitter subtracted from the scheduled segment roll time to "
             "avoid thundering herds of segment rolling."),
    at_least("segment.ms", T::Long, "604800000", 1,
             "This configuration controls the period of time after which Kafka will force the "
             "log to roll even if the segment file isn't full to ensure that retention can "
             "delete or compact old data."),
    plain("unclean.leader.election.enable", T::Boolean, "false",
          "Indicates whether to enable replicas not in the ISR set to be elected as leader as "
          "a last resort, even though doing so may result in data loss."),
};

bool contains(const std::vector<std::string>& items, std::string_view item) {
    for (const std::string& candidate : items) {
        if (candidate == item) return true;
    }
    return false;
}

TopicConfig typed(ConfigValues values) {
    TopicConfig config;
    const std::vector<std::string>& policy = values.get_list("cleanup.policy");
    config.cleanup_policy_delete = contains(policy, "delete");
    config.cleanup_policy_compact = contains(policy, "compact");
    config.min_insync_replicas = values.get_int("min.insync.replicas");
    config.unclean_leader_election_enable = values.get_bool("unclean.leader.election.enable");
    config.retention_ms = values.get_long("retention.ms");
    config.retention_bytes = values.get_long("retention.bytes");
    config.segment_bytes = values.get_int("segment.bytes");
    config.segment_ms = values.get_long("segment.ms");
    config.flush_messages = values.get_long("flush.messages");
    config.flush_ms = values.get_long("flush.ms");
    config.max_message_bytes = values.get_int("max.message.bytes");
    config.message_timestamp_type = values.get_string("message.timestamp.type");
    config.compression_type = values.get_string("compression.type");
    config.delete_retention_ms = values.get_long("delete.retention.ms");
    config.min_compaction_lag_ms = values.get_long("min.compaction.lag.ms");
    config.file_delete_delay_ms = values.get_long("file.delete.delay.ms");
    config.values = std::move(values);
    return config;
}

// A broker's log.* settings become the topic defaults (Kafka's
// KafkaConfig.extractLogConfigMap), so a topic without overrides follows the broker.
std::map<std::string, std::string> broker_defaults(const BrokerConfig& broker) {
    std::map<std::string, std::string> defaults;
    defaults["retention.ms"] = std::to_string(broker.log_retention_ms());
    defaults["retention.bytes"] = std::to_string(broker.log_retention_bytes);
    defaults["segment.bytes"] = std::to_string(broker.log_segment_bytes);
    defaults["segment.ms"] = std::to_string(broker.log_roll_ms());
    defaults["flush.messages"] = std::to_string(broker.log_flush_interval_messages);
    defaults["flush.ms"] = std::to_string(broker.log_flush_interval_ms());
    defaults["min.insync.replicas"] = std::to_string(broker.min_insync_replicas);
    defaults["unclean.leader.election.enable"] =
        broker.unclean_leader_election_enable ? "true" : "false";
    defaults["max.message.bytes"] = std::to_string(broker.message_max_bytes);
    defaults["compression.type"] = broker.compression_type;
    std::string policy;
    for (const std::string& item : broker.log_cleanup_policy) {
        policy += (policy.empty() ? "" : ",") + item;
    }
    defaults["cleanup.policy"] = policy;
    return defaults;
}

}  // namespace

std::span<const ConfigKey> topic_config_keys() { return kTopicKeys; }

TopicConfig default_topic_config() {
    sim::Result<TopicConfig> config = parse_topic_config({});
    KS_ASSERT(config.ok());
    return std::move(config).value();
}

sim::Result<TopicConfig> parse_topic_config(const std::map<std::string, std::string>& overrides) {
    sim::Result<ConfigValues> values = parse_config(kTopicKeys, overrides, "topic");
    if (!values.ok()) return values.error();
    return typed(std::move(values).value());
}

sim::Result<TopicConfig> parse_topic_config(const std::map<std::string, std::string>& overrides,
                                            const BrokerConfig& broker) {
    sim::Result<ConfigValues> values =
        parse_config(kTopicKeys, overrides, "topic", broker_defaults(broker));
    if (!values.ok()) return values.error();
    return typed(std::move(values).value());
}

}  // namespace core::config
