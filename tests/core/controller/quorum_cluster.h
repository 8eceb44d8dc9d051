#pragma once
// Test support for the replicated controller: a sim::World with a Raft quorum of dedicated
// controllers (3001..) or combined broker+controller nodes, brokers 1..n, and a produce load
// that records every acknowledged acks=all write with the broker that acknowledged it and the
// leader epoch the batch was written in, so tests can check that no two brokers ever
// acknowledge writes for one partition in one leader epoch.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/broker/broker.h"
#include "core/broker/partition.h"
#include "core/config/broker_config.h"
#include "core/controller/controller_node.h"
#include "core/controller/metadata_log.h"
#include "core/log/partition_log.h"
#include "core/protocol/admin.h"
#include "core/protocol/metadata.h"
#include "core/protocol/produce.h"
#include "sim/world.h"
#include "tests/core/controller/quorum_load.h"

namespace core::controller::testing {

struct QuorumClusterOptions {
    uint64_t seed = 1;
    int controllers = 3;
    int brokers = 3;
    /// Combined mode: brokers 1..`controllers` also host the controller quorum.
    bool combined = false;
    /// Raft snapshot threshold (entries): small values exercise snapshot install.
    int64_t snapshot_threshold_entries = 1000;
    std::map<std::string, std::string> broker_config;
};

class QuorumCluster {
 public:
    explicit QuorumCluster(QuorumClusterOptions options = {});

    sim::World& world() { return *world_; }
    void run_for(sim::Duration d) { world_->run_for(d); }
    template <typename F>
    bool run_until(F done, sim::Duration timeout) {
        const sim::Time end = world_->now() + timeout;
        while (world_->now() < end) {
            if (done()) return true;
            world_->run_for(10 * kMillisecond);
        }
        return done();
    }

    const std::vector<int32_t>& controller_ids() const { return controller_ids_; }
    const std::vector<int32_t>& broker_ids() const { return broker_ids_; }
    broker::Broker* broker(int32_t id) { return world_->process_as<broker::Broker>(id); }
    /// The QuorumController on node `id` (dedicated or combined), nullptr when crashed or
    /// paused.
    QuorumController* controller(int32_t id);
    MetadataLog* metadata_log(int32_t id);
    /// The node whose controller is active, -1 when none (or more than one: a bug).
    int32_t active_controller();

    /// Every broker running, one active controller, every live controller and broker at
    /// the active controller's committed end, and every partition's leader leading.
    bool converged();
    bool wait_for_brokers(sim::Duration timeout = 30 * kSecond);
    /// Creates `name` through broker 1's forwarding; true on success.
    bool create_topic(const std::string& name, int32_t partitions, int16_t replication_factor,
                      std::map<std::string, std::string> configs = {});
    const MetadataImage* image();
    int32_t leader_of(const TopicPartition& tp);

    /// Starts the produce load over `partitions`; acks accumulate in acks().
    void start_load(std::vector<TopicPartition> partitions);
    ProduceLoad* load() { return world_->process_as<ProduceLoad>(kQuorumLoad); }
    const std::vector<ProduceAck>& acks() const { return acks_; }
    /// (partition, leader epoch) pairs acknowledged by more than one broker, as text.
    std::vector<std::string> split_brain_acks() const;
    int32_t epoch_in_log(int32_t broker, const TopicPartition& tp, int64_t offset);
    /// Acknowledged writes not found at their offset below the high watermark of the
    /// partition's current leader, as text. REQUIRES: converged().
    std::vector<std::string> lost_acks();

