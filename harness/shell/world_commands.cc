#include "harness/shell/world_commands.h"

#include <fmt/format.h>

#include <map>

namespace harness::shell {
namespace {

using Kind = WorldCommand::Kind;

struct Usage {
    Kind kind;
    const char* usage;
    size_t arguments;
};

std::map<std::string, Usage> world_commands() {
    return {
        {"brokers", {Kind::Brokers, "brokers", 0}},
        {"crash", {Kind::Crash, "crash BROKER", 1}},
        {"restart", {Kind::Restart, "restart BROKER", 1}},
        {"power-loss", {Kind::PowerLoss, "power-loss BROKER", 1}},
        {"pause", {Kind::Pause, "pause BROKER DURATION", 2}},
        {"partition", {Kind::Partition, "partition B1,B2 | B3", 0}},
        {"isolate", {Kind::Isolate, "isolate BROKER", 1}},
        {"heal", {Kind::Heal, "heal", 0}},
        {"stop-consumer", {Kind::StopConsumer, "stop-consumer NAME", 1}},
        {"sleep", {Kind::Sleep, "sleep DURATION", 1}},
        {"trace", {Kind::Trace, "trace FILE", 1}},
        {"history", {Kind::History, "history FILE", 1}},
        {"help", {Kind::Help, "help", 0}},
        {"exit", {Kind::Exit, "exit", 0}},
        {"quit", {Kind::Exit, "quit", 0}},
    };
}

sim::Error usage_error(const Usage& usage) {
    return sim::Error{"", std::string("usage: ") + usage.usage};
}

/// "1,2" or "1, 2" as broker ids; nullopt-like empty on anything else.
bool parse_ids(const std::string& text, std::vector<int32_t>& ids) {
    int32_t value = 0;
    bool digits = false;
    for (char c : text + ",") {
        if (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            digits = true;
        } else if (c == ',') {
            if (!digits) return false;
            ids.push_back(value);
            value = 0;
            digits = false;
        } else if (c != ' ') {
            return false;
        }
    }
    return !ids.empty();
}

/// "partition 1,2 | 3" in any spacing ("1,2|3" is one word).
sim::Status parse_partition(const std::vector<std::string>& words, WorldCommand& command) {
    std::string rest;
    for (size_t i = 1; i < words.size(); ++i) rest += words[i] + " ";
    const size_t bar = rest.find('|');
    if (bar == std::string::npos) return sim::Error{"", "usage: partition B1,B2 | B3"};
    std::string left = rest.substr(0, bar);
    std::string right = rest.substr(bar + 1);
    while (!left.empty() && left.back() == ' ') left.pop_back();
    while (!right.empty() && right.back() == ' ') right.pop_back();
    while (!right.empty() && right.front() == ' ') right.erase(0, 1);
    if (!parse_ids(left, command.nodes) || !parse_ids(right, command.other_side)) {
        return sim::Error{"", "usage: partition B1,B2 | B3"};
    }
    return sim::Ok{};
}

}  // namespace

bool is_world_command(const std::string& command) {
    return world_commands().count(command) != 0;
}

sim::Result<WorldCommand> parse_world_command(const std::vector<std::string>& words) {
    KS_ASSERT(!words.empty());
    const auto commands = world_commands();
    auto it = commands.find(words[0]);
    KS_ASSERT(it != commands.end());
    const Usage& usage = it->second;
    WorldCommand command;
    command.kind = usage.kind;
    if (usage.kind == Kind::Partition) {
        sim::Status parsed = parse_partition(words, command);
        if (!parsed) return parsed.error();
        return command;
    }
    if (words.size() != usage.arguments + 1) return usage_error(usage);
    switch (usage.kind) {
        case Kind::Crash:
        case Kind::Restart:
        case Kind::PowerLoss:
        case Kind::Pause:
        case Kind::Isolate:
            if (!parse_ids(words[1], command.nodes) || command.nodes.size() != 1) {
                return usage_error(usage);
            }
            break;
        case Kind::StopConsumer:
        case Kind::Trace:
        case Kind::History: command.name = words[1]; break;
        default: break;
    }
    if (usage.kind == Kind::Pause || usage.kind == Kind::Sleep) {
        auto duration = sim::parse_duration(words.back());
        if (!duration || duration.value() < 0) return usage_error(usage);
        // An hour of virtual time is already minutes of real time with a busy cluster,
        // the scenario files' bound too (kMaxRunTime).
        constexpr sim::Duration kMaxSleep = 3600 * sim::kSecond;
        if (duration.value() > kMaxSleep) {
            return sim::Error{"", fmt::format("{}: expected a duration <= 1h, got \"{}\"",
                                              words[0], words.back())};
        }
        command.duration = duration.value();
    }
    return command;
}

std::string help_text() {
    return R"(Kafka's tools (with or without .sh; --bootstrap-server/--zookeeper are accepted):
  kafka-topics --create|--list|--describe|--delete [--topic T] [--partitions N]
               [--replication-factor R] [--config k=v]
  kafka-console-producer --topic T [--producer-property k=v]
               [--property parse.key=true --property key.separator=:]
               then one record per line, until a line ^C (or the end of input)
  kafka-console-consumer --topic T [--from-beginning] [--partition P] [--group G]
               starts a background consumer (consumer-1, ...) that prints what it reads
  kafka-consumer-groups --list | --describe --group G
The simulated world:
  brokers                      each broker and whether it is up, crashed or paused
  crash B | restart B          crash broker B (memory lost) or start it again
  power-loss B                 crash broker B and lose its unsynced disk writes
  pause B 5s                   stop-the-world pause of broker B for a while
  partition 1,2 | 3            cut the network between two sets of brokers
  isolate B                    cut broker B from every other node
  heal                         heal every network partition
  stop-consumer NAME           stop a console consumer (it leaves its group)
  sleep 2s                     let virtual time pass (each command takes 100ms)
  trace FILE | history FILE    write the Chrome trace JSON or the history CSV
  help | exit | quit
)";
}

}  // namespace harness::shell
