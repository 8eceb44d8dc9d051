// The scenario's top level, [cluster], [[topics]], [[steps]], [[producers]] and
// [[consumers]]; faults live in load_faults.cc.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/config/broker_config.h"
#include "core/config/topic_config.h"
#include "harness/scenario/loader.h"

namespace harness::detail {
namespace {



Expectation read_expect(const TableReader& top) {
    std::optional<std::string> text = top.string("expect");
    if (!text) fail(top.where(), "expected key \"expect\" (\"pass\" or \"violation:<anomaly>\")");
    if (*text == "pass") return {};
    std::string_view prefix = "violation:";
    std::string anomaly = text->substr(0, prefix.size()) == prefix
                              ? text->substr(prefix.size()) : "";
    const std::vector<std::string>& names = anomaly_names();
    if (std::find(names.begin(), names.end(), anomaly) == names.end()) {
        std::string known;
        for (const std::string& name : names) known += (known.empty() ? "" : ", ") + name;
        fail(top.where("expect"), fmt::format("expected \"pass\" or \"violation:<anomaly>\" "
                                              "with an anomaly among {}, got \"{}\"",
                                              known, *text));
    }
    return Expectation{anomaly};
}

std::vector<int32_t> read_broker_ids(const SourceMap& sources, const TableReader& cluster) {
    const toml::node* node = cluster.find("broker_ids");
    const toml::array* array = node ? node->as_array() : nullptr;
    if (!array || array->empty()) {
        fail(cluster.where("broker_ids"), "expected a non-empty array of broker ids");
    }
    std::vector<int32_t> ids;
    for (const toml::node& item : *array) {
        const auto* id = item.as_integer();
        if (!id || id->get() < 0 || id->get() > INT32_MAX) {
            // An integer out of range is shown as itself; anything else by its type.
            fail(sources.where(item),
                 fmt::format("expected a broker id (an integer in 0..{}), got {}", INT32_MAX,
                             id ? std::to_string(id->get()) : type_name(item)));
        }
        if (std::find(ids.begin(), ids.end(), int32_t(id->get())) != ids.end()) {
            fail(sources.where(item), fmt::format("expected unique broker ids, got {} twice",
                                                  id->get()));
        }
        ids.push_back(int32_t(id->get()));
    }
    return ids;
}

ClusterSpec read_cluster(const SourceMap& sources, const TableReader& top) {
    ClusterSpec cluster;
    const toml::table* table = top.subtable("cluster");
    if (!table) return cluster;
    TableReader reader(sources, *table, "[cluster]",
                       {"brokers", "broker_ids", "controllers", "network", "disk", "config"});
    if (reader.find("brokers") && reader.find("broker_ids")) {
        fail(reader.where("broker_ids"), "expected either \"brokers\" or \"broker_ids\", "
                                         "not both");
    }
    if (std::optional<int64_t> brokers = reader.integer("brokers", 1, 1000)) {
        cluster.broker_ids.clear();
        for (int32_t id = 1; id <= *brokers; ++id) cluster.broker_ids.push_back(id);
    }
    if (reader.find("broker_ids")) cluster.broker_ids = read_broker_ids(sources, reader);
    cluster.controllers = int32_t(reader.integer("controllers", 0, 99).value_or(0));
    if (const toml::table* network = reader.subtable("network")) {
        TableReader net(sources, *network, "[cluster.network]", {"latency", "jitter"});
        cluster.network.latency = net.duration("latency").value_or(cluster.network.latency);
        cluster.network.jitter = net.duration("jitter").value_or(cluster.network.jitter);
    }
    if (const toml::table* disk = reader.subtable("disk")) {
        TableReader d(sources, *disk, "[cluster.disk]", {"fsync_latency"});
        cluster.disk.fsync_latency =
            d.duration("fsync_latency").value_or(cluster.disk.fsync_latency);
    }
    cluster.config = reader.config("config");
    require_valid_config(reader.where("config"), "broker",
                         core::config::parse_broker_config(cluster.config));
    return cluster;
}

/// Why Kafka refuses `name` as a topic name, in its words, or "" (after
/// org.apache.kafka.common.internals.Topic.validate / detectInvalidTopic).
std::string invalid_topic_name(const std::string& name) {
    constexpr size_t kMaxNameLength = 249;
    // Java counts UTF-16 units; code points are the same for every legal name.
    size_t length = 0;
    for (char c : name) length += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    std::string reason;
    if (name.empty()) {
        reason = "the empty string is not allowed";
    } else if (name == "." || name == "..") {
        reason = "'" + name + "' is not allowed";
    } else if (length > kMaxNameLength) {
        reason = fmt::format("the length of '{}' is longer than the max allowed length {}",
                             name, kMaxNameLength);
    } else if (!std::all_of(name.begin(), name.end(), [](char c) {
                   return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
               })) {
        reason = "'" + name + "' contains one or more characters other than ASCII "
                 "alphanumerics, '.', '_' and '-'";
    }
    return reason.empty() ? "" : "Topic name is invalid: " + reason;
}

TopicSpec read_topic(const SourceMap& sources, const toml::table& table,
                     const ClusterSpec& cluster, Declared& declared) {
    TableReader reader(sources, table, "[[topics]]",
                       {"name", "partitions", "replication_factor", "config"});
    TopicSpec topic;
    topic.name = reader.required_string("name");
    if (std::string invalid = invalid_topic_name(topic.name); !invalid.empty()) {
        fail(reader.where("name"), "expected a topic name Kafka accepts: " + invalid);
    }
    if (declared.topics.count(topic.name)) {
        fail(reader.where("name"), fmt::format("expected unique topic names, got \"{}\" "
                                               "twice", topic.name));
    }
    topic.partitions = int32_t(reader.integer("partitions", 1, 100000).value_or(1));
    int64_t brokers = int64_t(cluster.broker_ids.size());
    topic.replication_factor =
        int32_t(reader.integer("replication_factor", 1, brokers).value_or(1));
    topic.config = reader.config("config");
    require_valid_config(reader.where("config"), "topic",
                         core::config::parse_topic_config(topic.config));
    declared.topics[topic.name] = topic.partitions;
    return topic;
}

StepSpec read_step(const SourceMap& sources, const toml::table& table, Declared& declared) {
    TableReader reader(sources, table, "[[steps]]",
                       {"at", "do", "topic", "partitions", "replication_factor", "config",
                        "expect_error", "expect_output"});
    StepSpec step;
    step.at = reader.required_duration("at");
    std::optional<size_t> action = reader.choice(
        "do", {"create-topic", "delete-topic", "describe-topic", "list-topics"});
    if (!action) fail(reader.where(), "expected key \"do\" in [[steps]]");
    step.action = StepAction(*action);
    if (step.action != StepAction::ListTopics) step.topic = reader.required_string("topic");
    if (auto partitions = reader.integer("partitions", 1, 100000)) {
        step.partitions = int32_t(*partitions);
    }
    // Not bounded by the broker count: a step may ask for too many replicas on purpose
    // and expect Kafka's InvalidReplicationFactorException.
    if (auto factor = reader.integer("replication_factor", 1, 1000)) {
        step.replication_factor = int32_t(*factor);
    }
    step.config = reader.config("config");
    step.expect_error = reader.string("expect_error");
    step.expect_output = reader.string("expect_output");
    if (step.action == StepAction::CreateTopic && !declared.topics.count(step.topic)) {
        declared.topics[step.topic] = step.partitions.value_or(0);
    }
    return step;
}

}  // namespace

std::string known_list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
    return out.empty() ? "none declared" : out;
}

