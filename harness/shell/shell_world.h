#pragma once
// The world behind `kafkasim shell`: the scenario's cluster (RunCluster) kept running
// between typed commands, its admin client, the client nodes the tools start, virtual
// time advanced in steps with timed pauses ending when due, and the session's history.

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/run/cluster.h"
#include "harness/scenario/scenario.h"
#include "harness/workload/recorder.h"
#include "sim/result.h"

namespace core::client {
class Admin;
}  // namespace core::client

namespace harness::shell {

/// The cluster of `kafkasim shell` without a scenario file: brokers 1..N, combined mode
/// when `controllers` is 0, and Kafka's quickstart server.properties, whose
/// group.initial.rebalance.delay.ms=0 lets a console consumer join at once.
Scenario default_shell_scenario(int32_t brokers, int32_t controllers);

class ShellWorld {
   public:
    /// `listeners`: where Metadata advertises each broker (`kafkasim serve`), or none.
    ShellWorld(const Scenario& scenario, uint64_t seed,
               std::map<int32_t, core::protocol::AdvertisedListener> listeners = {});
    ~ShellWorld();
    ShellWorld(const ShellWorld&) = delete;
    ShellWorld& operator=(const ShellWorld&) = delete;

    /// Brings the brokers up and creates the scenario's topics; an error says what failed.
    sim::Status start();

    RunCluster& cluster() { return *cluster_; }
    sim::World& world() { return cluster_->world(); }
    Recorder& recorder() { return recorder_; }
    core::client::Admin& admin();
    const Scenario& scenario() const { return scenario_; }

    /// Lets `duration` of virtual time pass; brokers paused for a while resume when due.
    void advance(sim::Duration duration);
    /// Advances in 10ms steps until `done()` holds or `timeout` passed; false on timeout.
    bool advance_until(const std::function<bool()>& done, sim::Duration timeout);
    /// Pauses `node` now and resumes it `duration` later.
    void pause_for(sim::NodeId node, sim::Duration duration);

    /// Adds a client node (console producer or consumer) on the next free id of its range.
    sim::NodeId add_producer_node(const std::string& name, sim::ProcessFactory factory);
    sim::NodeId add_consumer_node(const std::string& name, sim::ProcessFactory factory);

   private:
    void resume_due(sim::Time now);

    Scenario scenario_;
    std::unique_ptr<RunCluster> cluster_;
    Recorder recorder_;
    /// Resume time → paused nodes (ordered, so resumes are deterministic).
    std::multimap<sim::Time, sim::NodeId> resumes_;
    sim::NodeId next_producer_node_ = kFirstProducerNode;
    sim::NodeId next_consumer_node_ = kFirstConsumerNode;
};

/// Kafka's log4j timestamp for a virtual time: "1970-01-01 00:00:05,123".
std::string log_timestamp(sim::Time time);

}  // namespace harness::shell
