// [[producers]] and [[consumers]]: the workload, with its rate, keys and data file.
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <filesystem>

#include "core/config/client_config.h"
#include "harness/scenario/loader.h"

namespace harness::detail {
namespace {

Rate parse_rate(const std::string& where, std::string_view text) {
    auto bad = [&] {
        fail(where, fmt::format("expected a rate such as \"500/s\" or \"1/250ms\", got \"{}\"",
                                text));
    };
    size_t slash = text.find('/');
    if (slash == std::string_view::npos) bad();
    Rate rate;
    std::string_view count = text.substr(0, slash);
    auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), rate.records);
    if (error != std::errc() || end != count.data() + count.size()) bad();
    std::string per(text.substr(slash + 1));
    // "500/s" means per one second: a bare unit stands for one of it.
    if (!per.empty() && !std::isdigit(static_cast<unsigned char>(per[0]))) per = "1" + per;
    sim::Result<sim::Duration> period = sim::parse_duration(per);
    if (!period) bad();
    if (rate.records < 1 || period.value() <= 0) {
        fail(where, fmt::format("expected a rate > 0 (at least one record per period), got "
                                "\"{}\"", text));
    }
    rate.per = period.value();
    // The producer sends one record per interval of virtual time, and time has
    // nanoseconds: a faster rate would be silently clamped to 1/ns.
    if (rate.records > rate.per) {
        fail(where, fmt::format("expected a rate of at most one record per nanosecond, got "
                                "\"{}\"", text));
    }
    return rate;
}

void read_keys(const SourceMap& sources, const TableReader& reader, ProducerSpec& producer) {
    const toml::node* node = reader.find("keys");
    if (!node) return;
    if (node->is_array()) {
        producer.keys = *reader.strings("keys");
        if (producer.keys.empty()) fail(sources.where(*node), "expected at least one key");
        return;
    }
    producer.keys_pattern = reader.string("keys").value();
    sim::Result<std::vector<std::string>> keys = expand_key_pattern(producer.keys_pattern);
    if (!keys) fail(sources.where(*node), keys.error().what);
    producer.keys = std::move(keys).value();
}

void read_data(const TableReader& reader, const std::string& directory,
               ProducerSpec& producer) {
    std::optional<std::string> data = reader.string("data");
    if (!data) return;
    if (reader.find("keys")) {
        fail(reader.where("data"), "expected either \"keys\" or \"data\", not both");
    }
    producer.data_file = *data;
    std::filesystem::path path = std::filesystem::path(directory) / *data;
    producer.data = read_data_csv(path.lexically_normal().string(), reader.where("data"));
}

/// `output` and `output_config`: consume-transform-produce. Exactly-once consumers with an
/// output commit in transactions unless `commit` says otherwise.
void read_output(const TableReader& reader, const Declared& declared, bool commit_given,
                 ConsumerSpec& consumer) {
    if (std::optional<std::string> output = reader.string("output")) {
        if (!declared.topics.count(*output)) {
            fail(reader.where("output"),
                 fmt::format("expected a topic declared in [[topics]], got \"{}\"", *output));
        }
        if (*output == consumer.topic) {
            fail(reader.where("output"), "expected an output topic other than \"topic\"");
        }
        consumer.output = *output;
        if (!commit_given && consumer.guarantee == Guarantee::ExactlyOnce) {
            consumer.commit = CommitMode::Transaction;
        }
        if (consumer.commit != CommitMode::Transaction &&
            consumer.commit != CommitMode::AfterProcessing) {
            fail(reader.where("commit"), "expected \"transaction\" or \"after-processing\" "
                                         "with \"output\"");
        }
    } else if (consumer.commit == CommitMode::Transaction) {
        fail(reader.where("commit"), "expected \"output\" with commit = \"transaction\"");
    }
    consumer.output_config = reader.config("output_config");
    if (!consumer.output_config.empty() && consumer.output.empty()) {
        fail(reader.where("output_config"), "expected \"output\" with \"output_config\"");
    }
    // Checked as the member's producer will be configured (a transactional.id needs
    // idempotence).
    ConfigMap producer = consumer.output_config;
    if (consumer.commit == CommitMode::Transaction) producer["transactional.id"] = consumer.group;
    require_valid_config(reader.where("output_config"), "producer",
                         core::config::parse_producer_config(producer));
}

}  // namespace

