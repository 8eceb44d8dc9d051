#pragma once
// A tiny in-test Kafka cluster in a sim::World: one dedicated controller (node 3001),
// brokers 1..n, and a raw client (node 9001) that sends protocol requests and waits for
// their responses. Enough to test the broker and controller without the client library.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/broker/broker.h"
#include "core/controller/controller_node.h"
#include "core/controller/raft_metadata_log.h"
#include "core/protocol/admin.h"
#include "core/protocol/fetch.h"
#include "core/protocol/metadata.h"
#include "core/protocol/produce.h"
#include "sim/world.h"

namespace kafkasim_test {

using namespace core;
using namespace core::protocol;
using sim::kMillisecond;
using sim::kSecond;

constexpr sim::NodeId kController = 3001;
constexpr sim::NodeId kClient = 9001;

/// Sends raw requests and keeps every response by correlation id.
class RawClient : public sim::Process {
 public:
    explicit RawClient(sim::NodeEnv& env) : env_(env) {}
    void on_start() override {}
    void on_message(sim::NodeId, const sim::MessagePtr& message) override {
        const auto* kafka = dynamic_cast<const KafkaMessage*>(message.get());
        if (kafka != nullptr) responses_[kafka->correlation_id] = message;
    }
    int32_t send(sim::NodeId to, std::shared_ptr<KafkaMessage> request) {
        request->correlation_id = next_++;
        env_.send(to, request);
        return request->correlation_id;
    }
    sim::MessagePtr take(int32_t correlation_id) {
        auto it = responses_.find(correlation_id);
        if (it == responses_.end()) return nullptr;
        sim::MessagePtr m = it->second;
        responses_.erase(it);
        return m;
    }

 private:
    sim::NodeEnv& env_;
    std::map<int32_t, sim::MessagePtr> responses_;
    int32_t next_ = 1;
};

struct MiniClusterOptions {
    uint64_t seed = 1;
    int brokers = 3;
    std::map<std::string, std::string> broker_config;
    bool unclean_leader_election_enable = false;
    bool delete_topic_enable = true;
    bool keep_trace = false;
    /// 1: a single controller on a LocalMetadataLog; 3/5: a Raft quorum (3001, 3002, ...).
    int controllers = 1;
};

class MiniCluster {
 public:
    explicit MiniCluster(MiniClusterOptions options = {});

    sim::World& world() { return *world_; }
    void run_for(sim::Duration d) { world_->run_for(d); }
    /// Runs until `done()` or `timeout` passes; returns done().
    template <typename F>
    bool run_until(F done, sim::Duration timeout = 30 * kSecond) {
        const sim::Time end = world_->now() + timeout;
        while (world_->now() < end) {
            if (done()) return true;
            world_->run_for(10 * kMillisecond);
        }
        return done();
    }

    /// Sends `request` from the client to `to` and waits for the response (nullptr if none).
    template <typename Response>
    std::shared_ptr<const Response> call(sim::NodeId to, std::shared_ptr<KafkaMessage> request,
                                         sim::Duration timeout = 35 * kSecond) {
        const int32_t id = client().send(to, std::move(request));
        sim::MessagePtr response;
        run_until([&] { return (response = client().take(id)) != nullptr; }, timeout);
        if (response == nullptr)
            ADD_FAILURE() << "no response to correlation " << id;
        else if (!std::dynamic_pointer_cast<const Response>(response))
            ADD_FAILURE() << "unexpected " << response->name();
        return std::dynamic_pointer_cast<const Response>(response);
    }

    void dump_trace(size_t last = 200) {
        const auto& events = world_->trace().events();
        for (size_t i = events.size() > last ? events.size() - last : 0; i < events.size(); ++i) {
            const auto& e = events[i];
            printf("%lld %d->%d %d %s\n", static_cast<long long>(e.time), e.node, e.peer,
                   static_cast<int>(e.kind), e.name.c_str());
        }
    }
    RawClient& client() { return *world_->process_as<RawClient>(kClient); }
    broker::Broker* broker(int32_t id) { return world_->process_as<broker::Broker>(id); }
    const controller::MetadataImage& controller_image();
    std::vector<int32_t> broker_ids() const { return broker_ids_; }
    std::vector<int32_t> controller_ids() const { return controller_ids_; }
    /// The active controller's node id, or -1.
    int32_t active_controller() {
        for (int32_t id : controller_ids_) {
            auto* node = world_->process_as<controller::ControllerNode>(id);
            if (node != nullptr && node->controller().is_active()) return id;
        }
        return -1;
    }

    /// All brokers registered, unfenced and caught up with the controller.
    bool wait_for_brokers(sim::Duration timeout = 30 * kSecond);
    std::shared_ptr<const CreateTopicsResponse> create_topic(
        const std::string& name, int32_t partitions, int16_t replication_factor,
        std::map<std::string, std::string> configs = {});
    /// Waits until every broker's image shows `tp` with a leader that knows it leads.
    bool wait_for_leader(const TopicPartition& tp, sim::Duration timeout = 30 * kSecond);
    int32_t leader_of(const TopicPartition& tp);
    std::vector<int32_t> isr_of(const TopicPartition& tp);

    std::shared_ptr<const ProduceResponse> produce(const TopicPartition& tp,
                                                   const std::string& value, int16_t acks,
                                                   sim::NodeId to = -1);
    /// Every record readable below the high watermark, read from the current leader.
    std::vector<std::string> read_all(const TopicPartition& tp);