 private:
    std::unique_ptr<sim::World> world_;
    QuorumClusterOptions options_;
    std::vector<int32_t> controller_ids_;
    std::vector<int32_t> broker_ids_;
    std::vector<ProduceAck> acks_;
};

inline QuorumCluster::QuorumCluster(QuorumClusterOptions options) : options_(std::move(options)) {
    sim::WorldOptions world_options;
    world_options.seed = options_.seed;
    world_ = std::make_unique<sim::World>(world_options);
    for (int i = 1; i <= options_.brokers; ++i) broker_ids_.push_back(i);
    for (int i = 1; i <= options_.controllers; ++i) {
        controller_ids_.push_back(options_.combined ? i : controller_node_id(i));
    }
    ControllerNodeOptions controller_options;
    controller_options.voters = controller_ids_;
    controller_options.raft.snapshot_threshold_entries = options_.snapshot_threshold_entries;
    if (!options_.combined) {
        for (int32_t id : controller_ids_) {
            world_->add_node(id, "controller-" + std::to_string(id),
                             [controller_options](sim::NodeEnv& env) {
                                 return std::make_unique<ControllerNode>(env, controller_options);
                             });
        }
    }
    auto parsed = config::parse_broker_config(options_.broker_config);
    KS_ASSERT(parsed.ok());
    for (int32_t id : broker_ids_) {
        broker::BrokerOptions broker_options;
        broker_options.config = parsed.value();
        broker_options.controller_ids = controller_ids_;
        if (options_.combined && id <= options_.controllers) {
            broker_options.combined_controller = controller_options;
        }
        world_->add_node(id, "broker-" + std::to_string(id), [broker_options](sim::NodeEnv& env) {
            return std::make_unique<broker::Broker>(env, broker_options);
        });
    }
    world_->add_node(kQuorumClient, "client",
                     [](sim::NodeEnv& env) { return std::make_unique<RawClient>(env); });
}

inline QuorumController* QuorumCluster::controller(int32_t id) {
    // A paused node keeps its memory but does nothing: it is not anyone's controller.
    if (world_->node_state(id) != sim::NodeState::Running) return nullptr;
    if (auto* node = world_->process_as<ControllerNode>(id)) return &node->controller();
    if (auto* b = world_->process_as<broker::Broker>(id)) return b->controller();
    return nullptr;
}

inline MetadataLog* QuorumCluster::metadata_log(int32_t id) {
    if (auto* node = world_->process_as<ControllerNode>(id)) return &node->metadata_log();
    return nullptr;
}

inline int32_t QuorumCluster::active_controller() {
    int32_t active = -1;
    for (int32_t id : controller_ids_) {
        QuorumController* c = controller(id);
        if (c == nullptr || !c->is_active()) continue;
        if (active >= 0) return -1;
        active = id;
    }
    return active;
}

inline const MetadataImage* QuorumCluster::image() {
    const int32_t active = active_controller();
    if (active >= 0) return &controller(active)->image();
    for (int32_t id : controller_ids_) {
        if (QuorumController* c = controller(id)) return &c->image();
    }
    return nullptr;
}

inline int32_t QuorumCluster::leader_of(const TopicPartition& tp) {
    const MetadataImage* i = image();
    const PartitionRegistration* p = i == nullptr ? nullptr : i->partition(tp);
    return p == nullptr ? protocol::kNoLeader : p->leader;
}

inline bool QuorumCluster::converged() {
    const int32_t active = active_controller();
    if (active < 0) return false;
    const MetadataImage& leader_image = controller(active)->image();
    const int64_t end = leader_image.last_applied_offset();
    for (int32_t id : controller_ids_) {
        QuorumController* c = controller(id);
        if (c == nullptr || c->image().last_applied_offset() != end) return false;
    }
    for (int32_t id : broker_ids_) {
        broker::Broker* b = broker(id);
        if (b == nullptr || b->state() != broker::BrokerState::Running) return false;
        if (b->metadata_offset() != end) return false;
    }
    for (const auto& [topic_id, topic] : leader_image.topics()) {
        for (const auto& [index, reg] : topic.partitions) {
            if (reg.leader < 0) return false;
            broker::Partition* p = broker(reg.leader)->replica_manager().partition(
                {topic.name, index});
            if (p == nullptr || p->role() != broker::ReplicaRole::Leader ||
                p->leader_epoch() != reg.leader_epoch) {
                return false;
            }
        }
    }
    return true;
}

inline bool QuorumCluster::wait_for_brokers(sim::Duration timeout) {
    return run_until(
        [&] {
            if (active_controller() < 0) return false;
            for (int32_t id : broker_ids_) {
                broker::Broker* b = broker(id);
                if (b == nullptr || b->state() != broker::BrokerState::Running) return false;
            }
            return true;
        },
        timeout);
}

inline bool QuorumCluster::create_topic(const std::string& name, int32_t partitions,
                                        int16_t replication_factor,
                                        std::map<std::string, std::string> configs) {
    for (int attempt = 0; attempt < 10; ++attempt) {
        auto request = std::make_shared<protocol::CreateTopicsRequest>();
        protocol::CreatableTopic topic;
        topic.name = name;
        topic.num_partitions = partitions;
        topic.replication_factor = replication_factor;
        topic.configs = configs;
        request->topics.push_back(topic);
        auto* client = world_->process_as<RawClient>(kQuorumClient);
        const int32_t id = client->send(broker_ids_.front(), request);
        sim::MessagePtr response;
        run_until([&] { return (response = client->take(id)) != nullptr; }, 35 * kSecond);
        auto created = std::dynamic_pointer_cast<const protocol::CreateTopicsResponse>(response);
        if (created != nullptr && created->topics.size() == 1) {
            const protocol::Error error = created->topics[0].error;
            if (error == protocol::Error::NONE) return true;
            if (error == protocol::Error::TOPIC_ALREADY_EXISTS) return true;
        }
        run_for(500 * kMillisecond);
    }
    return false;
}

inline int32_t QuorumCluster::epoch_in_log(int32_t broker_id, const TopicPartition& tp,
                                           int64_t offset) {
    broker::Broker* b = broker(broker_id);
    if (b == nullptr) return -1;
    broker::Partition* p = b->replica_manager().partition(tp);
    if (p == nullptr) return -1;
    log::ReadResult read = p->log().read(offset, offset + 1, 1 << 20);
    for (const auto& batch : read.batches) {
        if (batch.base_offset <= offset && offset < batch.next_offset()) {
            return batch.partition_leader_epoch;
        }
    }
    return -1;
}

inline void QuorumCluster::start_load(std::vector<TopicPartition> partitions) {
    ProduceLoad::Options options;
    options.partitions = std::move(partitions);
    options.brokers = broker_ids_;
    options.on_ack = [this](const ProduceAck& ack) { acks_.push_back(ack); };
    options.epoch_of = [this](int32_t b, const TopicPartition& tp, int64_t offset) {
        return epoch_in_log(b, tp, offset);
    };
    world_->add_node(kQuorumLoad, "load", [options](sim::NodeEnv& env) {
        return std::make_unique<ProduceLoad>(env, options);
    });
}

inline std::vector<std::string> QuorumCluster::split_brain_acks() const {
    std::map<std::pair<TopicPartition, int32_t>, std::set<int32_t>> ackers;
    for (const ProduceAck& ack : acks_) {
        // An epoch of -1: the acking broker lost the batch before the ack arrived (it
        // crashed, or truncated it: a lost write the end-of-run read catches instead).
        if (ack.leader_epoch >= 0) ackers[{ack.tp, ack.leader_epoch}].insert(ack.broker);
    }
    std::vector<std::string> out;
    for (const auto& [key, brokers] : ackers) {
        if (brokers.size() < 2) continue;
        std::string line = key.first.topic + "-" + std::to_string(key.first.partition) +
                           " epoch " + std::to_string(key.second) + " acked by";
        for (int32_t b : brokers) line += " " + std::to_string(b);
        out.push_back(line);
    }
    return out;
}

inline std::vector<std::string> QuorumCluster::lost_acks() {
    std::map<TopicPartition, std::map<int64_t, std::string>> logs;
    std::vector<std::string> out;
    for (const ProduceAck& ack : acks_) {
        if (logs.count(ack.tp) == 0) {
            auto& values = logs[ack.tp];
            broker::Partition* p = broker(leader_of(ack.tp))->replica_manager().partition(ack.tp);
            log::ReadResult read = p->log().read(0, p->high_watermark(), 1 << 30);
            for (const auto& batch : read.batches) {
                for (size_t i = 0; i < batch.records.size(); ++i) {
                    values[batch.base_offset + static_cast<int64_t>(i)] = batch.records[i].value;
                }
            }
        }
        const auto& values = logs[ack.tp];
        auto it = values.find(ack.offset);
        if (it == values.end() || it->second != ack.value) {
            out.push_back(ack.tp.topic + "-" + std::to_string(ack.tp.partition) + " offset " +
                          std::to_string(ack.offset) + " " + ack.value + " acked by " +
                          std::to_string(ack.broker) + " in epoch " +
                          std::to_string(ack.leader_epoch));
        }
    }
    return out;
}

}  // namespace core::controller::testing
