#pragma once
// TestCluster: the one builder of a Kafka cluster in a sim::World for tests, described the
// way a user describes one — brokers, a controller or a Raft controller quorum (dedicated
// or combined), topics, producers, consumers, an admin client, a raw protocol client —
// with faults (crash, power loss, pause, isolate) and a history of every client
// operation, so a test reads as a scenario: `t.producer("p").send("k", "v");
// t.broker(2).crash();`. The broker, group and quorum fixtures of tests/core build on it.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/client/admin.h"
#include "core/client/consumer.h"
#include "core/client/producer.h"
#include "core/controller/controller_node.h"
#include "sim/time.h"
#include "tests/support/history_log.h"
#include "tests/support/raw_client.h"

namespace sim {
class World;
}
namespace core::broker {
class Broker;
}
namespace core::controller {
class MetadataImage;
class QuorumController;
}  // namespace core::controller

namespace kafkasim::test {

struct TestClusterOptions {
    int brokers = 3;
    /// Controllers: one runs a LocalMetadataLog, more a Raft quorum (KRaft voters).
    /// Dedicated nodes controller_node_id(1..) = 3001.., or with `combined` the first
    /// `controllers` brokers (process.roles=broker,controller).
    int controllers = 1;
    bool combined = false;
    /// Adjusts the controllers' options after they are derived from `broker_config`
    /// (session timeout, Raft snapshot threshold...).
    std::function<void(core::controller::ControllerNodeOptions&)> controller_options;
    /// A RawClient on node kRawClientNode; the library clients take the nodes after it.
    bool raw_client = false;
    bool keep_trace = false;
    /// run_until checks its condition after every step of this long.
    sim::Duration poll_step = sim::kMillisecond;
    uint64_t seed = 1;
    /// Broker configs, Kafka names ("replica.lag.time.max.ms", ...).
    std::map<std::string, std::string> broker_config;
    /// Broker ids; default 1..brokers.
    std::vector<int32_t> broker_ids;
    sim::Duration latency = sim::kMillisecond;
    sim::Duration jitter = 200 * sim::kMicrosecond;
    /// Wait in the constructor until every broker runs (registered, unfenced).
    bool wait_until_ready = true;
};

/// One record a producer sent and what became of it.
struct SentRecord {
    int64_t invoke_index = -1;
    bool has_key = false;
    std::string key;
    std::string value;
    bool done = false;
    core::protocol::Error error = core::protocol::Error::NONE;
    int32_t partition = -1;
    core::Offset offset = core::kNoOffset;
    bool acked() const { return done && error == core::protocol::Error::NONE; }
};

class TestCluster;

class ProducerHandle {
   public:
    /// A keyed record to `topic` (the handle's default topic when empty).
    void send(const std::string& key, const std::string& value, const std::string& topic = "");
    /// A null-key record.
    void send_null_key(const std::string& value, const std::string& topic = "");
    void send_to(int32_t partition, const std::string& key, const std::string& value,
                 const std::string& topic = "");
    const std::deque<SentRecord>& sent() const { return sent_; }
    int64_t acked() const;
    int64_t failed() const;
    int64_t pending() const;
    /// The live client, or nullptr while its node is down.
    core::client::Producer* client();
    sim::NodeId node() const { return node_; }
    const std::string& name() const { return name_; }
    /// Called with the record after each outcome (tests use it to fault at the right time).
    std::function<void(const SentRecord&)> on_outcome;

   private:
    friend class TestCluster;
    void send_record(core::client::ProducerRecord record);
    TestCluster* cluster_ = nullptr;
    std::string name_;
    std::string topic_;
    sim::NodeId node_ = sim::kNoNode;
    std::deque<SentRecord> sent_;
};

class ConsumerHandle {
   public:
    /// Every record polled, in poll order.
    const std::deque<core::client::ConsumerRecord>& records() const { return records_; }
    std::vector<core::client::ConsumerRecord> records(int32_t partition) const;
    core::client::Consumer* client();
    const std::vector<core::client::PartitionError>& errors() const { return errors_; }

   private:
    friend class TestCluster;
    friend class ConsumerHost;
    TestCluster* cluster_ = nullptr;
    std::string name_;
    sim::NodeId node_ = sim::kNoNode;
    std::deque<core::client::ConsumerRecord> records_;
    std::vector<core::client::PartitionError> errors_;
};

/// Synchronous admin calls: each runs the world until the answer (at most 90 s).
class AdminHandle {
   public:
    core::client::TopicResult create_topic(const std::string& name, int32_t partitions,
                                           int16_t replication_factor,
                                           std::map<std::string, std::string> configs = {});
    core::client::TopicResult delete_topic(const std::string& name);
    /// kafka-topics.sh --describe output, or the error as TopicCommand prints it.
    std::string describe(const std::string& topic);
    core::client::TopicDescription describe_topic(const std::string& topic);
    /// kafka-topics.sh --list output.
    std::string list();
    core::client::Admin* client();

   private:
    friend class TestCluster;
    TestCluster* cluster_ = nullptr;
    sim::NodeId node_ = sim::kNoNode;
};

class BrokerHandle {
   public:
    bool crash();
    bool restart();
    /// Crash with the unsynced disk tail lost.
    bool power_loss();
    bool pause();
    bool resume();
    bool is_up() const;

