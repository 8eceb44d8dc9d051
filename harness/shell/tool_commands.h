#pragma once
// What each Kafka command-line tool the shell knows was asked to do, parsed from its
// words with the tool's own options and the tool's own error texts.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/result.h"

namespace harness::shell {

using ToolConfig = std::map<std::string, std::string>;

/// kafka-topics.sh
struct TopicsCommand {
    enum class Action { Create, List, Describe, Delete };
    Action action = Action::List;
    /// Empty for --list, and for --describe of every topic.
    std::string topic;
    std::optional<int32_t> partitions;
    std::optional<int32_t> replication_factor;
    ToolConfig config;
    bool if_not_exists = false;
};

/// kafka-console-producer.sh
struct ConsoleProducerCommand {
    std::string topic;
    /// --producer-property entries, plus what other flags mean (--timeout = linger.ms).
    ToolConfig producer_config;
    bool parse_key = false;
    std::string key_separator = "\t";
};

/// kafka-console-consumer.sh
struct ConsoleConsumerCommand {
    std::string topic;
    bool from_beginning = false;
    std::optional<int32_t> partition;
    /// Empty: a console-consumer-NNNNN group of its own, as the tool makes up.
    std::string group;
    ToolConfig consumer_config;
    bool print_key = false;
    bool print_partition = false;
    bool print_offset = false;
    std::string key_separator = "\t";
    std::optional<int64_t> max_messages;
};

/// kafka-consumer-groups.sh
struct ConsumerGroupsCommand {
    enum class Action { List, Describe };
    Action action = Action::List;
    std::vector<std::string> groups;
    bool all_groups = false;
};

/// Each parser's error `what` is the text the tool prints; `where` is empty.
sim::Result<TopicsCommand> parse_topics_command(const std::vector<std::string>& args);
sim::Result<ConsoleProducerCommand> parse_console_producer_command(
    const std::vector<std::string>& args);
sim::Result<ConsoleConsumerCommand> parse_console_consumer_command(
    const std::vector<std::string>& args);
sim::Result<ConsumerGroupsCommand> parse_consumer_groups_command(
    const std::vector<std::string>& args);

namespace detail {
/// `Missing required argument "[name]"`, as Kafka's CommandLineUtils prints it.
std::string missing_argument(const std::string& name);
/// An option's integer value, or jopt-simple's conversion error.
sim::Result<int64_t> integer_option(const std::string& option, const std::string& text);
/// "k=v" entries into `config`; `why` is the error text for an entry without '='.
sim::Status add_key_values(const std::vector<std::string>& entries, const std::string& why,
                           ToolConfig& config);
}  // namespace detail

}  // namespace harness::shell
