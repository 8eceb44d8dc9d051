#pragma once
// The Processes that host a TestCluster's clients, one client per node, so a client can
// be crashed or isolated like any node; each routes messages and timers to its client and
// records outcomes in the cluster's history through its handle.

#include <memory>

#include "core/client/admin.h"
#include "core/client/consumer.h"
#include "core/client/producer.h"
#include "sim/node_env.h"

namespace kafkasim::test {

class ConsumerHandle;
class TestCluster;

class ProducerHost final : public sim::Process {
   public:
      ProducerHost(sim::NodeEnv& env, core::client::ProducerOptions options)
          : producer_(env, std::move(options)) {}
      void on_start() override {}
      void on_message(sim::NodeId from, const sim::MessagePtr& m) override {
          producer_.on_message(from, m);
      }
    void on_disconnected(sim::NodeId peer) override { producer_.on_disconnected(peer); }
    core::client::Producer& producer() { return producer_; }

   private:
    core::client::Producer producer_;
};

/// Polls its consumer every `poll_interval` (and as soon as records arrive) and records
/// each polled record in the history as an ok poll row.
class ConsumerHost final : public sim::Process, public sim::TimerTarget {
 public:
    ConsumerHost(sim::NodeEnv& env, core::client::ConsumerOptions options,
                 std::vector<core::TopicPartition> assignment, TestCluster& cluster,
                 ConsumerHandle& handle);
    void on_start() override;
    void on_message(sim::NodeId from, const sim::MessagePtr& m) override {
        consumer_.on_message(from, m);
    }
    /// The host's poll loop.
    void on_timer(uint64_t) override;
    void on_disconnected(sim::NodeId peer) override { consumer_.on_disconnected(peer); }
    core::client::Consumer& consumer() { return consumer_; }

   private:
    void poll();
    sim::NodeEnv& env_;
    core::client::Consumer consumer_;
    std::vector<core::TopicPartition> assignment_;
    TestCluster& cluster_;
    ConsumerHandle& handle_;
};

class AdminHost final : public sim::Process {
   public:
      AdminHost(sim::NodeEnv& env, core::client::AdminOptions options)
          : admin_(env, std::move(options)) {}
      void on_start() override {}
      void on_message(sim::NodeId from, const sim::MessagePtr& m) override {
          admin_.on_message(from, m);
      }
    void on_disconnected(sim::NodeId peer) override { admin_.on_disconnected(peer); }
    core::client::Admin& admin() { return admin_; }

   private:
    core::client::Admin admin_;
};

}  // namespace kafkasim::test
