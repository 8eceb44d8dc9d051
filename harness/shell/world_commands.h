#pragma once
// The shell's own commands that act on the simulated world rather than on Kafka: broker
// status, crash/restart/pause, network partitions, stopping a console consumer, letting
// virtual time pass, and writing the trace or the history.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/result.h"
#include "sim/time.h"

namespace harness::shell {

struct WorldCommand {
    enum class Kind {
        Brokers,       ///< brokers
        Crash,         ///< crash B
        Restart,       ///< restart B
        PowerLoss,     ///< power-loss B
        Pause,         ///< pause B 5s
        Partition,     ///< partition B1,B2 | B3
        Isolate,       ///< isolate B
        Heal,          ///< heal
        StopConsumer,  ///< stop-consumer NAME
        Sleep,         ///< sleep 2s
        Trace,         ///< trace FILE
        History,       ///< history FILE
        Help,          ///< help
        Exit,          ///< exit, quit
    };
    Kind kind = Kind::Help;
    /// The broker of crash/restart/power-loss/pause/isolate; the first side of a partition.
    std::vector<int32_t> nodes;
    /// The other side of a partition.
    std::vector<int32_t> other_side;
    sim::Duration duration = 0;
    /// The consumer's name or the file.
    std::string name;
};

/// True when `command` (the first word) is one of the shell's own commands.
bool is_world_command(const std::string& command);

/// Parses `words` (words[0] is the command). Errors say the usage.
sim::Result<WorldCommand> parse_world_command(const std::vector<std::string>& words);

/// The `help` text: every command with its usage.
std::string help_text();

}  // namespace harness::shell
