#include "harness/workload/admin.h"

#include "core/client/network_client.h"

namespace harness {
namespace {

constexpr uint64_t kStepTagBase = core::client::NetworkClient::kClientTagSpan;

std::string action_name(StepAction action) {
    switch (action) {
        case StepAction::CreateTopic: return "create-topic";
        case StepAction::DeleteTopic: return "delete-topic";
        case StepAction::DescribeTopic: return "describe-topic";
        case StepAction::ListTopics: return "list-topics";
    }
    KS_UNREACHABLE();
}

}  // namespace

TopicCommandError topic_command_error(const StepSpec& step,
                                      const core::client::TopicResult& result) {
    const bool names_topic =
        step.action == StepAction::DescribeTopic || step.action == StepAction::DeleteTopic;
    if (names_topic && result.error == core::protocol::Error::UNKNOWN_TOPIC_OR_PARTITION) {
        const std::string message = "Topic '" + step.topic + "' does not exist as expected";
        return {"Error while executing topic command : " + message,
                "java.lang.IllegalArgumentException: " + message};
    }
    return {"Error while executing topic command : " + result.message,
            "org.apache.kafka.common.errors." + result.exception_name + ": " + result.message};
}

namespace {

/// The two lines a step records for a failed call.
std::string error_output(const StepSpec& step, const core::client::TopicResult& result) {
    const TopicCommandError error = topic_command_error(step, result);
    return error.line + "\n" + error.exception;
}

}  // namespace

void run_topic_step(core::client::Admin& admin, const StepSpec& step, TopicStepDone done) {
    switch (step.action) {
        case StepAction::CreateTopic: {
            core::client::NewTopic topic;
            topic.name = step.topic;
            topic.num_partitions = step.partitions.value_or(-1);
            topic.replication_factor = static_cast<int16_t>(step.replication_factor.value_or(-1));
            topic.configs = step.config;
            admin.create_topics({topic}, [done, step](const auto& results) {
                const auto& r = results.front();
                done(r.ok() ? "Created topic " + r.name + "." : error_output(step, r), r);
            });
            return;
        }
        case StepAction::DeleteTopic:
            admin.delete_topics({step.topic}, [done, step](const auto& results) {
                const auto& r = results.front();
                done(r.ok() ? "" : error_output(step, r), r);
            });
            return;
        case StepAction::DescribeTopic:
            admin.describe_topics({step.topic}, [done, step](const auto& descriptions) {
                const auto& d = descriptions.front();
                done(d.result.ok() ? core::client::format_topic_description(d)
                                   : error_output(step, d.result),
                     d.result);
            });
            return;
        case StepAction::ListTopics:
            admin.list_topics([done, step](const auto& names, const auto& error) {
                done(error.ok() ? core::client::format_topic_list(names)
                                : error_output(step, error),
                     error);
            });
            return;
    }
}

AdminApp::AdminApp(sim::NodeEnv& env, const Scenario& scenario,
                   std::vector<sim::NodeId> bootstrap, AdminLedger& ledger)
    : env_(env), scenario_(scenario), ledger_(ledger) {
    core::client::AdminOptions options;
    options.bootstrap_servers = std::move(bootstrap);
    admin_ = std::make_unique<core::client::Admin>(env_, 0, options);
}

void AdminApp::on_start() {
    if (!ledger_.topics_created) create_scenario_topics();
}

void AdminApp::start_steps(sim::Time workload_start) {
    for (size_t i = 0; i < scenario_.steps.size(); ++i) {
        const sim::Time at = workload_start + scenario_.steps[i].at;
        env_.start_timer(std::max<sim::Duration>(at - env_.now(), 0), kStepTagBase + i);
    }
}

void AdminApp::create_scenario_topics() {
    std::vector<core::client::NewTopic> topics;
    for (const TopicSpec& spec : scenario_.topics) {
        core::client::NewTopic topic;
        topic.name = spec.name;
        topic.num_partitions = spec.partitions;
        topic.replication_factor = static_cast<int16_t>(spec.replication_factor);
        topic.configs = spec.config;
        topics.push_back(std::move(topic));
    }
    if (topics.empty()) {
        ledger_.topics_created = true;
        return;
    }
    admin_->create_topics(std::move(topics), [this](const auto& results) {
        for (const auto& result : results) {
            if (!result.ok()) {
                ledger_.setup_errors.push_back("creating topic " + result.name + ": " +
                                               result.exception_name + ": " + result.message);
            }
        }
        ledger_.topics_created = true;
    });
}

void AdminApp::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    admin_->on_message(from, message);
}

void AdminApp::on_disconnected(sim::NodeId peer) { admin_->on_disconnected(peer); }

void AdminApp::on_timer(uint64_t tag) {
    if (tag >= kStepTagBase && tag < kStepTagBase + scenario_.steps.size()) {
        run_step(tag - kStepTagBase);
        return;
    }
    admin_->on_timer(tag);
}

void AdminApp::run_step(size_t index) {
    run_topic_step(*admin_, scenario_.steps[index],
                   [this, index](const std::string& output,
                                 const core::client::TopicResult& result) {
                       judge(index, output, result);
                   });
}

void AdminApp::judge(size_t index, const std::string& output,
                     const core::client::TopicResult& result) {
    const StepSpec& step = scenario_.steps[index];
    StepOutcome outcome;
    outcome.action = action_name(step.action) + (step.topic.empty() ? "" : " " + step.topic);
    outcome.output = output;
    outcome.as_expected = true;
    if (step.expect_error) {
        const bool matches = !result.ok() && (result.exception_name == *step.expect_error ||
                                              result.message == *step.expect_error);
        if (!matches) {
            outcome.as_expected = false;
            outcome.why = "expected error " + *step.expect_error + ", got " +
                          (result.ok() ? std::string("success") : result.exception_name);
        }
    } else if (!result.ok()) {
        outcome.as_expected = false;
        outcome.why = "unexpected error " + result.exception_name + ": " + result.message;
    }
    if (outcome.as_expected && step.expect_output &&
        output.find(*step.expect_output) == std::string::npos) {
        outcome.as_expected = false;
        outcome.why = "expected output containing \"" + *step.expect_output + "\", got \"" +
                      output + "\"";
    }
    ledger_.steps.push_back(std::move(outcome));
}

}  // namespace harness
