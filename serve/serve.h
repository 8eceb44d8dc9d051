#pragma once
// `kafkasim serve` and `kafkasim shell --listen`: the simulated cluster on loopback ports,
// speaking Kafka's wire protocol to real clients, with the shell's cluster commands on
// standard input for faults while they run.

#include <cstdint>
#include <cstdio>
#include <string>

#include "harness/shell/repl.h"

namespace serve {

struct ServeArgs {
    /// A scenario file: its cluster, topics and configs. Empty: the default cluster.
    std::string scenario;
    int32_t brokers = 1;
    /// 0: combined mode (the first broker hosts the KRaft controller).
    int32_t controllers = 0;
    /// HOST:PORT of the first broker; broker i listens on PORT + i (0: free ports).
    std::string listen = "127.0.0.1:9092";
    uint64_t seed = 1;
    /// Stop after this long ("30s"); empty: until SIGINT/SIGTERM or `exit`.
    std::string run_for;
    /// Write the Chrome trace-event JSON here when serving ends.
    std::string trace_path;
};

/// Runs `kafkasim serve`; 0 when stopped by a signal, `exit` or --for; 2 on bad arguments
/// (one message on `err`) or when a port cannot be bound.
int run_serve(const ServeArgs& args, std::FILE* out, std::FILE* err);

/// Runs `kafkasim shell --listen HOST:PORT`: the shell's session on standard input (Kafka's
/// tools and the cluster commands) while real clients reach the same cluster.
int run_shell_listening(const harness::shell::ShellArgs& args, const std::string& listen,
                        std::FILE* out, std::FILE* err);

}  // namespace serve