 private:
    MiniClusterOptions options_;
    std::unique_ptr<sim::World> world_;
    std::vector<int32_t> broker_ids_;
    std::vector<int32_t> controller_ids_;
};

inline MiniCluster::MiniCluster(MiniClusterOptions options) : options_(std::move(options)) {
    sim::WorldOptions world_options;
    world_options.seed = options_.seed;
    world_options.keep_trace_events = options_.keep_trace;
    world_ = std::make_unique<sim::World>(world_options);
    controller::ControllerNodeOptions controller_options;
    controller_options.controller.unclean_leader_election_enable =
        options_.unclean_leader_election_enable;
    controller_options.controller.delete_topic_enable = options_.delete_topic_enable;
    for (int i = 1; i <= options_.controllers; ++i) controller_ids_.push_back(kController + i - 1);
    if (options_.controllers > 1) {
        controller_options.log_factory = controller::raft_metadata_log_factory(controller_ids_);
    }
    for (int32_t id : controller_ids_) {
        world_->add_node(
            id, "controller-" + std::to_string(id), [controller_options](sim::NodeEnv& env) {
                return std::make_unique<controller::ControllerNode>(env, controller_options);
            });
    }
    auto parsed = config::parse_broker_config(options_.broker_config);
    KS_ASSERT(parsed.ok());
    for (int i = 1; i <= options_.brokers; ++i) {
        broker_ids_.push_back(i);
        broker::BrokerOptions broker_options;
        broker_options.config = parsed.value();
        broker_options.controller_ids = controller_ids_;
        world_->add_node(i, "broker-" + std::to_string(i), [broker_options](sim::NodeEnv& env) {
            return std::make_unique<broker::Broker>(env, broker_options);
        });
    }
    world_->add_node(kClient, "client",
                     [](sim::NodeEnv& env) { return std::make_unique<RawClient>(env); });
}

inline const controller::MetadataImage& MiniCluster::controller_image() {
    // The active controller's image; while none is active, any live controller's or
    // broker's image stands in for it.
    if (int32_t active = active_controller(); active >= 0) {
        return world_->process_as<controller::ControllerNode>(active)->controller().image();
    }
    for (int32_t id : controller_ids_) {
        auto* node = world_->process_as<controller::ControllerNode>(id);
        if (node != nullptr) return node->controller().image();
    }
    for (int32_t id : broker_ids_) {
        if (broker::Broker* b = broker(id)) return b->image();
    }
    KS_UNREACHABLE();
}

inline bool MiniCluster::wait_for_brokers(sim::Duration timeout) {
    return run_until(
        [&] {
            for (int32_t id : broker_ids_) {
                broker::Broker* b = broker(id);
                if (b == nullptr || b->state() != broker::BrokerState::Running) return false;
            }
            return true;
        },
        timeout);
}

inline std::shared_ptr<const CreateTopicsResponse> MiniCluster::create_topic(
    const std::string& name, int32_t partitions, int16_t replication_factor,
    std::map<std::string, std::string> configs) {
    auto request = std::make_shared<CreateTopicsRequest>();
    CreatableTopic topic;
    topic.name = name;
    topic.num_partitions = partitions;
    topic.replication_factor = replication_factor;
    topic.configs = std::move(configs);
    request->topics.push_back(topic);
    return call<CreateTopicsResponse>(broker_ids_.front(), request);
}

inline int32_t MiniCluster::leader_of(const TopicPartition& tp) {
    const auto* p = controller_image().partition(tp);
    return p == nullptr ? -1 : p->leader;
}

inline std::vector<int32_t> MiniCluster::isr_of(const TopicPartition& tp) {
    const auto* p = controller_image().partition(tp);
    return p == nullptr ? std::vector<int32_t>{} : p->isr;
}

inline bool MiniCluster::wait_for_leader(const TopicPartition& tp, sim::Duration timeout) {
    return run_until(
        [&] {
            int32_t leader = leader_of(tp);
            if (leader < 0) return false;
            broker::Broker* b = broker(leader);
            if (b == nullptr) return false;
            broker::Partition* p = b->replica_manager().partition(tp);
            return p != nullptr && p->role() == broker::ReplicaRole::Leader;
        },
        timeout);
}

inline std::shared_ptr<const ProduceResponse> MiniCluster::produce(const TopicPartition& tp,
                                                                   const std::string& value,
                                                                   int16_t acks, sim::NodeId to) {
    auto request = std::make_shared<ProduceRequest>();
    request->acks = acks;
    request->timeout_ms = 5000;
    RecordBatch batch;
    Record record;
    record.value = value;
    batch.records.push_back(record);
    request->partitions.push_back({tp, batch});
    return call<ProduceResponse>(to >= 0 ? to : leader_of(tp), request, 10 * kSecond);
}

inline std::vector<std::string> MiniCluster::read_all(const TopicPartition& tp) {
    std::vector<std::string> values;
    Offset offset = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto request = std::make_shared<FetchRequest>();
        request->max_wait_ms = 0;
        FetchPartition fp;
        fp.topic_partition = tp;
        fp.fetch_offset = offset;
        request->partitions.push_back(fp);
        auto response = call<FetchResponse>(leader_of(tp), request, 5 * kSecond);
        if (response == nullptr || response->responses.empty() ||
            response->responses[0].error != Error::NONE) {
            run_for(100 * kMillisecond);
            continue;
        }
        const auto& part = response->responses[0];
        for (const auto& batch : part.records) {
            for (size_t i = 0; i < batch.records.size(); ++i) {
                if (batch.base_offset + static_cast<Offset>(i) < offset) continue;
                values.push_back(batch.records[i].value);
            }
            offset = batch.next_offset();
        }
        if (offset >= part.high_watermark) break;
    }
    return values;
}

}  // namespace kafkasim_test
