#pragma once
// Test support for the replicated controller: a TestCluster (tests/support) with a Raft
// quorum of dedicated controllers (3001..) or combined broker+controller nodes, brokers
// 1..n, its raw client, and a produce load that records every acknowledged acks=all write
// with the broker that acknowledged it and the leader epoch the batch was written in, so
// tests can check that no two brokers ever acknowledge writes for one partition in one
// leader epoch.

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
#include "tests/support/test_cluster.h"

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

    sim::World& world() { return cluster_.world(); }
    kafkasim::test::TestCluster& cluster() { return cluster_; }
    void run_for(sim::Duration d) { cluster_.run_for(d); }
    template <typename F>
    bool run_until(F done, sim::Duration timeout) {
        return cluster_.run_until(done, timeout);
    }

    const std::vector<int32_t>& controller_ids() const { return cluster_.controller_ids(); }
    const std::vector<int32_t>& broker_ids() const { return cluster_.broker_ids(); }
    broker::Broker* broker(int32_t id) { return cluster_.broker_process(id); }
    /// The QuorumController on node `id` (dedicated or combined), nullptr when crashed or
    /// paused.
    QuorumController* controller(int32_t id) { return cluster_.controller(id); }
    MetadataLog* metadata_log(int32_t id);
    /// The node whose controller is active, -1 when none (or more than one: a bug).
    int32_t active_controller() { return cluster_.active_controller(); }

    /// Every broker running, one active controller, every live controller and broker at
    /// the active controller's committed end, and every partition's leader leading.
    bool converged();
    bool wait_for_brokers(sim::Duration timeout = 30 * kSecond);
    /// Creates `name` through broker 1's forwarding; true on success.
    bool create_topic(const std::string& name, int32_t partitions, int16_t replication_factor,
                      std::map<std::string, std::string> configs = {});
    const MetadataImage* image() { return cluster_.image(); }
    int32_t leader_of(const TopicPartition& tp) { return cluster_.leader_of(tp); }

    /// Starts the produce load over `partitions`; acks accumulate in acks().
    void start_load(std::vector<TopicPartition> partitions);
    ProduceLoad* load() { return world().process_as<ProduceLoad>(kQuorumLoad); }
    const std::vector<ProduceAck>& acks() const { return acks_; }
    /// (partition, leader epoch) pairs acknowledged by more than one broker, as text.
    std::vector<std::string> split_brain_acks() const;
    int32_t epoch_in_log(int32_t broker, const TopicPartition& tp, int64_t offset);
    /// Acknowledged writes not found at their offset below the high watermark of the
    /// partition's current leader, as text. REQUIRES: converged().
    std::vector<std::string> lost_acks();

 private:
    static kafkasim::test::TestClusterOptions cluster_options(const QuorumClusterOptions& o);
    kafkasim::test::TestCluster cluster_;
    std::vector<ProduceAck> acks_;
};

inline kafkasim::test::TestClusterOptions QuorumCluster::cluster_options(
    const QuorumClusterOptions& o) {
    kafkasim::test::TestClusterOptions options;
    options.seed = o.seed;
    options.brokers = o.brokers;
    options.controllers = o.controllers;
    options.combined = o.combined;
    options.broker_config = o.broker_config;
    options.raw_client = true;
    options.wait_until_ready = false;
    options.jitter = 0;
    options.poll_step = 10 * kMillisecond;
    options.controller_options = [threshold = o.snapshot_threshold_entries](auto& controller) {
        controller.raft.snapshot_threshold_entries = threshold;
    };
    return options;
}

inline QuorumCluster::QuorumCluster(QuorumClusterOptions options)
    : cluster_(cluster_options(options)) {}

inline MetadataLog* QuorumCluster::metadata_log(int32_t id) {
    if (auto* node = world().process_as<ControllerNode>(id)) return &node->metadata_log();
    return nullptr;
}

inline bool QuorumCluster::converged() {
    const int32_t active = active_controller();
    if (active < 0) return false;
    const MetadataImage& leader_image = controller(active)->image();
    const int64_t end = leader_image.last_applied_offset();
    for (int32_t id : controller_ids()) {
        QuorumController* c = controller(id);
        if (c == nullptr || c->image().last_applied_offset() != end) return false;
    }
    for (int32_t id : broker_ids()) {
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
            for (int32_t id : broker_ids()) {
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
        auto* client = &cluster_.raw();
        const int32_t id = client->send(broker_ids().front(), request);
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
    options.brokers = broker_ids();
    options.on_ack = [this](const ProduceAck& ack) { acks_.push_back(ack); };
    options.epoch_of = [this](int32_t b, const TopicPartition& tp, int64_t offset) {
        return epoch_in_log(b, tp, offset);
    };
    world().add_node(kQuorumLoad, "load", [options](sim::NodeEnv& env) {
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
