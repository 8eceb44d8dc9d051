#pragma once
// A scenario's consumer application, one per group member: a Process on its own node
// that polls through Kafka's consumer (subscribed in its group, or assigned one
// partition), "processes" each record (taking the scenario's process_time), commits as
// its delivery strategy says, and writes assign, poll, process, commit and crash rows
// into the run's history. With an idempotent sink, a record counts as processed (gets a
// process row) only when the sink applies it. With an `output` topic, a TransformStage
// (transform.h) turns each poll batch into output records and its commit.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/client/consumer.h"
#include "core/client/group_member.h"
#include "harness/scenario/scenario.h"
#include "harness/workload/recorder.h"
#include "harness/workload/sink.h"
#include "harness/workload/transform.h"
#include "sim/node_env.h"

namespace harness {

struct ConsumerAppOptions {
    const ConsumerSpec* spec = nullptr;
    /// 1-based member number within the group; the process name is "<group>-<member>".
    int32_t member = 1;
    std::vector<sim::NodeId> bootstrap_servers;
    sim::Time workload_start = 0;
    /// The group's idempotent sink when the spec has `sink = "idempotent"`; owned by the
    /// run so it outlives this member's crashes.
    IdempotentSink* sink = nullptr;
};

class ConsumerApp final : public sim::Process, public core::client::ConsumerRebalanceListener {
   public:
    ConsumerApp(sim::NodeEnv& env, ConsumerAppOptions options, Recorder& recorder);

    void on_start() override;
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override;
    void on_timer(uint64_t tag) override;
    void on_disconnected(sim::NodeId peer) override;

    // ConsumerRebalanceListener: each new assignment becomes the member's assign rows.
    void on_partitions_revoked(const std::vector<core::TopicPartition>& partitions) override;
    void on_partitions_assigned(const std::vector<core::TopicPartition>& partitions) override;

    std::string process_name() const;
    /// The Kafka consumer (positions, assignment), for the liveness checks.
    const core::client::Consumer* consumer() const { return consumer_.get(); }

   private:
    void poll();
    /// True (once the failure is recorded) when poll() would have thrown in Kafka.
    bool poll_threw();
    void start_processing();
    void finish_processing();
    void commit(Offsets offsets, std::function<void(bool committed)> then);
    void record_assignment(const std::vector<core::TopicPartition>& partitions,
                           int32_t generation);

    sim::NodeEnv& env_;
    ConsumerAppOptions options_;
    const ConsumerSpec& spec_;
    Recorder& recorder_;
    std::unique_ptr<core::client::Consumer> consumer_;
    /// Present when the consumer subscribes in its group (no `partition` in the spec).
    std::unique_ptr<core::client::GroupMember> member_;
    /// Present when the spec has an `output` topic: consume-transform-produce.
    std::unique_ptr<TransformStage> transform_;
    /// Records polled and not yet processed (processing takes process_time each).
    std::vector<core::client::ConsumerRecord> in_process_;
    /// Polling waits while the application processes or commits.
    bool busy_ = false;
    /// poll() threw (a client-error row was written): the application's loop is over.
    bool dead_ = false;
};

}  // namespace harness
