// kafka-topics.sh's options and checks (Kafka's TopicCommandOptions), with its texts.
#include "harness/shell/tool_commands.h"
#include "harness/shell/tool_options.h"

namespace harness::shell {
namespace detail {

std::string missing_argument(const std::string& name) {
    return "Missing required argument \"[" + name + "]\"";
}

sim::Result<int64_t> integer_option(const std::string& option, const std::string& text) {
    int64_t value = 0;
    bool negative = !text.empty() && text[0] == '-';
    const size_t start = negative ? 1 : 0;
    bool ok = text.size() > start && text.size() - start <= 12;
    for (size_t i = start; ok && i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9') ok = false;
        value = value * 10 + (text[i] - '0');
    }
    // Kafka's tools take these as java.lang.Integer: 2147483648 does not convert (no wrap).
    const int64_t magnitude_limit = negative ? int64_t{INT32_MAX} + 1 : int64_t{INT32_MAX};
    ok = ok && value <= magnitude_limit;
    if (!ok) {
        return sim::Error{"", uncaught("joptsimple.OptionArgumentConversionException",
                                       "Cannot parse argument '" + text + "' of option " +
                                           option)};
    }
    return negative ? -value : value;
}

sim::Status add_key_values(const std::vector<std::string>& entries, const std::string& why,
                           ToolConfig& config) {
    for (const std::string& entry : entries) {
        const size_t equals = entry.find('=');
        if (equals == std::string::npos || equals == 0) return sim::Error{"", why};
        config[entry.substr(0, equals)] = entry.substr(equals + 1);
    }
    return sim::Ok{};
}

}  // namespace detail

namespace {

std::vector<OptionSpec> topics_options() {
    return {{"bootstrap-server", true}, {"zookeeper", true},     {"command-config", true},
            {"list", false},            {"describe", false},     {"create", false},
            {"delete", false},          {"alter", false},        {"topic", true},
            {"partitions", true},       {"replication-factor", true},
            {"config", true},           {"if-not-exists", false}, {"if-exists", false},
            {"exclude-internal", false}};
}

sim::Error fail(std::string text) { return sim::Error{"", std::move(text)}; }

sim::Result<TopicsCommand::Action> topics_action(const ToolOptions& options) {
    using Action = TopicsCommand::Action;
    const std::vector<std::pair<const char*, Action>> actions = {
        {"create", Action::Create}, {"list", Action::List}, {"describe", Action::Describe},
        {"delete", Action::Delete}};
    int count = options.has("alter") ? 1 : 0;
    Action chosen = Action::List;
    for (const auto& [name, action] : actions) {
        if (options.has(name)) {
            ++count;
            chosen = action;
        }
    }
    if (count != 1) {
        return fail(
            "Command must include exactly one action: --list, --describe, --create, --alter "
            "or --delete");
    }
    if (options.has("alter")) return fail("kafkasim: kafka-topics --alter is not simulated");
    return chosen;
}

/// Partitions and replication factor: integers; the ZooKeeper-era tool demanded both.
sim::Status read_sizes(const ToolOptions& options, TopicsCommand& command) {
    if (auto text = options.value("partitions")) {
        auto value = detail::integer_option("partitions", *text);
        if (!value) return value.error();
        command.partitions = static_cast<int32_t>(value.value());
    }
    if (auto text = options.value("replication-factor")) {
        auto value = detail::integer_option("replication-factor", *text);
        if (!value) return value.error();
        command.replication_factor = static_cast<int32_t>(value.value());
    }
    if (command.action == TopicsCommand::Action::Create && options.has("zookeeper")) {
        if (!command.partitions) return fail(detail::missing_argument("partitions"));
        if (!command.replication_factor) {
            return fail(detail::missing_argument("replication-factor"));
        }
    }
    return sim::Ok{};
}

}  // namespace

sim::Result<TopicsCommand> parse_topics_command(const std::vector<std::string>& args) {
    auto parsed = parse_tool_options(topics_options(), args);
    if (!parsed) return parsed.error();
    const ToolOptions& options = parsed.value();
    auto action = topics_action(options);
    if (!action) return action.error();
    TopicsCommand command;
    command.action = action.value();
    command.topic = options.value("topic").value_or("");
    command.if_not_exists = options.has("if-not-exists");
    const bool needs_topic = command.action == TopicsCommand::Action::Create ||
                             command.action == TopicsCommand::Action::Delete;
    if (needs_topic && command.topic.empty()) return fail(detail::missing_argument("topic"));
    sim::Status sizes = read_sizes(options, command);
    if (!sizes) return sizes.error();
    sim::Status configs = detail::add_key_values(
        options.values("config"),
        "Invalid topic config: all configs to be added must be in the format \"key=val\".",
        command.config);
    if (!configs) return configs.error();
    return command;
}

}  // namespace harness::shell
