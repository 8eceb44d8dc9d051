#pragma once
// A Kafka cluster for group tests, on TestCluster (tests/support): one controller (node
// 3001), brokers 1..n, the raw client as a producer (9001) and consumer applications
// (5001..) that subscribe as members of one group, process what they poll and commit by a
// chosen strategy. Every processed record, assignment and successful commit goes to a
// shared GroupLog the tests check.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/broker/broker.h"
#include "core/client/consumer.h"
#include "core/client/group_member.h"
#include "core/client/network_client.h"
#include "core/common/timer_tags.h"
#include "core/controller/controller_node.h"
#include "core/group/group_coordinator.h"
#include "core/group/offsets_topic.h"
#include "core/protocol/admin.h"
#include "core/protocol/produce.h"
#include "sim/world.h"
#include "tests/support/test_cluster.h"

namespace kafkasim_test {

using namespace core;
using namespace core::protocol;
using sim::kMillisecond;
using sim::kSecond;

constexpr sim::NodeId kController = 3001;
constexpr sim::NodeId kProducerNode = kafkasim::test::kRawClientNode;
constexpr sim::NodeId kFirstConsumer = 5001;

/// What the consumer applications did, in time order.
struct GroupLog {
    struct Ownership {
        sim::Time time = 0;
        sim::NodeId member = 0;
        int32_t generation = -1;
        std::set<TopicPartition> owned;
    };
    struct Commit {
        sim::Time time = 0;
        sim::NodeId member = 0;
        TopicPartition tp;
        Offset offset = 0;
    };
    std::map<std::string, int> processed;  // value -> times processed
    std::vector<Ownership> ownership;
    std::vector<Commit> commits;
    std::vector<std::string> rejected_commits;
};

enum class CommitStrategy { AfterProcessing, BeforeProcessing, Auto };

struct ConsumerAppOptions {
    std::string group = "g";
    std::string topic = "t";
    std::vector<sim::NodeId> bootstrap = {1, 2, 3};
    CommitStrategy strategy = CommitStrategy::AfterProcessing;
    std::vector<std::string> assignors = {"range"};
    sim::Duration session_timeout = 6 * kSecond;
    sim::Duration heartbeat_interval = 1 * kSecond;
    sim::Duration max_poll_interval = 10 * kSecond;
    sim::Duration poll_period = 20 * kMillisecond;
    GroupLog* log = nullptr;
};

/// A consumer application: poll, process, commit; records what it does in the GroupLog.
class ConsumerApp : public sim::Process, public client::ConsumerRebalanceListener {
   public:
    ConsumerApp(sim::NodeEnv& env, ConsumerAppOptions options)
        : env_(env), options_(std::move(options)) {}

    void on_start() override {
        client::ConsumerOptions consumer_options;
        consumer_options.bootstrap_servers = options_.bootstrap;
        consumer_options.auto_offset_reset = client::OffsetResetStrategy::Earliest;
        consumer_options.fetch_max_wait = 100 * kMillisecond;
        consumer_options.request_timeout = 5 * kSecond;
        consumer_ = std::make_unique<client::Consumer>(env_, kConsumerTags, consumer_options);
        client::GroupMemberOptions member_options;
        member_options.group_id = options_.group;
        member_options.client_id = "consumer-" + std::to_string(env_.self());
        member_options.session_timeout = options_.session_timeout;
        member_options.heartbeat_interval = options_.heartbeat_interval;
        member_options.max_poll_interval = options_.max_poll_interval;
        member_options.assignors = options_.assignors;
        member_options.enable_auto_commit = options_.strategy == CommitStrategy::Auto;
        member_options.auto_commit_interval = 500 * kMillisecond;
        member_options.default_api_timeout = 10 * kSecond;
        member_ = std::make_unique<client::GroupMember>(env_, *consumer_, kMemberTags,
                                                        member_options);
        member_->subscribe({options_.topic}, this);
        env_.start_timer(options_.poll_period, kPollTag);
    }
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override {
        member_->on_message(from, message);
    }
    void on_timer(uint64_t tag) override {
        if (tag == kPollTag) {
            poll_once();
            env_.start_timer(options_.poll_period, kPollTag);
            return;
        }
        member_->on_timer(tag);
    }
    void on_disconnected(sim::NodeId peer) override { member_->on_disconnected(peer); }

    void on_partitions_revoked(const std::vector<TopicPartition>&) override { record_owned(); }
    void on_partitions_assigned(const std::vector<TopicPartition>&) override { record_owned(); }
    void on_partitions_lost(const std::vector<TopicPartition>&) override { record_owned(); }

    client::GroupMember& member() { return *member_; }
    bool started() const { return member_ != nullptr; }

