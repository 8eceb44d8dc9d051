#pragma once
// The scenario's admin client: creates the scenario's topics during set-up, then runs
// each [[steps]] action at its virtual time and judges its answer against the step's
// expect_error / expect_output, as a person at kafka-topics.sh would.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/client/admin.h"
#include "harness/scenario/scenario.h"
#include "sim/node_env.h"

namespace harness {

/// What one step did and whether it answered as the scenario expected.
struct StepOutcome {
    std::string action;  ///< "create-topic first_topic"
    std::string output;  ///< what kafka-topics.sh would print
    bool as_expected = false;
    std::string why;  ///< when not as expected: what was expected and what came
};

/// Lives outside the World (the run owns it), so outcomes survive the admin node.
struct AdminLedger {
    bool topics_created = false;
    std::vector<std::string> setup_errors;
    std::vector<StepOutcome> steps;
};

/// How kafka-topics.sh reports a failed call: the line it prints ("Error while executing
/// topic command : <message>") and the exception it then logs. A describe or delete of a
/// missing topic fails TopicCommand's own check (IllegalArgumentException).
struct TopicCommandError {
    std::string line;
    std::string exception;  ///< "org.apache.kafka.common.errors.<Name>: <message>"
};
TopicCommandError topic_command_error(const StepSpec& step,
                                      const core::client::TopicResult& result);

/// What one kafka-topics.sh action printed, and the call's outcome.
using TopicStepDone =
    std::function<void(const std::string& output, const core::client::TopicResult& result)>;
/// Runs one kafka-topics.sh action (a [[steps]] entry, or a line typed in `kafkasim shell`)
/// through `admin`; `done` runs once with its output.
void run_topic_step(core::client::Admin& admin, const StepSpec& step, TopicStepDone done);

class AdminApp final : public sim::Process {
   public:
    AdminApp(sim::NodeEnv& env, const Scenario& scenario, std::vector<sim::NodeId> bootstrap,
             AdminLedger& ledger);

    /// Arms each step at workload_start + its `at` (called once set-up is done).
    void start_steps(sim::Time workload_start);

    void on_start() override;
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override;
    void on_timer(uint64_t tag) override;
    void on_disconnected(sim::NodeId peer) override;

   private:
    void create_scenario_topics();
    void run_step(size_t index);
    void judge(size_t index, const std::string& output, const core::client::TopicResult& r);

    sim::NodeEnv& env_;
    const Scenario& scenario_;
    AdminLedger& ledger_;
    std::unique_ptr<core::client::Admin> admin_;
};

}  // namespace harness
