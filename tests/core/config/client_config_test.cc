// Producer, consumer and admin configs: Kafka 3.x defaults, Kafka's ConfigException wording
// for bad values, unknown keys rejected by name, and Kafka's cross-key rules (idempotence
// silently off when only defaulted, an error when asked for; auto-commit needs a group).

#include <gtest/gtest.h>

#include "core/config/client_config.h"

namespace core::config {
namespace {

TEST(ProducerConfig, DefaultsAreKafka3Defaults) {
    ProducerConfig config = default_producer_config();
    EXPECT_EQ(config.acks, kAcksAll);
    EXPECT_TRUE(config.enable_idempotence);
    EXPECT_EQ(config.retries, INT32_MAX);
    EXPECT_EQ(config.linger_ms, 0);
    EXPECT_EQ(config.batch_size, 16384);
    EXPECT_EQ(config.delivery_timeout_ms, 120000);
    EXPECT_EQ(config.request_timeout_ms, 30000);
    EXPECT_EQ(config.retry_backoff_ms, 100);
    EXPECT_EQ(config.max_in_flight_requests_per_connection, 5);
    EXPECT_TRUE(config.partitioner_class.empty());
    EXPECT_FALSE(config.partitioner_ignore_keys);
    EXPECT_FALSE(config.transactional_id.has_value());
}

TEST(ProducerConfig, AcksMinusOneMeansAll) {
    auto config = parse_producer_config({{"acks", "-1"}});
    ASSERT_TRUE(config.ok()) << config.error().message();
    EXPECT_EQ(config.value().acks, kAcksAll);
    EXPECT_TRUE(config.value().enable_idempotence);
}

TEST(ProducerConfig, BadAcksIsRejectedInKafkasWords) {
    auto config = parse_producer_config({{"acks", "2"}});
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message(),
              "Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1");
}

TEST(ProducerConfig, AcksOneSilentlyDisablesDefaultedIdempotence) {
    auto config = parse_producer_config({{"acks", "1"}});
    ASSERT_TRUE(config.ok()) << config.error().message();
    EXPECT_EQ(config.value().acks, 1);
    EXPECT_FALSE(config.value().enable_idempotence);
}

TEST(ProducerConfig, AcksOneWithExplicitIdempotenceIsAnError) {
    auto config = parse_producer_config({{"acks", "1"}, {"enable.idempotence", "true"}});
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message(),
              "Must set acks to all in order to use the idempotent producer. Otherwise we "
              "cannot guarantee idempotence.");
}

TEST(ProducerConfig, RetriesZeroOrTooManyInFlightDisableDefaultedIdempotence) {
    auto no_retries = parse_producer_config({{"retries", "0"}});
    ASSERT_TRUE(no_retries.ok());
    EXPECT_FALSE(no_retries.value().enable_idempotence);
    auto in_flight = parse_producer_config({{"max.in.flight.requests.per.connection", "6"}});
    ASSERT_TRUE(in_flight.ok());
    EXPECT_FALSE(in_flight.value().enable_idempotence);
    auto explicit_in_flight = parse_producer_config(
        {{"max.in.flight.requests.per.connection", "6"}, {"enable.idempotence", "true"}});
    EXPECT_FALSE(explicit_in_flight.ok());
}

TEST(ProducerConfig, TransactionalIdNeedsIdempotence) {
    auto config = parse_producer_config({{"transactional.id", "t1"}, {"acks", "1"}});
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message(),
              "Cannot set a transactional.id without also enabling idempotence.");
}

TEST(ProducerConfig, BooleanAndNumberErrorsNameTheKeyAndType) {
    auto boolean = parse_producer_config({{"enable.idempotence", "yes"}});
    ASSERT_FALSE(boolean.ok());
    EXPECT_EQ(boolean.error().message(),
              "Invalid value yes for configuration enable.idempotence: Expected value to be "
              "either true or false");
    auto number = parse_producer_config({{"batch.size", "big"}});
    ASSERT_FALSE(number.ok());
    EXPECT_EQ(number.error().message(),
              "Invalid value big for configuration batch.size: Not a number of type INT");
    auto negative = parse_producer_config({{"linger.ms", "-5"}});
    ASSERT_FALSE(negative.ok());
    EXPECT_EQ(negative.error().message(),
              "Invalid value -5 for configuration linger.ms: Value must be at least 0");
}

TEST(ProducerConfig, UnknownKeyIsRejectedByName) {
    auto config = parse_producer_config({{"lingr.ms", "5"}});
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message(),
              "The configuration 'lingr.ms' was supplied but isn't a known producer config.");
}

