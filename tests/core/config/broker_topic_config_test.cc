// Broker and topic configs: Kafka 3.x defaults (KafkaConfig, LogConfig), Kafka's
// precedence among log.retention.ms/minutes/hours, topic defaults that follow the broker's
// log.* synonyms, and Kafka's wording for bad values and unknown topic configs.

#include <gtest/gtest.h>

#include "core/config/broker_config.h"
#include "core/config/topic_config.h"

namespace core::config {
namespace {

TEST(BrokerConfig, DefaultsAreKafka3Defaults) {
    BrokerConfig config = default_broker_config();
    EXPECT_EQ(config.replica_lag_time_max_ms, 30000);
    EXPECT_EQ(config.default_replication_factor, 1);
    EXPECT_EQ(config.num_partitions, 1);
    EXPECT_EQ(config.min_insync_replicas, 1);
    EXPECT_FALSE(config.unclean_leader_election_enable);
    EXPECT_TRUE(config.delete_topic_enable);
    EXPECT_TRUE(config.auto_create_topics_enable);
    EXPECT_EQ(config.offsets_topic_num_partitions, 50);
    EXPECT_EQ(config.offsets_topic_replication_factor, 3);
    EXPECT_EQ(config.broker_session_timeout_ms, 9000);
    EXPECT_EQ(config.broker_heartbeat_interval_ms, 2000);
    EXPECT_EQ(config.group_initial_rebalance_delay_ms, 3000);
    EXPECT_EQ(config.group_min_session_timeout_ms, 6000);
    EXPECT_EQ(config.group_max_session_timeout_ms, 1800000);
    EXPECT_EQ(config.replica_fetch_wait_max_ms, 500);
    EXPECT_EQ(config.replica_fetch_max_bytes, 1048576);
    EXPECT_EQ(config.log_flush_interval_messages, INT64_MAX);
    EXPECT_EQ(config.log_retention_hours, 168);
    EXPECT_EQ(config.log_retention_ms(), 168LL * 3600 * 1000);
}

TEST(BrokerConfig, RetentionPrecedenceIsMsThenMinutesThenHours) {
    auto hours = parse_broker_config({{"log.retention.hours", "1"}});
    ASSERT_TRUE(hours.ok());
    EXPECT_EQ(hours.value().log_retention_ms(), 3600000);
    auto minutes = parse_broker_config({{"log.retention.hours", "1"},
                                        {"log.retention.minutes", "2"}});
    ASSERT_TRUE(minutes.ok());
    EXPECT_EQ(minutes.value().log_retention_ms(), 120000);
    auto millis = parse_broker_config({{"log.retention.minutes", "2"},
                                       {"log.retention.ms", "5000"}});
    ASSERT_TRUE(millis.ok());
    EXPECT_EQ(millis.value().log_retention_ms(), 5000);
    auto forever = parse_broker_config({{"log.retention.ms", "-7"}});
    ASSERT_TRUE(forever.ok());
    EXPECT_EQ(forever.value().log_retention_ms(), -1);
}

TEST(BrokerConfig, ScenarioStringsParse) {
    auto config = parse_broker_config({{"replica.lag.time.max.ms", "5000"},
                                       {"unclean.leader.election.enable", "true"},
                                       {"delete.topic.enable", "false"}});
    ASSERT_TRUE(config.ok()) << config.error().message();
    EXPECT_EQ(config.value().replica_lag_time_max_ms, 5000);
    EXPECT_TRUE(config.value().unclean_leader_election_enable);
    EXPECT_FALSE(config.value().delete_topic_enable);
    EXPECT_TRUE(config.value().values.set_explicitly("delete.topic.enable"));
    EXPECT_FALSE(config.value().values.set_explicitly("num.partitions"));
}

TEST(BrokerConfig, BadValuesAndUnknownKeysAreRejected) {
    auto zero = parse_broker_config({{"offsets.topic.num.partitions", "0"}});
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().message(),
              "Invalid value 0 for configuration offsets.topic.num.partitions: Value must be "
              "at least 1");
    auto overflow = parse_broker_config({{"num.partitions", "3000000000"}});
    ASSERT_FALSE(overflow.ok());
    EXPECT_EQ(overflow.error().message(),
              "Invalid value 3000000000 for configuration num.partitions: Not a number of type "
              "INT");
    auto unknown = parse_broker_config({{"replica.lag.max.ms", "1"}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().message(),
              "The configuration 'replica.lag.max.ms' was supplied but isn't a known broker "
              "config.");
}

TEST(TopicConfig, DefaultsAreKafka3Defaults) {
    TopicConfig config = default_topic_config();
    EXPECT_EQ(config.min_insync_replicas, 1);
    EXPECT_FALSE(config.unclean_leader_election_enable);
    EXPECT_EQ(config.retention_ms, 604800000);
    EXPECT_EQ(config.retention_bytes, -1);
    EXPECT_EQ(config.segment_bytes, 1073741824);
    EXPECT_EQ(config.flush_messages, INT64_MAX);
    EXPECT_EQ(config.flush_ms, INT64_MAX);
    EXPECT_TRUE(config.cleanup_policy_delete);
    EXPECT_FALSE(config.cleanup_policy_compact);
}

TEST(TopicConfig, OverridesParseFromScenarioStrings) {
    auto config = parse_topic_config({{"min.insync.replicas", "2"},
                                      {"unclean.leader.election.enable", "false"},
                                      {"flush.messages", "1"},
                                      {"cleanup.policy", "compact,delete"}});
    ASSERT_TRUE(config.ok()) << config.error().message();
    EXPECT_EQ(config.value().min_insync_replicas, 2);
    EXPECT_EQ(config.value().flush_messages, 1);
    EXPECT_TRUE(config.value().cleanup_policy_compact);
    EXPECT_TRUE(config.value().cleanup_policy_delete);
}

TEST(TopicConfig, DefaultsFollowTheBrokersLogSynonyms) {
    auto broker = parse_broker_config({{"min.insync.replicas", "2"},
                                       {"log.retention.hours", "1"},
                                       {"log.flush.interval.messages", "10"},
                                       {"unclean.leader.election.enable", "true"}});
    ASSERT_TRUE(broker.ok());
    auto topic = parse_topic_config({{"unclean.leader.election.enable", "false"}},
                                    broker.value());
    ASSERT_TRUE(topic.ok()) << topic.error().message();
    EXPECT_EQ(topic.value().min_insync_replicas, 2);
    EXPECT_EQ(topic.value().retention_ms, 3600000);
    EXPECT_EQ(topic.value().flush_messages, 10);
    EXPECT_FALSE(topic.value().unclean_leader_election_enable);
    EXPECT_FALSE(topic.value().values.set_explicitly("min.insync.replicas"));
}

TEST(TopicConfig, BadValuesUseKafkasWording) {
    auto isr = parse_topic_config({{"min.insync.replicas", "0"}});
    ASSERT_FALSE(isr.ok());
    EXPECT_EQ(isr.error().message(),
              "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1");
    auto policy = parse_topic_config({{"cleanup.policy", "delete,shred"}});
    ASSERT_FALSE(policy.ok());
    EXPECT_EQ(policy.error().message(),
              "Invalid value shred for configuration cleanup.policy: String must be one of: "
              "compact, delete");
    auto unknown = parse_topic_config({{"retention.hours", "1"}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().message(), "Unknown topic config name: retention.hours");
}

TEST(TopicConfig, EveryTableDefaultParsesAndValidates) {
    // A typo in a default string would only surface when a scenario leaves the key unset.
    for (const ConfigKey& key : topic_config_keys()) {
        if (!key.has_default) continue;
        EXPECT_TRUE(parse_value(key, key.default_value).ok()) << key.name;
    }
    EXPECT_TRUE(parse_broker_config({}).ok());
}

}  // namespace
}  // namespace core::config