   private:
    friend class TestCluster;
    BrokerHandle(TestCluster* cluster, int32_t id) : cluster_(cluster), id_(id) {}
    TestCluster* cluster_;
    int32_t id_;
};

class TestCluster {
   public:
    explicit TestCluster(TestClusterOptions options = {});
    ~TestCluster();
    TestCluster(const TestCluster&) = delete;
    TestCluster& operator=(const TestCluster&) = delete;

    sim::World& world() { return *world_; }
    uint64_t seed() const { return options_.seed; }
    sim::Time now() const;
    void run_for(sim::Duration duration);
    /// Runs in 1 ms steps until `done()` or `timeout`; returns done().
    bool run_until(const std::function<bool()>& done, sim::Duration timeout = 30 * sim::kSecond);

    const std::vector<int32_t>& broker_ids() const { return broker_ids_; }
    const std::vector<int32_t>& controller_ids() const { return controller_ids_; }
    BrokerHandle broker(int32_t id);
    /// The broker process on `id`, nullptr while it is crashed.
    core::broker::Broker* broker_process(int32_t id);
    /// The controller on node `id` (dedicated or combined), nullptr when it is not running
    /// (a paused node keeps its memory but is nobody's controller).
    core::controller::QuorumController* controller(int32_t id);
    /// The node whose controller is active; -1 when none is (or more than one: a bug).
    int32_t active_controller();
    /// The active controller's image; while none is active, any live controller's, then any
    /// broker's; nullptr when every node is down.
    const core::controller::MetadataImage* image();
    /// Every broker registered, unfenced and running.
    bool wait_for_brokers(sim::Duration timeout);

    /// The raw client. REQUIRES: options.raw_client.
    RawClient& raw();
    /// Sends `request` from the raw client to `to` and runs until its response (nullptr,
    /// with a test failure, when none comes within `timeout` or it is another type).
    template <typename Response>
    std::shared_ptr<const Response> call(sim::NodeId to,
                                         std::shared_ptr<core::protocol::KafkaMessage> request,
                                         sim::Duration timeout = 35 * sim::kSecond) {
        const int32_t id = raw().send(to, std::move(request));
        sim::MessagePtr response;
        run_until([&] { return (response = raw().take(id)) != nullptr; }, timeout);
        report_call(id, response, std::dynamic_pointer_cast<const Response>(response) != nullptr);
        return std::dynamic_pointer_cast<const Response>(response);
    }
    /// Cuts every link between `node` and all other nodes (brokers, controllers, clients).
    void isolate(sim::NodeId node);
    /// Cuts the links between two nodes only.
    void partition(sim::NodeId a, sim::NodeId b);
    void heal();

    /// Creates a topic through the admin client and waits until every partition has a
    /// leader that knows it. Fails the test (ADD_FAILURE) when creation fails.
    core::client::TopicResult create_topic(const std::string& name, int32_t partitions,
                                           int16_t replication_factor,
                                           std::map<std::string, std::string> configs = {});
    /// The leader per the controller (-1 when offline or unknown).
    int32_t leader_of(const std::string& topic, int32_t partition);
    int32_t leader_of(const core::TopicPartition& tp) { return leader_of(tp.topic, tp.partition); }
    std::vector<int32_t> isr_of(const std::string& topic, int32_t partition);
    std::vector<int32_t> isr_of(const core::TopicPartition& tp) {
        return isr_of(tp.topic, tp.partition);
    }
    int32_t partition_count(const std::string& topic);
    bool wait_for_leader(const std::string& topic, int32_t partition,
                         sim::Duration timeout = 30 * sim::kSecond);

    /// A producer on its own node; `config` uses Kafka's producer keys.
    ProducerHandle& producer(const std::string& name,
                             std::map<std::string, std::string> config = {},
                             const std::string& default_topic = "t");
    /// A consumer assigned every partition of `topic` (no group), polling every 5 ms.
    ConsumerHandle& consumer(const std::string& name, const std::string& topic,
                             std::map<std::string, std::string> config = {});
    AdminHandle& admin();

    const HistoryLog& history() const { return history_; }
    HistoryLog& history() { return history_; }

   private:
    friend class ProducerHandle;
    friend class ConsumerHandle;
    friend class ConsumerHost;
    friend class AdminHandle;
    friend class BrokerHandle;
    void add_controllers();
    void add_brokers();
    void report_call(int32_t id, const sim::MessagePtr& response, bool expected_type);
    std::vector<sim::NodeId> bootstrap() const { return broker_ids_; }

    TestClusterOptions options_;
    std::unique_ptr<sim::World> world_;
    std::vector<int32_t> broker_ids_;
    std::vector<int32_t> controller_ids_;
    core::controller::ControllerNodeOptions controller_options_;
    sim::NodeId next_client_node_ = kRawClientNode;
    std::vector<std::unique_ptr<ProducerHandle>> producers_;
    std::vector<std::unique_ptr<ConsumerHandle>> consumers_;
    std::unique_ptr<AdminHandle> admin_;
    HistoryLog history_;
};

}  // namespace kafkasim::test
