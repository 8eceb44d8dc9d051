#pragma once
// The shell's cluster commands acting on a ShellWorld (brokers, crash, restart, power-loss,
// pause, partition, isolate, heal): one implementation that `kafkasim shell` and
// `kafkasim serve` both run, returning the text to print.

#include <string>

#include "harness/shell/world_commands.h"

namespace harness::shell {

class ShellWorld;

/// True for the commands apply_cluster_command runs (the ones acting on brokers and links).
bool is_cluster_command(WorldCommand::Kind kind);

/// Applies `command` to the world now and returns what the shell prints ("broker 2
/// crashed", the brokers table, or "kafkasim: no broker 7 (brokers: 1,2,3)").
/// REQUIRES: is_cluster_command(command.kind).
std::string apply_cluster_command(ShellWorld& world, const WorldCommand& command);

}  // namespace harness::shell