void fail_reference(const std::string& where, std::string_view what, const std::string& got,
                    const std::vector<std::string>& known) {
    std::string hint = closest_key(got, known);
    fail(where, fmt::format("expected {} ({}), got \"{}\"{}", what, known_list(known), got,
                            hint.empty() ? "" : "; did you mean \"" + hint + "\"?"));
}

std::string topic_reference(const TableReader& reader, const Declared& declared) {
    std::string topic = reader.required_string("topic");
    if (declared.topics.count(topic)) return topic;
    std::vector<std::string> known;
    for (const auto& [name, unused] : declared.topics) known.push_back(name);
    fail_reference(reader.where("topic"),
                   "a topic declared in [[topics]] or by a create-topic step", topic, known);
}

namespace {

/// Refuses a workload whose records alone would outgrow memory (kMaxPlannedRecords).
void check_planned_records(const TableReader& top, const Scenario& scenario) {
    double planned = 0;
    for (const ProducerSpec& producer : scenario.producers) {
        sim::Duration stop = std::min(producer.stop.value_or(scenario.duration),
                                      scenario.duration);
        double sends = static_cast<double>(producer.rate.records) *
                       static_cast<double>(std::max<sim::Duration>(stop - producer.start, 0)) /
                       static_cast<double>(producer.rate.per);
        if (producer.count) sends = std::min(sends, static_cast<double>(*producer.count));
        planned += sends;
    }
    if (planned <= static_cast<double>(kMaxPlannedRecords)) return;
    fail(top.where("producers"),
         fmt::format("expected at most {} records planned by the producers (rate over the "
                     "time they send, or count; about {} bytes each), got {:.0f}",
                     kMaxPlannedRecords, kBytesPerRecord, planned));
}

}  // namespace

