// The session's dispatch and the shell's own world controls; Kafka's tools are in
// shell_tools.cc.
#include "harness/shell/shell_session.h"

#include <fmt/format.h>

#include "check/history_csv.h"
#include "core/broker/broker.h"
#include "harness/report/output.h"
#include "harness/shell/console_consumer.h"
#include "harness/shell/shell_producer.h"
#include "harness/shell/shell_world.h"
#include "harness/shell/world_control.h"
#include "harness/shell/words.h"
#include "sim/trace.h"

namespace harness::shell {
namespace {

/// How long stop-consumer waits for the consumer to commit and leave its group.
constexpr sim::Duration kCloseTimeout = 30 * sim::kSecond;

}  // namespace

ShellSession::ShellSession(ShellWorld& world, std::FILE* out)
    : world_(world), out_(out), names_rng_(world.world().seed() ^ 0x5e11c0de) {}

ShellSession::~ShellSession() = default;

void ShellSession::print(const std::string& text) {
    if (text.empty()) return;
    std::fputs(text.c_str(), out_);
    if (text.back() != '\n') std::fputc('\n', out_);
    std::fflush(out_);
}

bool ShellSession::execute(const std::string& line) {
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') return true;  // blank, or a comment
    auto words = split_words(line);
    if (!words) {
        print("kafkasim: " + words.error().what);
        world_.advance(kCommandStep);
        return true;
    }
    if (words.value().empty()) return true;
    const std::string command = words.value()[0];
    const std::vector<std::string> args(words.value().begin() + 1, words.value().end());
    if (is_world_command(command)) {
        auto parsed = parse_world_command(words.value());
        if (!parsed) {
            print(parsed.error().what);
        } else if (parsed.value().kind == WorldCommand::Kind::Exit) {
            return false;
        } else {
            run_world(parsed.value());
        }
    } else {
        run_tool(tool_name(command), args);
    }
    world_.advance(kCommandStep);
    return true;
}

void ShellSession::run_world(const WorldCommand& command) {
    sim::World& world = world_.world();
    using Kind = WorldCommand::Kind;
    if (is_cluster_command(command.kind)) {
        print(apply_cluster_command(world_, command));
        return;
    }
    switch (command.kind) {
        case Kind::StopConsumer: stop_consumer(command.name); return;
        case Kind::Sleep: world_.advance(command.duration); return;
        case Kind::Trace: write_file(command.name, sim::chrome_trace_json(world.trace())); return;
        case Kind::History: {
            auto csv = check::write_history_csv_string(world_.recorder().history());
            if (csv) write_file(command.name, csv.value());
            return;
        }
        case Kind::Help: print(help_text()); return;
        default: return;  // Exit is the caller's
    }
}

void ShellSession::stop_consumer(const std::string& name) {
    auto it = consumers_.find(name);
    if (it == consumers_.end() || it->second.stopped) {
        std::string running;
        for (const auto& [n, entry] : consumers_) {
            if (!entry.stopped) running += (running.empty() ? "" : ", ") + n;
        }
        print("kafkasim: no running consumer '" + name + "' (running: " +
              (running.empty() ? "none" : running) + ")");
        return;
    }
    auto* app = world_.world().process_as<ConsoleConsumerApp>(it->second.node);
    if (app != nullptr) {
        app->close({});
        world_.advance_until([app] { return app->closed(); }, kCloseTimeout);
        print(fmt::format("Processed a total of {} messages", app->processed()));
        // The LeaveGroup is on the wire: let it arrive before the process is gone.
        world_.advance(kCommandStep);
    }
    world_.world().crash(it->second.node);
    it->second.stopped = true;
}

void ShellSession::write_file(const std::string& path, const std::string& contents) {
    sim::Status written = write_output(path, contents);
    print(written ? "wrote " + path : "kafkasim: " + written.error().message());
}

}  // namespace harness::shell
