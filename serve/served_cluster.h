#pragma once
// What `kafkasim serve` and `kafkasim shell --listen` both set up before serving: the
// scenario's cluster, started, with every broker bound to its port and advertised there.

#include <asio.hpp>
#include <cstdio>
#include <memory>
#include <optional>

#include "harness/shell/shell_world.h"
#include "serve/serve.h"
#include "serve/server.h"
#include "sim/faults/nemesis.h"
#include "sim/faults/schedule.h"

namespace serve {

struct ServedCluster {
    // Declared in this order so the World goes first, then the sockets, then Asio.
    std::unique_ptr<asio::io_context> io;
    std::unique_ptr<Server> server;
    std::unique_ptr<harness::shell::ShellWorld> world;
    /// The scenario's [[faults]] and [nemesis], from the moment serving starts.
    std::unique_ptr<sim::FaultSchedule> schedule;
    std::unique_ptr<sim::Nemesis> nemesis;
    /// --for, parsed.
    std::optional<sim::Duration> run_for;
};

/// Loads the scenario (or the default cluster), binds the ports, starts the cluster and
/// schedules the scenario's faults and nemesis from now.
/// Returns 0, or 2 after printing one message on `err`.
int open_cluster(const ServeArgs& args, ServedCluster& cluster, std::FILE* out, std::FILE* err);

}  // namespace serve
