#include "serve/serve.h"

#include <fmt/format.h>

#include <optional>

#include "harness/report/output.h"
#include "harness/run/faults.h"
#include "harness/scenario/toml.h"
#include "harness/shell/shell_session.h"
#include "harness/shell/shell_world.h"
#include "harness/shell/words.h"
#include "harness/shell/world_control.h"
#include "serve/served_cluster.h"
#include "serve/server.h"
#include "sim/trace.h"

namespace serve {
namespace {

using harness::shell::WorldCommand;

struct ListenAddress {
    asio::ip::address address;
    uint16_t port = 0;
};

sim::Result<ListenAddress> parse_listen(const std::string& text, size_t brokers) {
    const std::string expected =
        "--listen: expected HOST:PORT such as 127.0.0.1:9092, got '" + text + "'";
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 == text.size()) return sim::Error{"", expected};
    asio::error_code error;
    ListenAddress listen;
    listen.address = asio::ip::make_address(text.substr(0, colon), error);
    if (error) return sim::Error{"", expected};
    uint32_t port = 0;
    for (char c : text.substr(colon + 1)) {
        if (c < '0' || c > '9' || port > 65535) return sim::Error{"", expected};
        // (checked before the digit, so the value never overflows)
        port = port * 10 + static_cast<uint32_t>(c - '0');
    }
    if (port > 65535) return sim::Error{"", expected};
    if (port != 0 && port + brokers - 1 > 65535) {
        return sim::Error{"", fmt::format("--listen: {} brokers need ports {}..{}, above 65535",
                                          brokers, port, port + brokers - 1)};
    }
    listen.port = static_cast<uint16_t>(port);
    return listen;
}

std::optional<harness::Scenario> load(const std::string& path, int32_t brokers, int32_t controllers,
                                      std::FILE* err) {
    if (path.empty()) return harness::shell::default_shell_scenario(brokers, controllers);
    auto loaded = harness::load_scenario_file(path);
    if (!loaded) {
        fmt::print(err, "{}\n", loaded.error().message());
        return std::nullopt;
    }
    return loaded.value();
}

/// One line typed on serve's standard input: the shell's cluster commands, parsed by the
/// shell's own parser.
LineOutcome serve_line(harness::shell::ShellWorld& world, const std::string& line) {
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') return {};
    auto words = harness::shell::split_words(line);
    if (!words) return {false, 0, "kafkasim: " + words.error().what};
    if (words.value().empty()) return {};
    const std::string& command = words.value()[0];
    if (!harness::shell::is_world_command(command)) {
        return {false, 0, "kafkasim serve: unknown command '" + command + "' (try 'help')"};
    }
    auto parsed = harness::shell::parse_world_command(words.value());
    if (!parsed) return {false, 0, parsed.error().what};
    const WorldCommand& c = parsed.value();
    using Kind = WorldCommand::Kind;
    if (harness::shell::is_cluster_command(c.kind)) {
        return {false, 0, harness::shell::apply_cluster_command(world, c)};
    }
    switch (c.kind) {
        case Kind::Sleep:
            return {false, c.duration, ""};
        case Kind::Exit:
            return {true, 0, ""};
        case Kind::Help:
            return {false, 0, harness::shell::help_text()};
        default:
            return {false, 0,
                    "kafkasim serve: '" + command + "' needs the shell (kafkasim shell --listen)"};
    }
}

/// The scenario's [[faults]] (at their `at`, counted from now) and [nemesis], as a run
/// starts them after its setup.
int schedule_faults(const harness::Scenario& scenario, ServedCluster& cluster, std::FILE* err) {
    sim::World& world = cluster.world->world();
    const sim::Time start = world.now();
    std::vector<std::string> errors;
    cluster.schedule =
        std::make_unique<sim::FaultSchedule>(world, cluster.world->cluster().resolver());
    harness::schedule_faults(scenario, start, *cluster.schedule, errors);
    cluster.nemesis = harness::make_nemesis(scenario, cluster.world->cluster(), start,
                                            cluster.world->cluster().resolver(), errors);
    if (errors.empty()) return 0;
    fmt::print(err, "kafkasim serve: {}\n", errors.front());
    return 2;
}

}  // namespace

int open_cluster(const ServeArgs& args, ServedCluster& cluster, std::FILE* out, std::FILE* err) {
    std::optional<harness::Scenario> scenario =
        load(args.scenario, args.brokers, args.controllers, err);
    if (!scenario) return 2;
    auto listen = parse_listen(args.listen, scenario->cluster.broker_ids.size());
    if (!listen) {
        fmt::print(err, "kafkasim serve: {}\n", listen.error().what);
        return 2;
    }
    if (!args.run_for.empty()) {
        auto parsed = sim::parse_duration(args.run_for);
        if (!parsed || parsed.value() <= 0) {
            fmt::print(err, "kafkasim serve: --for: expected a duration such as 30s, got '{}'\n",
                       args.run_for);
            return 2;
        }
        cluster.run_for = parsed.value();
    }
    cluster.io = std::make_unique<asio::io_context>();
    cluster.server = std::make_unique<Server>(*cluster.io, out, err);
    sim::Status bound = cluster.server->bind(scenario->cluster.broker_ids, listen.value().address,
                                             listen.value().port);
    if (!bound) {
        fmt::print(err, "kafkasim serve: cannot listen on {}\n", bound.error().message());
        return 2;
    }
    cluster.world = std::make_unique<harness::shell::ShellWorld>(*scenario, args.seed,
                                                                 cluster.server->listeners());
    sim::Status started = cluster.world->start();
    if (!started) {
        fmt::print(err, "{}\n", started.error().message());
        return 2;
    }
    return schedule_faults(*scenario, cluster, err);
}

int run_serve(const ServeArgs& args, std::FILE* out, std::FILE* err) {
    ServedCluster cluster;
    if (int code = open_cluster(args, cluster, out, err); code != 0) return code;
    harness::shell::ShellWorld& world = *cluster.world;
    cluster.server->serve(
        world, [&](const std::string& line) { return serve_line(world, line); }, cluster.run_for);
    if (!args.trace_path.empty()) {
        sim::Status written =
            harness::write_output(args.trace_path, sim::chrome_trace_json(world.world().trace()));
        if (!written) fmt::print(err, "kafkasim serve: {}\n", written.error().message());
    }
    return 0;
}

}  // namespace serve