   private:
    static constexpr uint64_t kConsumerTags = make_timer_tag(TimerComponent::Client, 0);
    static constexpr uint64_t kMemberTags =
        make_timer_tag(TimerComponent::Client, 0) + client::NetworkClient::kClientTagSpan;
    static constexpr uint64_t kPollTag = make_timer_tag(TimerComponent::Client, 0) +
                                         2 * client::NetworkClient::kClientTagSpan;

    void record_owned() {
        options_.log->ownership.push_back(
            {env_.now(), env_.self(), member_->generation_id(), member_->owned()});
    }
    void process(const std::vector<client::ConsumerRecord>& records) {
        for (const auto& r : records) ++options_.log->processed[r.value];
    }
    static std::map<TopicPartition, Offset> next_offsets(
        const std::vector<client::ConsumerRecord>& records) {
        std::map<TopicPartition, Offset> out;
        for (const auto& r : records) out[{r.topic, r.partition}] = r.offset + 1;
        return out;
    }
    void commit(std::map<TopicPartition, Offset> offsets,
                std::function<void(Error)> then) {
        busy_ = true;
        member_->commit_sync(offsets, [this, offsets, then = std::move(then)](Error error) {
            busy_ = false;
            if (error == Error::NONE) {
                for (const auto& [tp, offset] : offsets) {
                    options_.log->commits.push_back({env_.now(), env_.self(), tp, offset});
                }
            } else {
                options_.log->rejected_commits.push_back(std::string(error_name(error)));
            }
            then(error);
        });
    }
    void poll_once() {
        if (busy_) return;
        std::vector<client::ConsumerRecord> records = member_->poll();
        if (records.empty()) return;
        switch (options_.strategy) {
            case CommitStrategy::Auto: process(records); return;
            case CommitStrategy::AfterProcessing:
                process(records);
                commit(next_offsets(records), [](Error) {});
                return;
            case CommitStrategy::BeforeProcessing:
                commit(next_offsets(records), [this, records](Error error) {
                    if (error == Error::NONE) process(records);
                });
                return;
        }
    }

    sim::NodeEnv& env_;
    ConsumerAppOptions options_;
    std::unique_ptr<client::Consumer> consumer_;
    std::unique_ptr<client::GroupMember> member_;
    bool busy_ = false;
};

/// The raw client's produce side for group tests: acks=all requests, and which values
/// were acknowledged.
class ProducerNode {
   public:
    explicit ProducerNode(kafkasim::test::RawClient& client) : client_(client) {
        client_.on_response = [this](const sim::MessagePtr& message) { on_response(message); };
    }
    void send(sim::NodeId to, const TopicPartition& tp, const std::string& value) {
        auto request = std::make_shared<ProduceRequest>();
        request->acks = kAcksAll;
        request->timeout_ms = 3000;
        RecordBatch batch;
        Record record;
        record.value = value;
        batch.records.push_back(record);
        request->partitions.push_back({tp, batch});
        in_flight_[client_.send(to, std::move(request))] = value;
    }
    int32_t send_request(sim::NodeId to, std::shared_ptr<KafkaMessage> request) {
        return client_.send(to, std::move(request));
    }
    std::set<std::string> acked;
    /// Every response not taken, by correlation id.
    const std::map<int32_t, sim::MessagePtr>& responses() const { return client_.responses(); }

   private:
    void on_response(const sim::MessagePtr& message) {
        const auto* r = dynamic_cast<const ProduceResponse*>(message.get());
        if (r == nullptr) return;
        auto it = in_flight_.find(r->correlation_id);
        if (it == in_flight_.end()) return;
        if (!r->responses.empty() && r->responses[0].error == Error::NONE) {
            acked.insert(it->second);
        }
        in_flight_.erase(it);
    }
    kafkasim::test::RawClient& client_;
    std::map<int32_t, std::string> in_flight_;
};

/// The group tests' view of a TestCluster: one controller (3001), brokers 1..n with fast
/// failure detection, the raw client as a producer (9001), consumer applications (5001..).
class GroupCluster {
   public:
    explicit GroupCluster(uint64_t seed, int brokers = 3,
                          std::map<std::string, std::string> broker_config = {});

