// TestCluster's client handles: producers and consumers on their own nodes, recording
// invoke/ok/fail/info rows, and the synchronous admin calls.

#include <gtest/gtest.h>

#include "core/config/client_config.h"
#include "sim/world.h"
#include "tests/support/client_hosts.h"
#include "tests/support/test_cluster.h"

namespace kafkasim::test {

using core::protocol::Error;

namespace {
constexpr sim::Duration kAdminCallLimit = 90 * sim::kSecond;

/// Whether a failed send's outcome is unknown (it may have been written): history "info".
bool outcome_unknown(Error error) {
    return error == Error::REQUEST_TIMED_OUT || error == Error::NETWORK_EXCEPTION;
}
}  // namespace

ProducerHandle& TestCluster::producer(const std::string& name,
                                      std::map<std::string, std::string> config,
                                      const std::string& default_topic) {
    auto parsed = core::config::parse_producer_config(config);
    if (!parsed.ok()) ADD_FAILURE() << parsed.error().message();
    KS_ASSERT(parsed.ok());
    auto options = core::client::producer_options(parsed.value(), bootstrap());
    auto handle = std::make_unique<ProducerHandle>();
    handle->cluster_ = this;
    handle->name_ = name;
    handle->topic_ = default_topic;
    handle->node_ = next_client_node_++;
    world_->add_node(handle->node_, "producer-" + name, [options](sim::NodeEnv& env) {
        return std::make_unique<ProducerHost>(env, options);
    });
    producers_.push_back(std::move(handle));
    return *producers_.back();
}

core::client::Producer* ProducerHandle::client() {
    auto* host = cluster_->world_->process_as<ProducerHost>(node_);
    return host == nullptr ? nullptr : &host->producer();
}

void ProducerHandle::send(const std::string& key, const std::string& value,
                          const std::string& topic) {
    send_record({topic.empty() ? topic_ : topic, std::nullopt, true, key, value});
}

void ProducerHandle::send_null_key(const std::string& value, const std::string& topic) {
    send_record({topic.empty() ? topic_ : topic, std::nullopt, false, "", value});
}

void ProducerHandle::send_to(int32_t partition, const std::string& key, const std::string& value,
                             const std::string& topic) {
    send_record({topic.empty() ? topic_ : topic, partition, true, key, value});
}

void ProducerHandle::send_record(core::client::ProducerRecord record) {
    core::client::Producer* producer = client();
    KS_ASSERT(producer != nullptr);
    HistoryOp invoke;
    invoke.time_ns = cluster_->now();
    invoke.process = name_;
    invoke.type = "invoke";
    invoke.f = "send";
    invoke.topic = record.topic;
    invoke.partition = record.partition.value_or(-1);
    invoke.has_key = record.has_key;
    invoke.key = record.key;
    invoke.value = record.value;
    const size_t slot = sent_.size();
    SentRecord sent;
    sent.invoke_index = cluster_->history_.add(std::move(invoke));
    sent.has_key = record.has_key;
    sent.key = record.key;
    sent.value = record.value;
    sent_.push_back(sent);
    // Captures fit std::function's inline buffer: the outcome row starts from a copy of
    // the invoke row, found by its index, not from a copy carried in the callback.
    producer->send(std::move(record), [this, slot](const core::client::RecordMetadata& m,
                                                   Error error, const std::string&) {
        SentRecord& s = sent_[slot];
        s.done = true;
        s.error = error;
        s.partition = m.partition;
        s.offset = m.offset;
        HistoryOp op = cluster_->history_.ops()[static_cast<size_t>(s.invoke_index)];
        op.time_ns = cluster_->now();
        op.type = error == Error::NONE ? "ok" : (outcome_unknown(error) ? "info" : "fail");
        op.partition = m.partition;
        op.offset = m.offset;
        if (error != Error::NONE) op.error = std::string(core::protocol::error_name(error));
        cluster_->history_.add(std::move(op));
        if (on_outcome) on_outcome(s);
    });
}

int64_t ProducerHandle::acked() const {
    int64_t n = 0;
    for (const auto& s : sent_) n += s.acked() ? 1 : 0;
    return n;
}

int64_t ProducerHandle::failed() const {
    int64_t n = 0;
    for (const auto& s : sent_) n += s.done && !s.acked() ? 1 : 0;
    return n;
}

int64_t ProducerHandle::pending() const {
    int64_t n = 0;
    for (const auto& s : sent_) n += s.done ? 0 : 1;
    return n;
}

ConsumerHandle& TestCluster::consumer(const std::string& name, const std::string& topic,
                                      std::map<std::string, std::string> config) {
    auto parsed = core::config::parse_consumer_config(config);
    if (!parsed.ok()) ADD_FAILURE() << parsed.error().message();
    KS_ASSERT(parsed.ok());
    auto options = core::client::consumer_options(parsed.value(), bootstrap());
    std::vector<core::TopicPartition> assignment;
    for (int32_t p = 0; p < partition_count(topic); ++p) assignment.push_back({topic, p});
    auto handle = std::make_unique<ConsumerHandle>();
    handle->cluster_ = this;
    handle->name_ = name;
    handle->node_ = next_client_node_++;
    ConsumerHandle* raw = handle.get();
    world_->add_node(handle->node_, "consumer-" + name,
                     [this, options, assignment, raw](sim::NodeEnv& env) {
                         return std::make_unique<ConsumerHost>(env, options, assignment, *this,
                                                               *raw);
                     });
    consumers_.push_back(std::move(handle));
    return *consumers_.back();
}

std::vector<core::client::ConsumerRecord> ConsumerHandle::records(int32_t partition) const {
    std::vector<core::client::ConsumerRecord> found;
    for (const auto& r : records_) {
        if (r.partition == partition) found.push_back(r);
    }
    return found;
}

core::client::Consumer* ConsumerHandle::client() {
    auto* host = cluster_->world_->process_as<ConsumerHost>(node_);
    return host == nullptr ? nullptr : &host->consumer();
}

AdminHandle& TestCluster::admin() {
    if (admin_ != nullptr) return *admin_;
    admin_ = std::make_unique<AdminHandle>();
    admin_->cluster_ = this;
    admin_->node_ = next_client_node_++;
    core::client::AdminOptions options;
    options.bootstrap_servers = bootstrap();
    world_->add_node(admin_->node_, "admin", [options](sim::NodeEnv& env) {
        return std::make_unique<AdminHost>(env, options);
    });
    return *admin_;
}

core::client::Admin* AdminHandle::client() {
    auto* host = cluster_->world_->process_as<AdminHost>(node_);
    return host == nullptr ? nullptr : &host->admin();
}

core::client::TopicResult AdminHandle::create_topic(const std::string& name, int32_t partitions,
                                                    int16_t replication_factor,
                                                    std::map<std::string, std::string> configs) {
    std::optional<core::client::TopicResult> result;
    client()->create_topics({{name, partitions, replication_factor, std::move(configs)}},
                            [&](const std::vector<core::client::TopicResult>& results) {
                                result = results.at(0);
                            });
    cluster_->run_until([&] { return result.has_value(); }, kAdminCallLimit);
    KS_ASSERT(result.has_value());
    return *result;
}

core::client::TopicResult AdminHandle::delete_topic(const std::string& name) {
    std::optional<core::client::TopicResult> result;
    client()->delete_topics({name}, [&](const std::vector<core::client::TopicResult>& results) {
        result = results.at(0);
    });
    cluster_->run_until([&] { return result.has_value(); }, kAdminCallLimit);
    KS_ASSERT(result.has_value());
    return *result;
}

core::client::TopicDescription AdminHandle::describe_topic(const std::string& topic) {
    std::optional<core::client::TopicDescription> result;
    client()->describe_topics({topic}, [&](const auto& descriptions) {
        result = descriptions.at(0);
    });
    cluster_->run_until([&] { return result.has_value(); }, kAdminCallLimit);
    KS_ASSERT(result.has_value());
    return *result;
}

std::string AdminHandle::describe(const std::string& topic) {
    core::client::TopicDescription d = describe_topic(topic);
    if (d.result.ok()) return core::client::format_topic_description(d);
    // TopicCommand's ensureTopicExists, as kafka-topics.sh prints it.
    return "Error while executing topic command : Topic '" + topic +
           "' does not exist as expected\n";
}

std::string AdminHandle::list() {
    std::optional<std::vector<std::string>> names;
    client()->list_topics([&](const std::vector<std::string>& found,
                              const core::client::TopicResult&) { names = found; });
    cluster_->run_until([&] { return names.has_value(); }, kAdminCallLimit);
    KS_ASSERT(names.has_value());
    return core::client::format_topic_list(*names);
}

}  // namespace kafkasim::test