TEST(ProducerConfig, DeliveryTimeoutBelowLingerPlusRequestTimeout) {
    auto defaulted = parse_producer_config({{"linger.ms", "100000"}});
    ASSERT_TRUE(defaulted.ok());
    EXPECT_EQ(defaulted.value().delivery_timeout_ms, 130000);
    auto explicitly = parse_producer_config({{"delivery.timeout.ms", "1000"}});
    ASSERT_FALSE(explicitly.ok());
    EXPECT_EQ(explicitly.error().message(),
              "delivery.timeout.ms should be equal to or larger than linger.ms + "
              "request.timeout.ms");
}

TEST(ProducerConfig, PartitionerClassMustBeKnown) {
    auto round_robin = parse_producer_config(
        {{"partitioner.class", "org.apache.kafka.clients.producer.RoundRobinPartitioner"}});
    ASSERT_TRUE(round_robin.ok());
    EXPECT_EQ(round_robin.value().partitioner_class, kRoundRobinPartitioner);
    auto unknown = parse_producer_config({{"partitioner.class", "com.example.Mine"}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().message(),
              "Invalid value com.example.Mine for configuration partitioner.class: Class "
              "com.example.Mine could not be found.");
}

TEST(ConsumerConfig, DefaultsAreKafka3Defaults) {
    ConsumerConfig config = default_consumer_config();
    EXPECT_FALSE(config.group_id.has_value());
    EXPECT_EQ(config.auto_offset_reset, AutoOffsetReset::Latest);
    EXPECT_EQ(config.session_timeout_ms, 45000);
    EXPECT_EQ(config.heartbeat_interval_ms, 3000);
    EXPECT_EQ(config.max_poll_interval_ms, 300000);
    EXPECT_EQ(config.max_poll_records, 500);
    EXPECT_EQ(config.fetch_max_wait_ms, 500);
    EXPECT_EQ(config.auto_commit_interval_ms, 5000);
    EXPECT_EQ(config.isolation_level, IsolationLevel::ReadUncommitted);
    EXPECT_EQ(config.partition_assignment_strategy,
              (std::vector<std::string>{
                  "org.apache.kafka.clients.consumer.RangeAssignor",
                  "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"}));
}

TEST(ConsumerConfig, AutoCommitIsOnWithAGroupAndOffWithout) {
    auto grouped = parse_consumer_config({{"group.id", "dashboard"}});
    ASSERT_TRUE(grouped.ok());
    EXPECT_TRUE(grouped.value().enable_auto_commit);
    EXPECT_EQ(grouped.value().group_id, "dashboard");
    EXPECT_FALSE(default_consumer_config().enable_auto_commit);
    auto explicit_without_group = parse_consumer_config({{"enable.auto.commit", "true"}});
    ASSERT_FALSE(explicit_without_group.ok());
    EXPECT_EQ(explicit_without_group.error().message(),
              "enable.auto.commit cannot be set to true when default group id (null) is used.");
}

TEST(ConsumerConfig, ScenarioValuesParse) {
    auto config = parse_consumer_config({{"group.id", "g"},
                                         {"auto.offset.reset", "earliest"},
                                         {"enable.auto.commit", "false"},
                                         {"isolation.level", "read_committed"},
                                         {"partition.assignment.strategy", "range, sticky"}});
    ASSERT_TRUE(config.ok()) << config.error().message();
    EXPECT_EQ(config.value().auto_offset_reset, AutoOffsetReset::Earliest);
    EXPECT_FALSE(config.value().enable_auto_commit);
    EXPECT_EQ(config.value().isolation_level, IsolationLevel::ReadCommitted);
    EXPECT_EQ(config.value().partition_assignment_strategy,
              (std::vector<std::string>{"range", "sticky"}));
}

TEST(ConsumerConfig, BadOffsetResetAndAssignorAreRejected) {
    auto reset = parse_consumer_config({{"auto.offset.reset", "smallest"}});
    ASSERT_FALSE(reset.ok());
    EXPECT_EQ(reset.error().message(),
              "Invalid value smallest for configuration auto.offset.reset: String must be one "
              "of: latest, earliest, none");
    auto assignor = parse_consumer_config({{"partition.assignment.strategy", "fair"}});
    EXPECT_FALSE(assignor.ok());
}

TEST(AdminConfig, DefaultsAndUnknownKeys) {
    auto admin = parse_admin_config({});
    ASSERT_TRUE(admin.ok());
    EXPECT_EQ(admin.value().request_timeout_ms, 30000);
    EXPECT_EQ(admin.value().default_api_timeout_ms, 60000);
    EXPECT_FALSE(parse_admin_config({{"acks", "all"}}).ok());
}

}  // namespace
}  // namespace core::config
