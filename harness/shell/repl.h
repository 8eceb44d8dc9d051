#pragma once
// `kafkasim shell`: builds the world (from a scenario file or a default cluster), then
// reads commands until `exit` or the end of input. On a terminal it prompts
// "kafkasim> " (">" inside the console producer); when piped it echoes each line after
// the prompt instead, so the output reads as the transcript a person would have seen,
// byte for byte the same for the same input and seed.

#include <cstdint>
#include <cstdio>
#include <string>

namespace harness::shell {

struct ShellArgs {
    /// A scenario file: its cluster, topics and configs. Empty: the default cluster.
    std::string scenario;
    int32_t brokers = 1;
    /// 0: combined mode (the first broker hosts the KRaft controller).
    int32_t controllers = 0;
    uint64_t seed = 1;
    /// HOST:PORT: serve the cluster to real Kafka clients too (kafkasim serve's sockets);
    /// empty: simulated clients only.
    std::string listen;
};

/// Runs the shell; returns the exit code (0 at the end of input or `exit`, 2 when the
/// scenario or the cluster could not be set up).
int run_shell(const ShellArgs& args, std::FILE* in, std::FILE* out, std::FILE* err,
              bool interactive);

}  // namespace harness::shell
