// to_toml: a Scenario back as a scenario file (shrink prints its minimal run this way).
// Written by hand rather than via toml++ so keys keep the design's order.
#include <fmt/format.h>

#include <cctype>
#include <sstream>

#include "harness/scenario/toml.h"

namespace harness {
namespace {

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04x}", c);
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string key(std::string_view name) {
    for (char c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') {
            return quote(name);
        }
    }
    return std::string(name);
}

/// Config text back as TOML: integers and booleans bare, everything else quoted; all of
/// them load back to the same text.
std::string config_value(const std::string& text) {
    if (text == "true" || text == "false") return text;
    size_t digits = text.size() > 0 && text[0] == '-' ? 1 : 0;
    bool integer = text.size() > digits && text.size() - digits <= 18 &&
                   (text[digits] != '0' || text.size() == digits + 1);
    for (size_t i = digits; integer && i < text.size(); ++i) {
        integer = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
    }
    return integer ? text : quote(text);
}

std::string inline_table(const std::map<std::string, std::string>& entries) {
    std::string out = "{ ";
    bool first = true;
    for (const auto& [name, value] : entries) {
        out += (first ? "" : ", ") + key(name) + " = " + config_value(value);
        first = false;
    }
    return out + " }";
}

std::string duration(sim::Duration d) { return quote(sim::format_duration(d)); }

std::string rate_text(const Rate& rate) {
    std::string per = sim::format_duration(rate.per);
    if (per.size() > 1 && per[0] == '1' && !std::isdigit(static_cast<unsigned char>(per[1]))) {
        per = per.substr(1);
    }
    return fmt::format("{}/{}", rate.records, per);
}

void write_cluster(std::ostream& out, const ClusterSpec& cluster) {
    out << "\n[cluster]\n";
    bool sequential = true;
    for (size_t i = 0; i < cluster.broker_ids.size(); ++i) {
        sequential = sequential && cluster.broker_ids[i] == int32_t(i + 1);
    }
    if (sequential) {
        out << "brokers = " << cluster.broker_ids.size() << "\n";
    } else {
        out << fmt::format("broker_ids = [{}]\n", fmt::join(cluster.broker_ids, ", "));
    }
    if (cluster.controllers != 0) out << "controllers = " << cluster.controllers << "\n";
    if (cluster.network != NetworkSpec{}) {
        out << "network = { latency = " << duration(cluster.network.latency)
            << ", jitter = " << duration(cluster.network.jitter) << " }\n";
    }
    if (cluster.disk != DiskSpec{}) {
        out << "disk = { fsync_latency = " << duration(cluster.disk.fsync_latency) << " }\n";
    }
    if (!cluster.config.empty()) out << "config = " << inline_table(cluster.config) << "\n";
}

void write_producer(std::ostream& out, const ProducerSpec& producer) {
    out << "\n[[producers]]\nname = " << quote(producer.name)
        << "\ntopic = " << quote(producer.topic) << "\n";
    if (producer.rate != Rate{}) out << "rate = " << quote(rate_text(producer.rate)) << "\n";
    if (!producer.keys_pattern.empty()) {
        out << "keys = " << quote(producer.keys_pattern) << "\n";
    } else if (!producer.keys.empty()) {
        std::vector<std::string> quoted;
        for (const std::string& k : producer.keys) quoted.push_back(quote(k));
        out << fmt::format("keys = [{}]\n", fmt::join(quoted, ", "));
    }
    if (!producer.data_file.empty()) out << "data = " << quote(producer.data_file) << "\n";
    if (producer.count) out << "count = " << *producer.count << "\n";
    if (producer.start != 0) out << "start = " << duration(producer.start) << "\n";
    if (producer.stop) out << "stop = " << duration(*producer.stop) << "\n";
    if (producer.retries) out << "retries = " << *producer.retries << "\n";
    if (!producer.config.empty()) out << "config = " << inline_table(producer.config) << "\n";
}

