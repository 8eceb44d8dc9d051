#pragma once
// A scenario's consumer application, one per group member: a Process on its own node
// that polls through Kafka's consumer client, "processes" each record (taking the
// scenario's process_time), commits as its delivery strategy says, and writes poll,
// process, commit and assign rows into the run's history.

#include <memory>
#include <string>
#include <vector>

#include "core/client/consumer.h"
#include "harness/run_recorder.h"
#include "harness/scenario.h"
#include "sim/node_env.h"

namespace harness {

struct ConsumerAppOptions {
    const ConsumerSpec* spec = nullptr;
    /// 1-based member number within the group; the process name is "<group>-<member>".
    int32_t member = 1;
    std::vector<sim::NodeId> bootstrap_servers;
    /// The topic's partition count (for members that assign rather than subscribe).
    int32_t partitions = 1;
    sim::Time workload_start = 0;
};

class ConsumerApp final : public sim::Process {
   public:
    ConsumerApp(sim::NodeEnv& env, ConsumerAppOptions options, Recorder& recorder);

    void on_start() override;
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override;
    void on_timer(uint64_t tag) override;
    void on_disconnected(sim::NodeId peer) override;

    std::string process_name() const;

   private:
    void poll();
    void record_assignment(const std::vector<core::TopicPartition>& partitions);
    void finish_processing();

    sim::NodeEnv& env_;
    ConsumerAppOptions options_;
    const ConsumerSpec& spec_;
    Recorder& recorder_;
    std::unique_ptr<core::client::Consumer> consumer_;
    /// Records polled and not yet processed (processing takes process_time each).
    std::vector<core::client::ConsumerRecord> in_process_;
    bool processing_ = false;
};

}  // namespace harness
