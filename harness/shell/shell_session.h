#pragma once
// One `kafkasim shell` session: runs each typed line against the ShellWorld (Kafka's
// tools by name, with or without .sh, and the shell's world controls), prints what the
// tool would print, and lets a fixed step of virtual time pass after every command so
// background consumers print what they read.

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/shell/tool_commands.h"
#include "harness/shell/world_commands.h"
#include "sim/message.h"
#include "sim/rng.h"
#include "sim/time.h"

namespace harness::shell {

class ConsoleProducer;
class ShellWorld;

/// Virtual time each typed command (and each record typed to a console producer) takes.
constexpr sim::Duration kCommandStep = 100 * sim::kMillisecond;

class ShellSession {
   public:
    ShellSession(ShellWorld& world, std::FILE* out);
    ~ShellSession();

    /// Runs one command line. False when the line asked the shell to exit.
    bool execute(const std::string& line);
    /// True after kafka-console-producer, until a line "^C" or the end of input: lines
    /// are then records (produce_line), not commands.
    bool producing() const { return producer_ != nullptr; }
    void produce_line(const std::string& line);
    /// Flushes the console producer and waits for its records, as the tool does on exit.
    void end_producing();

   private:
    struct ConsumerEntry {
        sim::NodeId node = 0;
        bool stopped = false;
    };

    void print(const std::string& text);
    void run_tool(const std::string& tool, const std::vector<std::string>& args);
    void run_topics(const TopicsCommand& command);
    void describe_all_topics();
    void start_producer(const ConsoleProducerCommand& command);
    void start_consumer(const ConsoleConsumerCommand& command);
    void run_consumer_groups(const ConsumerGroupsCommand& command);
    void run_world(const WorldCommand& command);
    void stop_consumer(const std::string& name);
    void write_file(const std::string& path, const std::string& contents);

    ShellWorld& world_;
    std::FILE* out_;
    /// Draws the console-consumer-NNNNN group names, apart from the world's streams.
    sim::Rng names_rng_;
    std::map<std::string, ConsumerEntry> consumers_;
    int32_t next_consumer_ = 1;
    int32_t next_producer_ = 1;
    /// Groups the session's consumers used, for kafka-consumer-groups --list.
    std::vector<std::string> groups_;
    std::unique_ptr<ConsoleProducer> producer_;
};

}  // namespace harness::shell
