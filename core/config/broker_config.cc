#include "core/config/broker_config.h"

#include <array>

namespace core::config {
namespace {

using T = ConfigType;

// Kafka 3.x KafkaConfig (kafka.server.KafkaConfig and its Defaults), the keys a simulated
// broker, controller or group coordinator acts on.
constexpr std::array kBrokerKeys = {
    plain("broker.id", T::Int, "-1", "The broker id for this server."),
    plain("node.id", T::Int, "-1",
          "The node ID associated with the roles this process is playing when "
          "`process.roles` is non-empty."),
    at_least("num.partitions", T::Int, "1", 1, "The default number of log partitions per topic"),
    plain("default.replication.factor", T::Int, "1",
          "The default replication factors for automatically created topics."),
    at_least("min.insync.replicas", T::Int, "1", 1,
             "When a producer sets acks to \"all\" (or \"-1\"), min.insync.replicas specifies "
             "the minimum number of replicas that must acknowledge a write for the write to be "
             "considered successful."),
    plain("unclean.leader.election.enable", T::Boolean, "false",
          "Indicates whether to enable replicas not in the ISR set to be elected as leader as "
          "a last resort, even though doing so may result in data loss"),
    plain("delete.topic.enable", T::Boolean, "true",
          "Enables delete topic. Delete topic through the admin tool will have no effect if "
          "this config is turned off"),
    plain("auto.create.topics.enable", T::Boolean, "true",
          "Enable auto creation of topic on the server."),
    plain("auto.leader.rebalance.enable", T::Boolean, "true",
          "Enables auto leader balancing."),
    at_least("leader.imbalance.check.interval.seconds", T::Long, "300", 1,
             "The frequency with which the partition rebalance check is triggered by the "
             "controller"),
    plain("replica.lag.time.max.ms", T::Long, "30000",
          "If a follower hasn't sent any fetch requests or hasn't consumed up to the leaders "
          "log end offset for at least this time, the leader will remove the follower from "
          "isr"),
    plain("replica.fetch.wait.max.ms", T::Int, "500",
          "The maximum wait time for each fetcher request issued by follower replicas."),
    at_least("replica.fetch.max.bytes", T::Int, "1048576", 0,
             "The number of bytes of messages to attempt to fetch for each partition."),
    plain("replica.fetch.min.bytes", T::Int, "1",
          "Minimum bytes expected for each fetch response."),
    at_least("replica.fetch.response.max.bytes", T::Int, "10485760", 0,
             "Maximum bytes expected for the entire fetch response."),
    at_least("replica.fetch.backoff.ms", T::Int, "1000", 0,
             "The amount of time to sleep when fetch partition error occurs."),
    plain("replica.socket.timeout.ms", T::Int, "30000",
          "The socket timeout for network requests."),
    plain("num.replica.fetchers", T::Int, "1",
          "Number of fetcher threads used to replicate records from each source broker."),
    at_least("log.flush.interval.messages", T::Long, "9223372036854775807", 1,
             "The number of messages accumulated on a log partition before messages are "
             "flushed to disk."),
    null_default("log.flush.interval.ms", T::Long,
                 "The maximum time in ms that a message in any topic is kept in memory before "
                 "flushed to disk. If not set, the value in log.flush.scheduler.interval.ms is "
                 "used"),
    plain("log.flush.scheduler.interval.ms", T::Long, "9223372036854775807",
          "The frequency in ms that the log flusher checks whether any log needs to be "
          "flushed to disk"),
    plain("log.retention.hours", T::Int, "168",
          "The number of hours to keep a log file before deleting it (in hours), tertiary to "
          "log.retention.ms property"),
    null_default("log.retention.minutes", T::Int,
                 "The number of minutes to keep a log file before deleting it (in minutes), "
                 "secondary to log.retention.ms property."),
    null_default("log.retention.ms", T::Long,
                 "The number of milliseconds to keep a log file before deleting it (in "
                 "milliseconds), If not set, the value in log.retention.minutes is used."),
    plain("log.retention.bytes", T::Long, "-1",
          "The maximum size of the log before deleting it"),
    at_least("log.retention.check.interval.ms", T::Long, "300000", 1,
             "The frequency in milliseconds that the log cleaner checks whether any log is "
             "eligible for deletion"),
    at_least("log.segment.bytes", T::Int, "1073741824", 14,
             "The maximum size of a single log file"),
    at_least("log.roll.hours", T::Int, "168", 1,
             "The maximum time before a new log segment is rolled out (in hours)"),
    null_default("log.roll.ms", T::Long,
                 "The maximum time before a new log segment is rolled out (in milliseconds)."),
    list_of("log.cleanup.policy", "delete", "compact,delete",
            "The default cleanup policy for segments beyond the retention window."),
    at_least("message.max.bytes", T::Int, "1048588", 0,
             "The largest record batch size allowed by Kafka (after compression if "
             "compression is enabled)."),
    one_of("compression.type", "producer", "uncompressed,zstd,lz4,snappy,gzip,producer",
           "Specify the final compression type for a given topic."),
    at_least("offsets.topic.num.partitions", T::Int, "50", 1,
             "The number of partitions for the offset commit topic (should not change after "
             "deployment)."),
    between("offsets.topic.replication.factor", T::Int, "3", 1, 32767,
            "The replication factor for the offsets topic (set higher to ensure "
            "availability)."),
    at_least("offsets.topic.segment.bytes", T::Int, "104857600", 1,
             "The offsets topic segment bytes should be kept relatively small in order to "
             "facilitate faster log compaction and cache loads."),
    at_least("offsets.retention.minutes", T::Int, "10080", 1,
             "For subscribed consumers, committed offset of a specific partition will be "
             "expired and discarded when all consumers of its group are empty and this "
             "retention period has elapsed."),
    at_least("offsets.commit.timeout.ms", T::Int, "5000", 1,
             "Offset commit will be delayed until all replicas for the offsets topic receive "
             "the commit or this timeout is reached."),
    plain("offset.metadata.max.bytes", T::Int, "4096",
          "The maximum size for a metadata entry associated with an offset commit."),
    plain("group.initial.rebalance.delay.ms", T::Int, "3000",
          "The amount of time the group coordinator will wait for more consumers to join a "
          "new group before performing the first rebalance."),
    plain("group.min.session.timeout.ms", T::Int, "6000",
          "The minimum allowed session timeout for registered consumers."),
    plain("group.max.session.timeout.ms", T::Int, "1800000",
          "The maximum allowed session timeout for registered consumers."),
    at_least("group.max.size", T::Int, "2147483647", 1,
             "The maximum number of consumers that a single consumer group can accommodate."),
    at_least("transaction.state.log.num.partitions", T::Int, "50", 1,
             "The number of partitions for the transaction topic (should not change after "
             "deployment)."),
    between("transaction.state.log.replication.factor", T::Int, "3", 1, 32767,
            "The replication factor for the transaction topic (set higher to ensure "
            "availability)."),
    at_least("transaction.state.log.min.isr", T::Int, "2", 1,
             "The minimum number of replicas that must acknowledge a write to transaction "
             "topic in order to be considered successful."),
    at_least("transaction.max.timeout.ms", T::Int, "900000", 1,
             "The maximum allowed timeout for transactions."),
    at_least("transactional.id.expiration.ms", T::Int, "604800000", 1,
             "The time in ms that the transaction coordinator will wait without receiving any "
             "transaction status updates for the current transaction before expiring its "
             "transactional id."),
    at_least("producer.id.expiration.ms", T::Int, "86400000", 1,
             "The time in ms that a topic partition leader will wait before expiring producer "
             "IDs."),
    plain("broker.session.timeout.ms", T::Int, "9000",
          "The length of time in milliseconds that a broker lease lasts if no heartbeats are "
          "made."),
    plain("broker.heartbeat.interval.ms", T::Int, "2000",
          "The length of time in milliseconds between broker heartbeats."),
    plain("controller.quorum.voters", T::List, "",
          "Map of id/endpoint information for the set of voters in a comma-separated list of "
          "`{id}@{host}:{port}` entries."),
    plain("controller.quorum.election.timeout.ms", T::Int, "1000",
          "Maximum time in milliseconds to wait without being able to fetch from the leader "
          "before triggering a new election"),
    plain("controller.quorum.fetch.timeout.ms", T::Int, "2000",
          "Maximum time without a successful fetch from the current leader before becoming a "
          "candidate and triggering an election for voters"),
    plain("controller.quorum.election.backoff.max.ms", T::Int, "1000",
          "Maximum time in milliseconds before starting new elections."),
    plain("controller.quorum.request.timeout.ms", T::Int, "2000",
          "The configuration controls the maximum amount of time the client will wait for the "
          "response of a request."),
    plain("controller.quorum.retry.backoff.ms", T::Int, "20",
          "The amount of time to wait before attempting to retry a failed request to a given "
          "topic partition."),
};

template <typename Number>
std::optional<Number> optional_number(const ConfigValues& values, std::string_view name) {
    if (values.is_null(name)) return std::nullopt;
    return static_cast<Number>(values.get_long(name));
}

void fill_topics_and_replication(const ConfigValues& v, BrokerConfig& c) {
    c.broker_id = v.get_int("broker.id");
    c.node_id = v.get_int("node.id");
    c.num_partitions = v.get_int("num.partitions");
    c.default_replication_factor = v.get_int("default.replication.factor");
    c.min_insync_replicas = v.get_int("min.insync.replicas");
    c.unclean_leader_election_enable = v.get_bool("unclean.leader.election.enable");
    c.delete_topic_enable = v.get_bool("delete.topic.enable");
    c.auto_create_topics_enable = v.get_bool("auto.create.topics.enable");
    c.auto_leader_rebalance_enable = v.get_bool("auto.leader.rebalance.enable");
    c.leader_imbalance_check_interval_seconds =
        v.get_long("leader.imbalance.check.interval.seconds");
    c.replica_lag_time_max_ms = v.get_long("replica.lag.time.max.ms");
    c.replica_fetch_wait_max_ms = v.get_int("replica.fetch.wait.max.ms");
    c.replica_fetch_max_bytes = v.get_int("replica.fetch.max.bytes");
    c.replica_fetch_min_bytes = v.get_int("replica.fetch.min.bytes");
    c.replica_fetch_response_max_bytes = v.get_int("replica.fetch.response.max.bytes");
    c.replica_fetch_backoff_ms = v.get_int("replica.fetch.backoff.ms");
    c.replica_socket_timeout_ms = v.get_int("replica.socket.timeout.ms");
    c.num_replica_fetchers = v.get_int("num.replica.fetchers");
}

void fill_log(const ConfigValues& v, BrokerConfig& c) {
    c.log_flush_interval_messages = v.get_long("log.flush.interval.messages");
    c.log_flush_interval_ms_override = optional_number<int64_t>(v, "log.flush.interval.ms");
    c.log_flush_scheduler_interval_ms = v.get_long("log.flush.scheduler.interval.ms");
    c.log_retention_hours = v.get_int("log.retention.hours");
    c.log_retention_minutes = optional_number<int32_t>(v, "log.retention.minutes");
    c.log_retention_ms_override = optional_number<int64_t>(v, "log.retention.ms");
    c.log_retention_bytes = v.get_long("log.retention.bytes");
    c.log_retention_check_interval_ms = v.get_long("log.retention.check.interval.ms");
    c.log_segment_bytes = v.get_int("log.segment.bytes");
    c.log_roll_hours = v.get_int("log.roll.hours");
    c.log_roll_ms_override = optional_number<int64_t>(v, "log.roll.ms");
    c.log_cleanup_policy = v.get_list("log.cleanup.policy");
    c.message_max_bytes = v.get_int("message.max.bytes");
    c.compression_type = v.get_string("compression.type");
}

void fill_groups_transactions_kraft(const ConfigValues& v, BrokerConfig& c) {
    c.offsets_topic_num_partitions = v.get_int("offsets.topic.num.partitions");
    c.offsets_topic_replication_factor = v.get_int("offsets.topic.replication.factor");
    c.offsets_topic_segment_bytes = v.get_int("offsets.topic.segment.bytes");
    c.offsets_retention_minutes = v.get_int("offsets.retention.minutes");
    c.offsets_commit_timeout_ms = v.get_int("offsets.commit.timeout.ms");
    c.offset_metadata_max_bytes = v.get_int("offset.metadata.max.bytes");
    c.group_initial_rebalance_delay_ms = v.get_int("group.initial.rebalance.delay.ms");
    c.group_min_session_timeout_ms = v.get_int("group.min.session.timeout.ms");
    c.group_max_session_timeout_ms = v.get_int("group.max.session.timeout.ms");
    c.group_max_size = v.get_int("group.max.size");
    c.transaction_state_log_num_partitions = v.get_int("transaction.state.log.num.partitions");
    c.transaction_state_log_replication_factor =
        v.get_int("transaction.state.log.replication.factor");
    c.transaction_state_log_min_isr = v.get_int("transaction.state.log.min.isr");
    c.transaction_max_timeout_ms = v.get_int("transaction.max.timeout.ms");
    c.transactional_id_expiration_ms = v.get_int("transactional.id.expiration.ms");
    c.producer_id_expiration_ms = v.get_int("producer.id.expiration.ms");
    c.broker_session_timeout_ms = v.get_int("broker.session.timeout.ms");
    c.broker_heartbeat_interval_ms = v.get_int("broker.heartbeat.interval.ms");
    c.controller_quorum_voters = v.get_list("controller.quorum.voters");
    c.controller_quorum_election_timeout_ms = v.get_int("controller.quorum.election.timeout.ms");
    c.controller_quorum_fetch_timeout_ms = v.get_int("controller.quorum.fetch.timeout.ms");
    c.controller_quorum_election_backoff_max_ms =
        v.get_int("controller.quorum.election.backoff.max.ms");
    c.controller_quorum_request_timeout_ms = v.get_int("controller.quorum.request.timeout.ms");
    c.controller_quorum_retry_backoff_ms = v.get_int("controller.quorum.retry.backoff.ms");
}

}  // namespace

std::span<const ConfigKey> broker_config_keys() { return kBrokerKeys; }

int64_t BrokerConfig::log_retention_ms() const {
    constexpr int64_t kMillisPerMinute = 60 * 1000;
    int64_t millis = log_retention_ms_override.has_value() ? *log_retention_ms_override
                     : log_retention_minutes.has_value()
                         ? kMillisPerMinute * *log_retention_minutes
                         : 60 * kMillisPerMinute * int64_t{log_retention_hours};
    return millis < 0 ? -1 : millis;
}

int64_t BrokerConfig::log_roll_ms() const {
    return log_roll_ms_override.value_or(int64_t{log_roll_hours} * 60 * 60 * 1000);
}

int64_t BrokerConfig::log_flush_interval_ms() const {
    return log_flush_interval_ms_override.value_or(log_flush_scheduler_interval_ms);
}

BrokerConfig default_broker_config() {
    sim::Result<BrokerConfig> config = parse_broker_config({});
    KS_ASSERT(config.ok());
    return std::move(config).value();
}

sim::Result<BrokerConfig> parse_broker_config(const std::map<std::string, std::string>& config) {
    sim::Result<ConfigValues> values = parse_config(kBrokerKeys, config, "broker");
    if (!values.ok()) return values.error();
    BrokerConfig broker;
    fill_topics_and_replication(values.value(), broker);
    fill_log(values.value(), broker);
    fill_groups_transactions_kraft(values.value(), broker);
    // Reversed bounds would make every JoinGroup fail with INVALID_SESSION_TIMEOUT: a
    // scenario mistake, reported as one.
    if (broker.group_max_session_timeout_ms < broker.group_min_session_timeout_ms) {
        return sim::Error{"", "group.max.session.timeout.ms must be greater than or equal to "
                              "group.min.session.timeout.ms"};
    }
    broker.values = std::move(values).value();
    return broker;
}

}  // namespace core::config
