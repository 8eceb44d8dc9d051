// `kafkasim shell --listen`: the shell's session driven by serve's loop, so Kafka's tools
// typed on standard input and real clients on the sockets share one paced cluster.
#include <fmt/format.h>

#include <optional>

#include "harness/scenario/toml.h"
#include "harness/shell/shell_session.h"
#include "harness/shell/shell_world.h"
#include "serve/serve.h"
#include "serve/served_cluster.h"
#include "serve/server.h"

namespace serve {
namespace {

constexpr const char* kPrompt = "kafkasim> ";
constexpr const char* kProducerPrompt = ">";

/// One line as the piped shell runs it: echoed after its prompt, then a command, or a
/// record while kafka-console-producer reads.
LineOutcome session_line(harness::shell::ShellSession& session, const std::string& line,
                         std::FILE* out) {
    fmt::print(out, "{}{}\n", session.producing() ? kProducerPrompt : kPrompt, line);
    std::fflush(out);
    if (session.producing()) {
        if (line == "^C") {
            session.end_producing();
        } else {
            session.produce_line(line);
        }
        return {};
    }
    if (line == "^C") return {};
    return {!session.execute(line), 0, ""};
}

}  // namespace

int run_shell_listening(const harness::shell::ShellArgs& args, const std::string& listen,
                        std::FILE* out, std::FILE* err) {
    ServeArgs serve_args;
    serve_args.scenario = args.scenario;
    serve_args.brokers = args.brokers;
    serve_args.controllers = args.controllers;
    serve_args.seed = args.seed;
    serve_args.listen = listen;
    ServedCluster cluster;
    if (int code = open_cluster(serve_args, cluster, out, err); code != 0) return code;
    harness::shell::ShellSession session(*cluster.world, out);
    cluster.server->serve(
        *cluster.world, [&](const std::string& line) { return session_line(session, line, out); },
        std::nullopt);
    session.end_producing();
    return 0;
}

}  // namespace serve