ProducerSpec read_producer(const SourceMap& sources, const toml::table& table,
                           const std::string& directory, Declared& declared) {
    TableReader reader(sources, table, "[[producers]]",
                       {"name", "topic", "rate", "keys", "data", "count", "start", "stop",
                        "retries", "config"});
    ProducerSpec producer;
    producer.name = reader.required_string("name");
    if (!declared.producers.insert(producer.name).second) {
        fail(reader.where("name"), fmt::format("expected unique producer names, got \"{}\" "
                                               "twice", producer.name));
    }
    producer.topic = topic_reference(reader, declared);
    if (std::optional<std::string> rate = reader.string("rate")) {
        producer.rate = parse_rate(reader.where("rate"), *rate);
    }
    read_keys(sources, reader, producer);
    read_data(reader, directory, producer);
    producer.count = reader.integer("count", 1, INT64_MAX);
    producer.start = reader.duration("start").value_or(0);
    producer.stop = reader.duration("stop");
    if (producer.stop && *producer.stop <= producer.start) {
        fail(reader.where("stop"), "expected \"stop\" after \"start\"");
    }
    producer.retries = reader.integer("retries", 0, INT32_MAX);
    producer.config = reader.config("config");
    require_valid_config(reader.where("config"), "producer",
                         core::config::parse_producer_config(producer.config));
    return producer;
}

ConsumerSpec read_consumer(const SourceMap& sources, const toml::table& table,
                           size_t position, Declared& declared) {
    TableReader reader(sources, table, "[[consumers]]",
                       {"group", "members", "topic", "commit", "guarantee", "sink", "output",
                        "output_config", "from_beginning", "partition", "process_time",
                        "config"});
    ConsumerSpec consumer;
    consumer.group = reader.string("group").value_or(fmt::format("console-consumer-{}",
                                                                 position));
    consumer.members = int32_t(reader.integer("members", 1, 1000).value_or(1));
    if (declared.groups.count(consumer.group)) {
        fail(reader.where("group"), fmt::format("expected unique consumer groups, got \"{}\" "
                                                "twice", consumer.group));
    }
    consumer.topic = topic_reference(reader, declared);
    std::optional<size_t> commit =
        reader.choice("commit", {"after-processing", "before-processing", "auto", "transaction"});
    consumer.commit = CommitMode(commit.value_or(0));
    consumer.guarantee = Guarantee(
        reader.choice("guarantee", {"at-least-once", "at-most-once", "exactly-once"})
            .value_or(0));
    consumer.sink = SinkMode(reader.choice("sink", {"none", "idempotent"}).value_or(0));
    read_output(reader, declared, commit.has_value(), consumer);
    consumer.from_beginning = reader.boolean("from_beginning").value_or(false);
    int32_t partitions = declared.topics.at(consumer.topic);
    int64_t last_partition = partitions > 0 ? partitions - 1 : INT32_MAX;
    if (auto partition = reader.integer("partition", 0, last_partition)) {
        consumer.partition = int32_t(*partition);
    }
    consumer.process_time = reader.duration("process_time").value_or(0);
    if (!consumer.output.empty() && (consumer.partition || consumer.sink != SinkMode::None)) {
        fail(reader.where("output"), "expected \"output\" without \"partition\" and "
                                     "\"sink\" (a group member transforms)");
    }
    consumer.config = reader.config("config");
    require_valid_config(reader.where("config"), "consumer",
                         core::config::parse_consumer_config(consumer.config));
    declared.groups[consumer.group] = consumer.members;
    return consumer;
}

}  // namespace harness::detail
