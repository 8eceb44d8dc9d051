#pragma once
// A scenario's producer application: a Process on its own node that sends records at
// the scenario's rate through Kafka's producer client and writes each send's invoke and
// outcome into the run's history.

#include <memory>
#include <vector>

#include "core/client/producer.h"
#include "harness/scenario/scenario.h"
#include "harness/workload/recorder.h"
#include "sim/node_env.h"

namespace harness {

struct ProducerAppOptions {
    const ProducerSpec* spec = nullptr;
    std::vector<sim::NodeId> bootstrap_servers;
    /// Virtual time the workload starts (scenario time 0) and the producer stops.
    sim::Time workload_start = 0;
    sim::Time stop_at = 0;
};

class ProducerApp final : public sim::Process {
   public:
    ProducerApp(sim::NodeEnv& env, ProducerAppOptions options, Recorder& recorder);

    void on_start() override;
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override;
    void on_timer(uint64_t tag) override;
    void on_disconnected(sim::NodeId peer) override;

   private:
    void send_next();
    core::client::ProducerRecord next_record(int64_t number);
    void send_record(core::client::ProducerRecord record, int32_t attempt);
    void record_outcome(const core::client::ProducerRecord& record, int32_t attempt,
                        const core::client::RecordMetadata& metadata,
                        core::protocol::Error error);

    sim::NodeEnv& env_;
    ProducerAppOptions options_;
    const ProducerSpec& spec_;
    Recorder& recorder_;
    std::unique_ptr<core::client::Producer> producer_;
    sim::Duration interval_ = 0;
};

}  // namespace harness