Scenario read_scenario(const SourceMap& sources, const toml::table& root,
                       const std::string& directory) {
    TableReader top(sources, root, "the scenario",
                    {"name", "description", "duration", "seeds", "expect", "drain", "cluster",
                     "topics", "producers", "consumers", "faults", "nemesis", "steps",
                     "liveness", "coverage"});
    Scenario scenario;
    scenario.name = top.required_string("name");
    scenario.description = top.string("description").value_or("");
    scenario.duration = top.duration("duration").value_or(scenario.duration);
    if (scenario.duration <= 0) fail(top.where("duration"), "expected a duration > 0");
    if (scenario.duration > kMaxRunTime) {
        fail(top.where("duration"), fmt::format("expected a duration <= {}, got \"{}\"",
                                                sim::format_duration(kMaxRunTime),
                                                sim::format_duration(scenario.duration)));
    }
    scenario.seeds = top.integer("seeds", 1, kMaxSeeds).value_or(1);
    scenario.expect = read_expect(top);
    scenario.drain = top.duration("drain");
    if (scenario.drain && *scenario.drain > kMaxRunTime) {
        fail(top.where("drain"), fmt::format("expected a drain <= {}, got \"{}\"",
                                             sim::format_duration(kMaxRunTime),
                                             sim::format_duration(*scenario.drain)));
    }
    scenario.cluster = read_cluster(sources, top);
    Declared declared;
    for_each_table(sources, top, "topics", [&](const toml::table& table) {
        scenario.topics.push_back(read_topic(sources, table, scenario.cluster, declared));
    });
    for_each_table(sources, top, "steps", [&](const toml::table& table) {
        scenario.steps.push_back(read_step(sources, table, declared));
    });
    for_each_table(sources, top, "producers", [&](const toml::table& table) {
        scenario.producers.push_back(read_producer(sources, table, directory, declared));
    });
    for_each_table(sources, top, "consumers", [&](const toml::table& table) {
        size_t position = scenario.consumers.size() + 1;
        scenario.consumers.push_back(read_consumer(sources, table, position, declared));
    });
    read_faults(sources, top, declared, scenario);
    read_coverage(sources, top, scenario);
    check_planned_records(top, scenario);
    return scenario;
}

}  // namespace harness::detail
