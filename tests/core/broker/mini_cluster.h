#pragma once
// The broker and controller tests' cluster: a TestCluster (tests/support) with one
// dedicated controller (node 3001) or a Raft quorum (3001..), brokers 1..n, and its raw
// client (node 9001) that sends protocol requests and waits for their responses. Enough
// to test the broker and controller without the client library.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/broker/broker.h"
#include "core/controller/controller_node.h"
#include "core/protocol/admin.h"
#include "core/protocol/fetch.h"
#include "core/protocol/metadata.h"
#include "core/protocol/produce.h"
#include "sim/world.h"
#include "tests/support/test_cluster.h"

namespace kafkasim_test {

using namespace core;
using namespace core::protocol;
using sim::kMillisecond;
using sim::kSecond;

constexpr sim::NodeId kController = 3001;
constexpr sim::NodeId kClient = kafkasim::test::kRawClientNode;

using kafkasim::test::RawClient;

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

/// The broker tests' view of a TestCluster: requests through its raw client, with replies
/// waited for, and reads of a whole partition.
class MiniCluster {
 public:
    explicit MiniCluster(MiniClusterOptions options = {});

    sim::World& world() { return cluster_.world(); }
    kafkasim::test::TestCluster& cluster() { return cluster_; }
    void run_for(sim::Duration d) { cluster_.run_for(d); }
    /// Runs until `done()` or `timeout` passes; returns done().
    template <typename F>
    bool run_until(F done, sim::Duration timeout = 30 * kSecond) {
        return cluster_.run_until(done, timeout);
    }

    /// Sends `request` from the client to `to` and waits for the response (nullptr if none).
    template <typename Response>
    std::shared_ptr<const Response> call(sim::NodeId to, std::shared_ptr<KafkaMessage> request,
                                         sim::Duration timeout = 35 * kSecond) {
        return cluster_.call<Response>(to, std::move(request), timeout);
    }

    void dump_trace(size_t last = 200);
    RawClient& client() { return cluster_.raw(); }
    broker::Broker* broker(int32_t id) { return cluster_.broker_process(id); }
    const controller::MetadataImage& controller_image();
    std::vector<int32_t> broker_ids() const { return cluster_.broker_ids(); }
    std::vector<int32_t> controller_ids() const { return cluster_.controller_ids(); }
    /// The active controller's node id, or -1.
    int32_t active_controller() { return cluster_.active_controller(); }

    /// All brokers registered, unfenced and caught up with the controller.
    bool wait_for_brokers(sim::Duration timeout = 30 * kSecond) {
        return cluster_.wait_for_brokers(timeout);
    }
    std::shared_ptr<const CreateTopicsResponse> create_topic(
        const std::string& name, int32_t partitions, int16_t replication_factor,
        std::map<std::string, std::string> configs = {});
    /// Waits until every broker's image shows `tp` with a leader that knows it leads.
    bool wait_for_leader(const TopicPartition& tp, sim::Duration timeout = 30 * kSecond) {
        return cluster_.wait_for_leader(tp.topic, tp.partition, timeout);
    }
    int32_t leader_of(const TopicPartition& tp) { return cluster_.leader_of(tp); }
    std::vector<int32_t> isr_of(const TopicPartition& tp) { return cluster_.isr_of(tp); }

    std::shared_ptr<const ProduceResponse> produce(const TopicPartition& tp,
                                                   const std::string& value, int16_t acks,
                                                   sim::NodeId to = -1);
    /// Every record readable below the high watermark, read from the current leader.
    std::vector<std::string> read_all(const TopicPartition& tp);

 private:
    static kafkasim::test::TestClusterOptions cluster_options(const MiniClusterOptions& o);
    kafkasim::test::TestCluster cluster_;
};

inline kafkasim::test::TestClusterOptions MiniCluster::cluster_options(
    const MiniClusterOptions& o) {
    kafkasim::test::TestClusterOptions options;
    options.seed = o.seed;
    options.brokers = o.brokers;
    options.broker_config = o.broker_config;
    options.controllers = o.controllers;
    options.keep_trace = o.keep_trace;
    options.raw_client = true;
    options.wait_until_ready = false;
    options.jitter = 0;
    options.poll_step = 10 * kMillisecond;
    options.controller_options = [unclean = o.unclean_leader_election_enable,
                                  deletes = o.delete_topic_enable](auto& controller) {
        controller.controller.unclean_leader_election_enable = unclean;
        controller.controller.delete_topic_enable = deletes;
    };
    return options;
}

inline MiniCluster::MiniCluster(MiniClusterOptions options) : cluster_(cluster_options(options)) {}

inline void MiniCluster::dump_trace(size_t last) {
    const auto& events = world().trace().events();
    for (size_t i = events.size() > last ? events.size() - last : 0; i < events.size(); ++i) {
        const auto& e = events[i];
        printf("%lld %d->%d %d %s\n", static_cast<long long>(e.time), e.node, e.peer,
               static_cast<int>(e.kind), e.name.c_str());
    }
}

inline const controller::MetadataImage& MiniCluster::controller_image() {
    const controller::MetadataImage* image = cluster_.image();
    KS_ASSERT(image != nullptr);
    return *image;
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
    return call<CreateTopicsResponse>(broker_ids().front(), request);
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
