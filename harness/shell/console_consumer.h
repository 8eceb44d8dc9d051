#pragma once
// kafka-console-consumer.sh as a background process of the shell's world: Kafka's
// consumer (with a group member when it subscribes) polling every 10ms, each record
// formatted as the tool's DefaultMessageFormatter would and handed to the shell's output
// prefixed with the consumer's name, and each poll written to the session's history.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/client/consumer.h"
#include "core/client/group_member.h"
#include "harness/shell/tool_commands.h"
#include "harness/workload/recorder.h"
#include "sim/node_env.h"

namespace harness::shell {

struct ConsoleConsumerOptions {
    /// "consumer-1": the prefix of every line it prints, and its client.id.
    std::string name;
    ConsoleConsumerCommand command;
    /// The group when subscribing (the command's, or the console-consumer-NNNNN one).
    std::string group;
    std::vector<sim::NodeId> bootstrap_servers;
};

/// Where the consumer's lines go: the shell prints them after each step of time.
using ConsoleSink = std::function<void(const std::string& line)>;

class ConsoleConsumerApp final : public sim::Process {
   public:
    ConsoleConsumerApp(sim::NodeEnv& env, ConsoleConsumerOptions options, ConsoleSink sink,
                       Recorder& recorder);
    ~ConsoleConsumerApp() override;

    void on_start() override;
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override;
    void on_timer(uint64_t tag) override;
    void on_disconnected(sim::NodeId peer) override;

    /// What Ctrl-C does: commits (when auto-commit is on) and leaves the group; `done`
    /// runs once it has.
    void close(std::function<void()> done);
    bool closed() const { return closed_; }
    int64_t processed() const { return processed_; }
    const std::string& group() const { return options_.group; }
    /// Nullptr when the consumer was assigned a partition instead of subscribing.
    const core::client::GroupMember* member() const { return member_.get(); }

   private:
    void poll();
    std::string format(const core::client::ConsumerRecord& record) const;

    sim::NodeEnv& env_;
    ConsoleConsumerOptions options_;
    ConsoleSink sink_;
    Recorder& recorder_;
    std::unique_ptr<core::client::Consumer> consumer_;
    std::unique_ptr<core::client::GroupMember> member_;
    int64_t processed_ = 0;
    bool closing_ = false;
    bool closed_ = false;
};

/// The consumer configs the tool would use: --consumer-property entries, and what its
/// flags mean (--from-beginning, no --group), plus the group id and client.id.
std::map<std::string, std::string> console_consumer_config(const ConsoleConsumerOptions& options);

}  // namespace harness::shell
