#include "harness/shell/repl.h"

#include <fmt/format.h>

#include <memory>
#include <optional>

#include "harness/scenario/cluster_shape.h"
#include "harness/scenario/toml.h"
#include "harness/shell/line_reader.h"
#include "harness/shell/shell_session.h"
#include "harness/shell/shell_world.h"

namespace harness::shell {
namespace {

constexpr const char* kPrompt = "kafkasim> ";
constexpr const char* kProducerPrompt = ">";

std::optional<Scenario> shell_scenario(const ShellArgs& args, std::FILE* err) {
    if (args.scenario.empty()) return default_shell_scenario(args.brokers, args.controllers);
    auto loaded = load_scenario_file(args.scenario);
    if (!loaded) {
        fmt::print(err, "{}\n", loaded.error().message());
        return std::nullopt;
    }
    return loaded.value();
}

std::string banner(const Scenario& scenario, uint64_t seed) {
    // The quorum is named: with one combined voter, crashing broker 1 stops the control
    // plane (no elections, no producer ids) until it returns.
    return fmt::format("kafkasim shell: {}; seed {}{}; type 'help'\n",
                       cluster_text(scenario.cluster), seed,
                       scenario.name == "shell" ? "" : ", scenario " + scenario.name);
}

}  // namespace

int run_shell(const ShellArgs& args, std::FILE* in, std::FILE* out, std::FILE* err,
              bool interactive) {
    std::optional<Scenario> scenario = shell_scenario(args, err);
    if (!scenario) return 2;
    ShellWorld world(*scenario, args.seed);
    sim::Status started = world.start();
    if (!started) {
        fmt::print(err, "{}\n", started.error().message());
        return 2;
    }
    fmt::print(out, "{}", banner(*scenario, args.seed));
    std::fflush(out);
    ShellSession session(world, out);
    std::unique_ptr<LineReader> reader = make_line_reader(in, out, interactive);
    for (;;) {
        const char* prompt = session.producing() ? kProducerPrompt : kPrompt;
        std::optional<std::string> line = reader->read_line(prompt, !session.producing());
        if (!line) break;
        if (!interactive) {
            fmt::print(out, "{}{}\n", prompt, *line);
            std::fflush(out);
        }
        if (session.producing()) {
            if (*line == "^C") {
                session.end_producing();
            } else {
                session.produce_line(*line);
            }
            continue;
        }
        if (*line == "^C") continue;  // Ctrl-C at the prompt: a fresh prompt, as in bash
        if (!session.execute(*line)) break;
    }
    session.end_producing();
    return 0;
}

}  // namespace harness::shell
