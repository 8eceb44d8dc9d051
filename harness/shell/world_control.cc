#include "harness/shell/world_control.h"

#include <fmt/format.h>

#include <algorithm>

#include "harness/shell/shell_world.h"

namespace harness::shell {
namespace {

using Kind = WorldCommand::Kind;

std::string join_ids(const std::vector<int32_t>& ids) {
    std::string text;
    for (int32_t id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
    return text;
}

const char* state_word(sim::NodeState state) {
    switch (state) {
        case sim::NodeState::Running:
            return "up";
        case sim::NodeState::Paused:
            return "paused";
        case sim::NodeState::Crashed:
            return "crashed";
    }
    KS_UNREACHABLE();
}

/// The error naming the brokers when `command` names one the cluster does not have.
std::string unknown_broker(ShellWorld& world, const WorldCommand& command) {
    const auto& brokers = world.cluster().brokers();
    auto known = [&](int32_t id) {
        return std::find(brokers.begin(), brokers.end(), id) != brokers.end();
    };
    for (const auto* side : {&command.nodes, &command.other_side}) {
        for (int32_t id : *side) {
            if (!known(id)) {
                return fmt::format("kafkasim: no broker {} (brokers: {})", id, join_ids(brokers));
            }
        }
    }
    return "";
}

std::string brokers_table(ShellWorld& world_) {
    sim::World& world = world_.world();
    const std::vector<sim::NodeId> active = world_.cluster().resolve("controller-leader");
    std::string text = fmt::format("{:<16} {:<8} {}\n", "NODE", "STATE", "ROLE");
    auto row = [&](sim::NodeId id, const std::string& kind, std::string role) {
        const bool is_active = !active.empty() && active.front() == id;
        if (is_active) role += " (active controller)";
        text += fmt::format("{:<16} {:<8} {}\n", kind + " " + std::to_string(id),
                            state_word(world.node_state(id)), role);
    };
    const auto& controllers = world_.cluster().controllers();
    for (sim::NodeId id : world_.cluster().brokers()) {
        const bool combined = world_.scenario().cluster.controllers == 0 && !controllers.empty() &&
                              controllers.front() == id;
        row(id, "broker", combined ? "broker,controller" : "broker");
    }
    if (world_.scenario().cluster.controllers > 0) {
        for (sim::NodeId id : controllers) row(id, "controller", "controller");
    }
    return text;
}

/// Cuts `node` from every other node of the world, as the isolate fault does.
void isolate(sim::World& world, sim::NodeId node) {
    for (sim::NodeId other : world.node_ids()) {
        if (other != node) world.network().cut(node, other);
    }
    world.record_fault("isolate", node);
}

std::string partition(sim::World& world, const WorldCommand& command) {
    for (int32_t a : command.nodes) {
        for (int32_t b : command.other_side) world.network().cut(a, b);
    }
    const std::string sides = join_ids(command.nodes) + " | " + join_ids(command.other_side);
    world.record_fault("partition " + sides);
    return "network partitioned: " + sides;
}

}  // namespace

bool is_cluster_command(WorldCommand::Kind kind) {
    switch (kind) {
        case Kind::Brokers:
        case Kind::Crash:
        case Kind::Restart:
        case Kind::PowerLoss:
        case Kind::Pause:
        case Kind::Partition:
        case Kind::Isolate:
        case Kind::Heal:
            return true;
        default:
            return false;
    }
}

std::string apply_cluster_command(ShellWorld& world_, const WorldCommand& command) {
    KS_ASSERT(is_cluster_command(command.kind));
    sim::World& world = world_.world();
    if (std::string error = unknown_broker(world_, command); !error.empty()) return error;
    const int32_t broker = command.nodes.empty() ? -1 : command.nodes[0];
    switch (command.kind) {
        case Kind::Brokers:
            return brokers_table(world_);
        case Kind::Crash:
            world.crash(broker);
            return fmt::format("broker {} crashed", broker);
        case Kind::Restart:
            world.restart(broker);
            return fmt::format("broker {} restarted", broker);
        case Kind::PowerLoss:
            world.power_loss(broker);
            return fmt::format("broker {} lost power", broker);
        case Kind::Pause:
            world_.pause_for(broker, command.duration);
            return fmt::format("broker {} paused for {}", broker,
                               sim::format_duration(command.duration));
        case Kind::Partition:
            return partition(world, command);
        case Kind::Isolate:
            isolate(world, broker);
            return fmt::format("broker {} isolated", broker);
        case Kind::Heal:
            world.network().heal_all();
            world.record_fault("heal");
            return "network healed";
        default:
            KS_UNREACHABLE();
    }
}

}  // namespace harness::shell