void write_consumer(std::ostream& out, const ConsumerSpec& consumer) {
    out << "\n[[consumers]]\ngroup = " << quote(consumer.group) << "\n";
    if (consumer.members != 1) out << "members = " << consumer.members << "\n";
    out << "topic = " << quote(consumer.topic) << "\n";
    // With an output the loader's default depends on the guarantee: always say it.
    if (consumer.commit != CommitMode::AfterProcessing || !consumer.output.empty()) {
        out << "commit = " << quote(to_string(consumer.commit)) << "\n";
    }
    if (consumer.guarantee != Guarantee::AtLeastOnce) {
        out << "guarantee = " << quote(to_string(consumer.guarantee)) << "\n";
    }
    if (consumer.sink != SinkMode::None) {
        out << "sink = " << quote(to_string(consumer.sink)) << "\n";
    }
    if (!consumer.output.empty()) out << "output = " << quote(consumer.output) << "\n";
    if (!consumer.output_config.empty()) {
        out << "output_config = " << inline_table(consumer.output_config) << "\n";
    }
    if (consumer.from_beginning) out << "from_beginning = true\n";
    if (consumer.partition) out << "partition = " << *consumer.partition << "\n";
    if (consumer.process_time != 0) {
        out << "process_time = " << duration(consumer.process_time) << "\n";
    }
    if (!consumer.config.empty()) out << "config = " << inline_table(consumer.config) << "\n";
}

void write_step(std::ostream& out, const StepSpec& step) {
    out << "\n[[steps]]\nat = " << duration(step.at) << "\ndo = " << quote(to_string(step.action))
        << "\n";
    // Every action but list-topics names a topic, even an empty one (Kafka refuses that
    // name with InvalidTopicException, which a step may expect).
    if (step.action != StepAction::ListTopics) out << "topic = " << quote(step.topic) << "\n";
    if (step.partitions) out << "partitions = " << *step.partitions << "\n";
    if (step.replication_factor) {
        out << "replication_factor = " << *step.replication_factor << "\n";
    }
    if (!step.config.empty()) out << "config = " << inline_table(step.config) << "\n";
    if (step.expect_error) out << "expect_error = " << quote(*step.expect_error) << "\n";
    if (step.expect_output) out << "expect_output = " << quote(*step.expect_output) << "\n";
}

void write_faults(std::ostream& out, const Scenario& scenario) {
    for (const FaultSpec& fault : scenario.faults) {
        out << "\n[[faults]]\nat = " << duration(fault.at) << "\nkind = " << quote(fault.kind)
            << "\n";
        std::string target = fault.target.text();
        if (!target.empty()) out << "target = " << quote(target) << "\n";
        if (fault.duration) out << "duration = " << duration(*fault.duration) << "\n";
        for (const auto& [name, value] : fault.params) {
            out << key(name) << " = " << config_value(value) << "\n";
        }
    }
    if (scenario.nemesis) {
        std::vector<std::string> kinds;
        for (const std::string& kind : scenario.nemesis->kinds) kinds.push_back(quote(kind));
        out << fmt::format("\n[nemesis]\nkinds = [{}]\nevery = {}\n", fmt::join(kinds, ", "),
                           duration(scenario.nemesis->every));
        std::vector<std::string> targets;
        for (const FaultTarget& t : scenario.nemesis->targets) targets.push_back(quote(t.text()));
        if (!targets.empty()) out << fmt::format("targets = [{}]\n", fmt::join(targets, ", "));
    }
    if (scenario.liveness) {
        out << "\n[liveness]\nafter = " << duration(scenario.liveness->after)
            << "\nwithin = " << duration(scenario.liveness->within) << "\n";
        if (!scenario.liveness->heal) out << "heal = false\n";
    }
    if (!scenario.coverage.require.empty()) {
        std::vector<std::string> names;
        for (const std::string& name : scenario.coverage.require) names.push_back(quote(name));
        out << fmt::format("\n[coverage]\nrequire = [{}]\n", fmt::join(names, ", "));
    }
}

}  // namespace

std::string to_toml(const Scenario& scenario) {
    std::ostringstream out;
    out << "name = " << quote(scenario.name) << "\n";
    if (!scenario.description.empty()) {
        out << "description = " << quote(scenario.description) << "\n";
    }
    out << "duration = " << quote(readable_duration(scenario.duration))
        << "\nseeds = " << scenario.seeds << "\nexpect = " << quote(scenario.expect.text()) << "\n";
    if (scenario.drain) out << "drain = " << duration(*scenario.drain) << "\n";
    write_cluster(out, scenario.cluster);
    for (const TopicSpec& topic : scenario.topics) {
        out << "\n[[topics]]\nname = " << quote(topic.name)
            << "\npartitions = " << topic.partitions
            << "\nreplication_factor = " << topic.replication_factor << "\n";
        if (!topic.config.empty()) out << "config = " << inline_table(topic.config) << "\n";
    }
    for (const StepSpec& step : scenario.steps) write_step(out, step);
    for (const ProducerSpec& producer : scenario.producers) write_producer(out, producer);
    for (const ConsumerSpec& consumer : scenario.consumers) write_consumer(out, consumer);
    write_faults(out, scenario);
    return out.str();
}

}  // namespace harness