    sim::World& world() { return cluster_.world(); }
    void run_for(sim::Duration d) { cluster_.run_for(d); }
    template <typename F>
    bool run_until(F done, sim::Duration timeout) {
        return cluster_.run_until(done, timeout);
    }
    broker::Broker* broker(int32_t id) { return cluster_.broker_process(id); }
    const controller::MetadataImage& controller_image() { return *cluster_.image(); }
    int32_t leader_of(const TopicPartition& tp) { return cluster_.leader_of(tp); }
    /// Creates `topic` and waits for leaders on every partition.
    void create_topic(const std::string& topic, int32_t partitions, int16_t rf);
    sim::NodeId add_consumer(ConsumerAppOptions options);
    /// The running, started consumer application on `id`, or nullptr.
    ConsumerApp* consumer(sim::NodeId id) {
        auto* app = world().process_as<ConsumerApp>(id);
        return app != nullptr && app->started() ? app : nullptr;
    }
    /// The raw client's produce side (recreated when its node restarts).
    ProducerNode& producer();
    /// Produces `count` records spread over the topic's partitions.
    void produce(const std::string& topic, int32_t partitions, int count, const std::string& tag);
    /// The broker currently coordinating `group` (loaded), or -1.
    int32_t coordinator_of(const std::string& group);
    const group::GroupMetadata* group_on_coordinator(const std::string& group);
    GroupLog log;

   private:
    static kafkasim::test::TestClusterOptions cluster_options(
        uint64_t seed, int brokers, std::map<std::string, std::string> broker_config);
    kafkasim::test::TestCluster cluster_;
    std::unique_ptr<ProducerNode> producer_;
    kafkasim::test::RawClient* producer_client_ = nullptr;
    sim::NodeId next_consumer_ = kFirstConsumer;
    int produced_ = 0;
};

inline kafkasim::test::TestClusterOptions GroupCluster::cluster_options(
    uint64_t seed, int brokers, std::map<std::string, std::string> broker_config) {
    kafkasim::test::TestClusterOptions options;
    options.seed = seed;
    options.brokers = brokers;
    broker_config.emplace("group.initial.rebalance.delay.ms", "0");
    broker_config.emplace("broker.heartbeat.interval.ms", "500");
    broker_config.emplace("replica.lag.time.max.ms", "2000");
    options.broker_config = std::move(broker_config);
    options.raw_client = true;
    options.wait_until_ready = false;
    options.jitter = 0;
    options.poll_step = 10 * kMillisecond;
    // Faster failure detection than Kafka's defaults keeps fault sweeps short.
    options.controller_options = [](auto& controller) {
        controller.controller.broker_session_timeout_ns = 3 * kSecond;
    };
    return options;
}

inline GroupCluster::GroupCluster(uint64_t seed, int brokers,
                                  std::map<std::string, std::string> broker_config)
    : cluster_(cluster_options(seed, brokers, std::move(broker_config))) {}

inline ProducerNode& GroupCluster::producer() {
    kafkasim::test::RawClient* client = &cluster_.raw();
    if (producer_ == nullptr || producer_client_ != client) {
        producer_ = std::make_unique<ProducerNode>(*client);
        producer_client_ = client;
    }
    return *producer_;
}

inline void GroupCluster::create_topic(const std::string& topic, int32_t partitions,
                                       int16_t rf) {
    ASSERT_TRUE(cluster_.wait_for_brokers(30 * kSecond));
    auto request = std::make_shared<CreateTopicsRequest>();
    CreatableTopic t;
    t.name = topic;
    t.num_partitions = partitions;
    t.replication_factor = rf;
    request->topics.push_back(t);
    producer().send_request(cluster_.broker_ids().front(), request);
    auto leaders = [&] {
        for (int32_t p = 0; p < partitions; ++p) {
            const int32_t leader = leader_of({topic, p});
            if (leader < 0 || broker(leader) == nullptr) return false;
            auto* part = broker(leader)->replica_manager().partition({topic, p});
            if (part == nullptr || part->role() != broker::ReplicaRole::Leader) return false;
        }
        return true;
    };
    ASSERT_TRUE(run_until(leaders, 30 * kSecond));
}

inline sim::NodeId GroupCluster::add_consumer(ConsumerAppOptions options) {
    options.log = &log;
    const sim::NodeId id = next_consumer_++;
    world().add_node(id, "consumer-" + std::to_string(id), [options](sim::NodeEnv& env) {
        return std::make_unique<ConsumerApp>(env, options);
    });
    return id;
}

inline void GroupCluster::produce(const std::string& topic, int32_t partitions, int count,
                                  const std::string& tag) {
    for (int i = 0; i < count; ++i) {
        const TopicPartition tp{topic, produced_ % partitions};
        const int32_t leader = leader_of(tp);
        if (leader >= 0) producer().send(leader, tp, tag + "-" + std::to_string(produced_));
        ++produced_;
    }
}

inline int32_t GroupCluster::coordinator_of(const std::string& group) {
    for (int32_t id : cluster_.broker_ids()) {
        broker::Broker* b = broker(id);
        if (b != nullptr && b->group_coordinator().is_coordinator_for(group)) return id;
    }
    return -1;
}

inline const group::GroupMetadata* GroupCluster::group_on_coordinator(const std::string& group) {
    const int32_t id = coordinator_of(group);
    return id < 0 ? nullptr : broker(id)->group_coordinator().group(group);
}

}  // namespace kafkasim_test
