// Kafka's tools in the session: kafka-topics through the admin client (with the same
// kafka-topics.sh text as a scenario's [[steps]]), the console producer and consumers,
// and kafka-consumer-groups.
#include <fmt/format.h>

#include "core/client/admin.h"
#include "core/config/client_config.h"
#include "harness/shell/console_consumer.h"
#include "harness/shell/consumer_groups.h"
#include "harness/shell/shell_producer.h"
#include "harness/shell/shell_session.h"
#include "harness/shell/shell_world.h"
#include "harness/workload/admin.h"

namespace harness::shell {
namespace {

/// Longer than the admin client's default.api.timeout.ms, so its own timeout answers.
constexpr sim::Duration kAdminWait = 90 * sim::kSecond;

/// Kafka's Topic.hasCollisionChars: '.' and '_' map to the same metric name.
bool has_collision_chars(const std::string& topic) {
    return topic.find('.') != std::string::npos || topic.find('_') != std::string::npos;
}

StepSpec topic_step(const TopicsCommand& command) {
    StepSpec step;
    step.topic = command.topic;
    step.partitions = command.partitions;
    step.replication_factor = command.replication_factor;
    step.config = command.config;
    switch (command.action) {
        case TopicsCommand::Action::Create: step.action = StepAction::CreateTopic; break;
        case TopicsCommand::Action::Delete: step.action = StepAction::DeleteTopic; break;
        case TopicsCommand::Action::Describe: step.action = StepAction::DescribeTopic; break;
        case TopicsCommand::Action::List: step.action = StepAction::ListTopics; break;
    }
    return step;
}

/// A call's answer, shared with its callback (which may outlive a timed-out wait).
struct TopicAnswer {
    bool done = false;
    std::string output;
    core::client::TopicResult result;
};

}  // namespace

void ShellSession::run_tool(const std::string& tool, const std::vector<std::string>& args) {
    if (tool == "kafka-topics") {
        auto command = parse_topics_command(args);
        return command ? run_topics(command.value()) : print(command.error().what);
    }
    if (tool == "kafka-console-producer") {
        auto command = parse_console_producer_command(args);
        return command ? start_producer(command.value()) : print(command.error().what);
    }
    if (tool == "kafka-console-consumer") {
        auto command = parse_console_consumer_command(args);
        return command ? start_consumer(command.value()) : print(command.error().what);
    }
    if (tool == "kafka-consumer-groups") {
        auto command = parse_consumer_groups_command(args);
        return command ? run_consumer_groups(command.value()) : print(command.error().what);
    }
    print("kafkasim: unknown command '" + tool + "' (try 'help')");
}

void ShellSession::run_topics(const TopicsCommand& command) {
    if (command.action == TopicsCommand::Action::Describe && command.topic.empty()) {
        return describe_all_topics();
    }
    if (command.action == TopicsCommand::Action::Create && has_collision_chars(command.topic)) {
        print("WARNING: Due to limitations in metric names, topics with a period ('.') or "
              "underscore ('_') could collide. To avoid issues it is best to use either, but not "
              "both.");
    }
    auto answer = std::make_shared<TopicAnswer>();
    const StepSpec step = topic_step(command);
    run_topic_step(world_.admin(), step,
                   [answer](const std::string& output, const core::client::TopicResult& r) {
                       answer->done = true;
                       answer->output = output;
                       answer->result = r;
                   });
    world_.advance_until([&] { return answer->done; }, kAdminWait);
    const core::client::TopicResult& result = answer->result;
    if (!answer->done) {
        print("Error while executing topic command : the simulated call did not answer");
    } else if (result.ok()) {
        print(answer->output);
    } else if (!(command.if_not_exists &&
                 result.error == core::protocol::Error::TOPIC_ALREADY_EXISTS)) {
        const TopicCommandError error = topic_command_error(step, result);
        print(error.line);
        print("[" + log_timestamp(world_.world().now()) + "] ERROR " + error.exception +
              "\n (kafka.admin.TopicCommand$)");
    }
}

void ShellSession::describe_all_topics() {
    struct Answer {
        bool done = false;
        std::string output;
    };
    auto answer = std::make_shared<Answer>();
    core::client::Admin& admin = world_.admin();
    admin.list_topics([answer, &admin](const auto& names, const auto& error) {
        if (!error.ok() || names.empty()) {
            answer->done = true;
            return;
        }
        admin.describe_topics(names, [answer](const auto& descriptions) {
            for (const auto& d : descriptions) {
                if (d.result.ok()) answer->output += core::client::format_topic_description(d);
            }
            answer->done = true;
        });
    });
    world_.advance_until([&] { return answer->done; }, 2 * kAdminWait);
    print(answer->output);
}

void ShellSession::start_producer(const ConsoleProducerCommand& command) {
    const std::string error = producer_config_error(command);
    if (!error.empty()) {
        print("org.apache.kafka.common.config.ConfigException: " + error);
        return;
    }
    const std::string name = "console-producer-" + std::to_string(next_producer_++);
    producer_ = std::make_unique<ConsoleProducer>(world_, command, name,
                                                  [this](const std::string& t) { print(t); });
}

void ShellSession::produce_line(const std::string& line) {
    KS_ASSERT(producer_ != nullptr);
    if (!producer_->send_line(line)) {
        end_producing();
        return;
    }
    world_.advance(kCommandStep);
}

void ShellSession::end_producing() {
    if (producer_ == nullptr) return;
    producer_->close();
    producer_.reset();
    world_.advance(kCommandStep);
}

void ShellSession::start_consumer(const ConsoleConsumerCommand& command) {
    ConsoleConsumerOptions options;
    options.name = "consumer-" + std::to_string(next_consumer_);
    options.command = command;
    options.bootstrap_servers = world_.cluster().brokers();
    if (!command.partition) {
        options.group = !command.group.empty()
                            ? command.group
                            : "console-consumer-" + std::to_string(names_rng_.uniform(100000));
    }
    auto config = core::config::parse_consumer_config(console_consumer_config(options));
    if (!config) {
        print("org.apache.kafka.common.config.ConfigException: " + config.error().message());
        return;
    }
    ++next_consumer_;
    if (!options.group.empty()) groups_.push_back(options.group);
    auto sink = [this](const std::string& line) { print(line); };
    Recorder& recorder = world_.recorder();
    const sim::NodeId node = world_.add_consumer_node(
        options.name, [options, sink, &recorder](sim::NodeEnv& env) {
            return std::make_unique<ConsoleConsumerApp>(env, options, sink, recorder);
        });
    consumers_[options.name] = ConsumerEntry{node, false};
    print(options.name + " started: topic " + command.topic +
          (command.partition ? ", partition " + std::to_string(*command.partition)
                             : ", group " + options.group));
}

void ShellSession::run_consumer_groups(const ConsumerGroupsCommand& command) {
    if (command.action == ConsumerGroupsCommand::Action::List) {
        print(list_consumer_groups(world_.cluster(), groups_));
        return;
    }
    std::vector<std::string> groups = command.groups;
    if (command.all_groups) groups = groups_;
    for (const std::string& group : groups) print(describe_consumer_group(world_.cluster(), group));
}

}  // namespace harness::shell
