#pragma once
// kafka-console-producer.sh in the shell: a producer on its own node of the world, one
// record per typed line (split at key.separator with parse.key=true), send errors
// logged as the tool's ErrorLoggingCallback does, and flush-and-close at the end.

#include <functional>
#include <memory>
#include <string>

#include "harness/shell/tool_commands.h"
#include "sim/node_env.h"

namespace harness::shell {

class ShellWorld;

class ConsoleProducer {
   public:
    using Print = std::function<void(const std::string& text)>;

    /// REQUIRES: the command's producer config parses (check it with producer_config_error).
    ConsoleProducer(ShellWorld& world, const ConsoleProducerCommand& command,
                    const std::string& name, Print print);
    ~ConsoleProducer();

    /// Sends one typed line. False when the tool would stop (a line without the key
    /// separator under parse.key=true).
    bool send_line(const std::string& line);
    /// Flushes, waits for every record's answer, and stops the producer's node.
    void close();

   private:
    struct State;
    ShellWorld& world_;
    ConsoleProducerCommand command_;
    sim::NodeId node_ = 0;
    Print print_;
    int64_t line_number_ = 0;
    std::shared_ptr<State> state_;
};

/// Kafka's ConfigException text when the producer configs are bad, else empty.
std::string producer_config_error(const ConsoleProducerCommand& command);

}  // namespace harness::shell
