#include "core/config/client_config.h"

#include <algorithm>
#include <array>

namespace core::config {
namespace {

constexpr std::array<std::string_view, 3> kPartitionerClasses = {
    kRoundRobinPartitioner, kDefaultPartitioner, kUniformStickyPartitioner};

// Kafka's class names and the short names kafkasim scenarios may use instead.
constexpr std::array<std::string_view, 8> kAssignorNames = {
    "org.apache.kafka.clients.consumer.RangeAssignor",
    "org.apache.kafka.clients.consumer.RoundRobinAssignor",
    "org.apache.kafka.clients.consumer.StickyAssignor",
    "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
    "range",
    "roundrobin",
    "sticky",
    "cooperative-sticky",
};

template <size_t N>
bool known(const std::array<std::string_view, N>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Kafka's ConfigDef wording for a CLASS value it cannot load.
sim::Error class_not_found(std::string_view key, std::string_view name) {
    return invalid_value(key, name, "Class " + std::string(name) + " could not be found.");
}

std::optional<std::string> optional_string(const ConfigValues& values, std::string_view name) {
    if (values.is_null(name)) return std::nullopt;
    return values.get_string(name);
}

// Kafka's ProducerConfig.postProcessAndValidateIdempotenceConfigs: idempotence left at its
// default is turned off when another setting cannot support it; asked for explicitly, the
// same conflict is a ConfigException.
sim::Status apply_idempotence_rules(const ConfigValues& values, ProducerConfig& config) {
    bool explicitly = values.set_explicitly("enable.idempotence");
    if (config.enable_idempotence) {
        if (config.retries == 0) {
            if (explicitly) {
                return sim::Error{"", "Must set retries to non-zero when using the idempotent "
                                      "producer."};
            }
            config.enable_idempotence = false;
        }
        if (config.acks != kAcksAll) {
            if (explicitly) {
                return sim::Error{"", "Must set acks to all in order to use the idempotent "
                                      "producer. Otherwise we cannot guarantee idempotence."};
            }
            config.enable_idempotence = false;
        }
        if (config.max_in_flight_requests_per_connection > 5) {
            if (explicitly) {
                return sim::Error{"", "Must set max.in.flight.requests.per.connection to at "
                                      "most 5 to use the idempotent producer."};
            }
            config.enable_idempotence = false;
        }
    }
    if (!config.enable_idempotence && config.transactional_id.has_value()) {
        return sim::Error{"", "Cannot set a transactional.id without also enabling "
                              "idempotence."};
    }
    return sim::Ok{};
}

// Kafka's KafkaProducer.configureDeliveryTimeout.
sim::Status apply_delivery_timeout_rule(const ConfigValues& values, ProducerConfig& config) {
    int64_t floor = std::min<int64_t>(config.linger_ms + config.request_timeout_ms, INT32_MAX);
    if (config.delivery_timeout_ms >= floor) return sim::Ok{};
    if (values.set_explicitly("delivery.timeout.ms")) {
        return sim::Error{"", "delivery.timeout.ms should be equal to or larger than "
                              "linger.ms + request.timeout.ms"};
    }
    config.delivery_timeout_ms = static_cast<int32_t>(floor);
    return sim::Ok{};
}

void fill_producer(const ConfigValues& v, ProducerConfig& c) {
    const std::string& acks = v.get_string("acks");
    c.acks = acks == "all" ? kAcksAll : static_cast<int16_t>(std::stoi(acks));
    c.enable_idempotence = v.get_bool("enable.idempotence");
    c.retries = v.get_int("retries");
    c.linger_ms = v.get_long("linger.ms");
    c.batch_size = v.get_int("batch.size");
    c.delivery_timeout_ms = v.get_int("delivery.timeout.ms");
    c.request_timeout_ms = v.get_int("request.timeout.ms");
    c.retry_backoff_ms = v.get_long("retry.backoff.ms");
    c.max_in_flight_requests_per_connection = v.get_int("max.in.flight.requests.per.connection");
    c.max_block_ms = v.get_long("max.block.ms");
    c.buffer_memory = v.get_long("buffer.memory");
    c.max_request_size = v.get_int("max.request.size");
    c.compression_type = v.get_string("compression.type");
    c.partitioner_class = v.get_string_or_empty("partitioner.class");
    c.partitioner_ignore_keys = v.get_bool("partitioner.ignore.keys");
    c.partitioner_adaptive_partitioning_enable =
        v.get_bool("partitioner.adaptive.partitioning.enable");
    c.partitioner_availability_timeout_ms = v.get_long("partitioner.availability.timeout.ms");
    c.transactional_id = optional_string(v, "transactional.id");
    c.transaction_timeout_ms = v.get_int("transaction.timeout.ms");
    c.client_id = v.get_string("client.id");
    c.metadata_max_age_ms = v.get_long("metadata.max.age.ms");
}

void fill_consumer(const ConfigValues& v, ConsumerConfig& c) {
    c.group_id = optional_string(v, "group.id");
    c.group_instance_id = optional_string(v, "group.instance.id");
    const std::string& reset = v.get_string("auto.offset.reset");
    c.auto_offset_reset = reset == "earliest" ? AutoOffsetReset::Earliest
                          : reset == "none"   ? AutoOffsetReset::None
                                              : AutoOffsetReset::Latest;
    c.enable_auto_commit = v.get_bool("enable.auto.commit");
    c.auto_commit_interval_ms = v.get_int("auto.commit.interval.ms");
    c.session_timeout_ms = v.get_int("session.timeout.ms");
    c.heartbeat_interval_ms = v.get_int("heartbeat.interval.ms");
    c.max_poll_interval_ms = v.get_int("max.poll.interval.ms");
    c.max_poll_records = v.get_int("max.poll.records");
    c.fetch_max_wait_ms = v.get_int("fetch.max.wait.ms");
    c.fetch_min_bytes = v.get_int("fetch.min.bytes");
    c.fetch_max_bytes = v.get_int("fetch.max.bytes");
    c.max_partition_fetch_bytes = v.get_int("max.partition.fetch.bytes");
    c.partition_assignment_strategy = v.get_list("partition.assignment.strategy");
    c.isolation_level = v.get_string("isolation.level") == "read_committed"
                            ? IsolationLevel::ReadCommitted
                            : IsolationLevel::ReadUncommitted;
    c.request_timeout_ms = v.get_int("request.timeout.ms");
    c.default_api_timeout_ms = v.get_int("default.api.timeout.ms");
    c.retry_backoff_ms = v.get_long("retry.backoff.ms");
    c.allow_auto_create_topics = v.get_bool("allow.auto.create.topics");
    c.client_id = v.get_string("client.id");
    c.metadata_max_age_ms = v.get_long("metadata.max.age.ms");
}

}  // namespace

sim::Result<ProducerConfig> parse_producer_config(
    const std::map<std::string, std::string>& config) {
    sim::Result<ConfigValues> values = parse_config(producer_config_keys(), config, "producer");
    if (!values.ok()) return values.error();
    ProducerConfig producer;
    fill_producer(values.value(), producer);
    if (!producer.partitioner_class.empty() &&
        !known(kPartitionerClasses, producer.partitioner_class)) {
        return class_not_found("partitioner.class", producer.partitioner_class);
    }
    sim::Status idempotence = apply_idempotence_rules(values.value(), producer);
    if (!idempotence.ok()) return idempotence.error();
    sim::Status delivery = apply_delivery_timeout_rule(values.value(), producer);
    if (!delivery.ok()) return delivery.error();
    producer.values = std::move(values).value();
    return producer;
}

sim::Result<ConsumerConfig> parse_consumer_config(
    const std::map<std::string, std::string>& config) {
    sim::Result<ConfigValues> values = parse_config(consumer_config_keys(), config, "consumer");
    if (!values.ok()) return values.error();
    ConsumerConfig consumer;
    fill_consumer(values.value(), consumer);
    for (const std::string& name : consumer.partition_assignment_strategy) {
        if (!known(kAssignorNames, name)) {
            return class_not_found("partition.assignment.strategy", name);
        }
    }
    // Kafka's ConsumerConfig.maybeOverrideEnableAutoCommit: without a group there is
    // nowhere to commit, so a defaulted auto-commit is off and an explicit one is an error.
    if (!consumer.group_id.has_value() && consumer.enable_auto_commit) {
        if (values.value().set_explicitly("enable.auto.commit")) {
            return sim::Error{"", "enable.auto.commit cannot be set to true when default group "
                                  "id (null) is used."};
        }
        consumer.enable_auto_commit = false;
    }
    consumer.values = std::move(values).value();
    return consumer;
}

sim::Result<AdminConfig> parse_admin_config(const std::map<std::string, std::string>& config) {
    sim::Result<ConfigValues> values = parse_config(admin_config_keys(), config, "admin");
    if (!values.ok()) return values.error();
    AdminConfig admin;
    const ConfigValues& v = values.value();
    admin.request_timeout_ms = v.get_int("request.timeout.ms");
    admin.default_api_timeout_ms = v.get_int("default.api.timeout.ms");
    admin.retries = v.get_int("retries");
    admin.retry_backoff_ms = v.get_long("retry.backoff.ms");
    admin.client_id = v.get_string("client.id");
    admin.values = std::move(values).value();
    return admin;
}

ProducerConfig default_producer_config() {
    sim::Result<ProducerConfig> config = parse_producer_config({});
    KS_ASSERT(config.ok());
    return std::move(config).value();
}

ConsumerConfig default_consumer_config() {
    sim::Result<ConsumerConfig> config = parse_consumer_config({});
    KS_ASSERT(config.ok());
    return std::move(config).value();
}

std::string_view auto_offset_reset_name(AutoOffsetReset reset) {
    switch (reset) {
        case AutoOffsetReset::Latest:
            return "latest";
        case AutoOffsetReset::Earliest:
            return "earliest";
        case AutoOffsetReset::None:
            return "none";
    }
    KS_UNREACHABLE();
}

std::string_view isolation_level_name(IsolationLevel level) {
    switch (level) {
        case IsolationLevel::ReadUncommitted:
            return "read_uncommitted";
        case IsolationLevel::ReadCommitted:
            return "read_committed";
    }
    KS_UNREACHABLE();
}

}  // namespace core::config
