// kafka-console-producer.sh, kafka-console-consumer.sh and kafka-consumer-groups.sh:
// their options and checks (Kafka's ConsoleProducer, ConsoleConsumer and
// ConsumerGroupCommand), with their texts.
#include "harness/shell/tool_commands.h"
#include "harness/shell/tool_options.h"

namespace harness::shell {
namespace {

sim::Error fail(std::string text) { return sim::Error{"", std::move(text)}; }

const char* kBadProperty = "Invalid parser arguments: property must be in the form key=value";

bool truthy(const ToolConfig& config, const std::string& key) {
    auto it = config.find(key);
    return it != config.end() && (it->second == "true" || it->second == "TRUE");
}

std::string value_or(const ToolConfig& config, const std::string& key, std::string fallback) {
    auto it = config.find(key);
    return it == config.end() ? fallback : it->second;
}

}  // namespace

sim::Result<ConsoleProducerCommand> parse_console_producer_command(
    const std::vector<std::string>& args) {
    const std::vector<OptionSpec> specs = {
        {"bootstrap-server", true}, {"broker-list", true},     {"topic", true},
        {"producer-property", true}, {"property", true},       {"producer.config", true},
        {"sync", false},            {"timeout", true},         {"request-required-acks", true},
        {"compression-codec", true}, {"batch-size", true},     {"message-send-max-retries", true}};
    auto parsed = parse_tool_options(specs, args);
    if (!parsed) return parsed.error();
    const ToolOptions& options = parsed.value();
    ConsoleProducerCommand command;
    command.topic = options.value("topic").value_or("");
    if (command.topic.empty()) return fail(detail::missing_argument("topic"));
    // The tool's own defaults: --timeout 1000 is linger.ms, --request-required-acks -1.
    command.producer_config["linger.ms"] = options.value("timeout").value_or("1000");
    if (auto acks = options.value("request-required-acks")) {
        command.producer_config["acks"] = *acks;
    }
    if (options.has("sync")) command.producer_config["linger.ms"] = "0";
    if (auto codec = options.value("compression-codec")) {
        command.producer_config["compression.type"] = codec->empty() ? "gzip" : *codec;
    }
    sim::Status props = detail::add_key_values(options.values("producer-property"),
                                               kBadProperty, command.producer_config);
    if (!props) return props.error();
    ToolConfig reader;
    sim::Status reader_props = detail::add_key_values(options.values("property"), kBadProperty,
                                                      reader);
    if (!reader_props) return reader_props.error();
    command.parse_key = truthy(reader, "parse.key");
    command.key_separator = value_or(reader, "key.separator", "\t");
    return command;
}

sim::Result<ConsoleConsumerCommand> parse_console_consumer_command(
    const std::vector<std::string>& args) {
    const std::vector<OptionSpec> specs = {
        {"bootstrap-server", true}, {"topic", true},           {"from-beginning", false},
        {"partition", true},        {"group", true},           {"consumer-property", true},
        {"property", true},         {"max-messages", true},    {"consumer.config", true},
        {"formatter", true},        {"isolation-level", true}, {"offset", true}};
    auto parsed = parse_tool_options(specs, args);
    if (!parsed) return parsed.error();
    const ToolOptions& options = parsed.value();
    ConsoleConsumerCommand command;
    command.topic = options.value("topic").value_or("");
    if (command.topic.empty()) return fail("Exactly one of include/topic is required.");
    command.from_beginning = options.has("from-beginning");
    if (auto text = options.value("partition")) {
        auto partition = detail::integer_option("partition", *text);
        if (!partition) return partition.error();
        command.partition = static_cast<int32_t>(partition.value());
    }
    if (auto text = options.value("max-messages")) {
        auto count = detail::integer_option("max-messages", *text);
        if (!count) return count.error();
        command.max_messages = count.value();
    }
    command.group = options.value("group").value_or("");
    if (command.partition && !command.group.empty()) {
        return fail("Options group and partition cannot be specified together.");
    }
    if (options.has("offset")) return fail("kafkasim: --offset is not simulated");
    sim::Status props = detail::add_key_values(options.values("consumer-property"),
                                               kBadProperty, command.consumer_config);
    if (!props) return props.error();
    if (auto level = options.value("isolation-level")) {
        command.consumer_config["isolation.level"] = *level;
    }
    ToolConfig formatter;
    sim::Status formatter_props = detail::add_key_values(options.values("property"),
                                                         kBadProperty, formatter);
    if (!formatter_props) return formatter_props.error();
    command.print_key = truthy(formatter, "print.key");
    command.print_partition = truthy(formatter, "print.partition");
    command.print_offset = truthy(formatter, "print.offset");
    command.key_separator = value_or(formatter, "key.separator", "\t");
    return command;
}

sim::Result<ConsumerGroupsCommand> parse_consumer_groups_command(
    const std::vector<std::string>& args) {
    const std::vector<OptionSpec> specs = {
        {"bootstrap-server", true}, {"list", false},    {"describe", false},
        {"delete", false},          {"reset-offsets", false}, {"group", true},
        {"all-groups", false},      {"offsets", false}, {"command-config", true}};
    auto parsed = parse_tool_options(specs, args);
    if (!parsed) return parsed.error();
    const ToolOptions& options = parsed.value();
    const int actions = int(options.has("list")) + int(options.has("describe")) +
                        int(options.has("delete")) + int(options.has("reset-offsets"));
    if (actions != 1) {
        return fail(
            "Command must include exactly one action: --list, --describe, --delete, "
            "--reset-offsets, --delete-offsets");
    }
    ConsumerGroupsCommand command;
    if (options.has("list")) return command;
    if (!options.has("describe")) return fail("kafkasim: only --list and --describe are simulated");
    command.action = ConsumerGroupsCommand::Action::Describe;
    command.groups = options.values("group");
    command.all_groups = options.has("all-groups");
    if (command.groups.empty() && !command.all_groups) {
        return fail("Option [describe] takes one of these options: [all-groups], [group]");
    }
    return command;
}

}  // namespace harness::shell
