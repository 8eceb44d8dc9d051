#include "tests/support/test_cluster.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/broker/broker.h"
#include "core/config/broker_config.h"
#include "core/config/client_config.h"
#include "core/controller/controller_node.h"
#include "sim/world.h"
#include "tests/support/client_hosts.h"

namespace kafkasim::test {

using core::protocol::Error;

namespace {
/// The consumer host's own poll timer, beyond its client's tag span.
constexpr uint64_t kPollTag = core::client::NetworkClient::kClientTagSpan;
constexpr sim::Duration kPollInterval = 5 * sim::kMillisecond;
}  // namespace

ConsumerHost::ConsumerHost(sim::NodeEnv& env, core::client::ConsumerOptions options,
                           std::vector<core::TopicPartition> assignment, TestCluster& cluster,
                           ConsumerHandle& handle)
    : env_(env),
      consumer_(env, 0, std::move(options)),
      assignment_(std::move(assignment)),
      cluster_(cluster),
      handle_(handle) {}

void ConsumerHost::on_start() {
    consumer_.assign(assignment_);
    consumer_.set_on_records([this] { poll(); });
    env_.start_timer(kPollInterval, kPollTag);
}

void ConsumerHost::on_timer(uint64_t tag) {
    if (tag != kPollTag) {
        consumer_.on_timer(tag);
        return;
    }
    poll();
    env_.start_timer(kPollInterval, kPollTag);
}

void ConsumerHost::poll() {
    for (auto& record : consumer_.poll()) {
        HistoryOp op;
        op.time_ns = env_.now();
        op.process = handle_.name_;
        op.type = "ok";
        op.f = "poll";
        op.topic = record.topic;
        op.partition = record.partition;
        op.has_key = record.has_key;
        op.key = record.key;
        op.value = record.value;
        op.offset = record.offset;
        cluster_.history().add(std::move(op));
        handle_.records_.push_back(std::move(record));
    }
    for (auto& error : consumer_.take_errors()) handle_.errors_.push_back(std::move(error));
}

TestCluster::TestCluster(TestClusterOptions options) : options_(std::move(options)) {
    sim::WorldOptions world_options;
    world_options.seed = options_.seed;
    world_options.keep_trace_events = options_.keep_trace;
    world_options.network.one_way_latency_ns_mean = options_.latency;
    world_options.network.jitter_ns = options_.jitter;
    world_ = std::make_unique<sim::World>(world_options);
    broker_ids_ = options_.broker_ids;
    if (broker_ids_.empty()) {
        for (int i = 1; i <= options_.brokers; ++i) broker_ids_.push_back(i);
    }
    KS_ASSERT(!broker_ids_.empty());
    KS_ASSERT(options_.controllers >= 1);
    KS_ASSERT(!options_.combined || options_.controllers <= static_cast<int>(broker_ids_.size()));
    add_controllers();
    add_brokers();
    if (options_.raw_client) {
        world_->add_node(next_client_node_++, "client",
                         [](sim::NodeEnv& env) { return std::make_unique<RawClient>(env); });
    }
    if (options_.wait_until_ready) {
        EXPECT_TRUE(wait_for_brokers(60 * sim::kSecond)) << "brokers never came up";
    }
}

TestCluster::~TestCluster() = default;

void TestCluster::add_controllers() {
    auto parsed = core::config::parse_broker_config(options_.broker_config);
    if (!parsed.ok()) ADD_FAILURE() << parsed.error().message();
    KS_ASSERT(parsed.ok());
    for (int i = 1; i <= options_.controllers; ++i) {
        controller_ids_.push_back(options_.combined ? broker_ids_[i - 1]
                                                    : core::controller::controller_node_id(i));
    }
    controller_options_ = core::controller::controller_node_options(parsed.value());
    // One voter runs a LocalMetadataLog; more a RaftMetadataLog over them.
    controller_options_.voters = controller_ids_;
    if (options_.controller_options) options_.controller_options(controller_options_);
    if (options_.combined) return;
    for (int32_t id : controller_ids_) {
        const std::string name = "controller-" + std::to_string(id);
        world_->add_node(id, name, [node_options = controller_options_](sim::NodeEnv& env) {
            return std::make_unique<core::controller::ControllerNode>(env, node_options);
        });
    }
}

void TestCluster::add_brokers() {
    auto parsed = core::config::parse_broker_config(options_.broker_config);
    KS_ASSERT(parsed.ok());
    for (int32_t id : broker_ids_) {
        core::broker::BrokerOptions broker_options;
        broker_options.config = parsed.value();
        broker_options.controller_ids = controller_ids_;
        if (options_.combined && std::find(controller_ids_.begin(), controller_ids_.end(), id) !=
                                     controller_ids_.end()) {
            broker_options.combined_controller = controller_options_;
        }
        world_->add_node(id, "broker-" + std::to_string(id), [broker_options](sim::NodeEnv& env) {
            return std::make_unique<core::broker::Broker>(env, broker_options);
        });
    }
}

bool TestCluster::wait_for_brokers(sim::Duration timeout) {
    return run_until(
        [&] {
            for (int32_t id : broker_ids_) {
                auto* b = world_->process_as<core::broker::Broker>(id);
                if (b == nullptr || b->state() != core::broker::BrokerState::Running) return false;
            }
            return true;
        },
        timeout);
}

sim::Time TestCluster::now() const { return world_->now(); }

void TestCluster::run_for(sim::Duration duration) { world_->run_for(duration); }

bool TestCluster::run_until(const std::function<bool()>& done, sim::Duration timeout) {
    const sim::Time end = world_->now() + timeout;
    while (!done()) {
        if (world_->now() >= end) return false;
        world_->run_for(options_.poll_step);
    }
    return true;
}

BrokerHandle TestCluster::broker(int32_t id) { return BrokerHandle(this, id); }

bool BrokerHandle::crash() { return cluster_->world_->crash(id_); }
bool BrokerHandle::restart() { return cluster_->world_->restart(id_); }
bool BrokerHandle::power_loss() { return cluster_->world_->power_loss(id_); }
bool BrokerHandle::pause() { return cluster_->world_->pause(id_); }
bool BrokerHandle::resume() { return cluster_->world_->resume(id_); }
bool BrokerHandle::is_up() const { return cluster_->world_->process(id_) != nullptr; }

void TestCluster::isolate(sim::NodeId node) {
    for (sim::NodeId other : world_->node_ids()) {
        if (other != node) world_->network().cut(node, other);
    }
}

void TestCluster::partition(sim::NodeId a, sim::NodeId b) { world_->network().cut(a, b); }

void TestCluster::heal() { world_->network().heal_all(); }

core::broker::Broker* TestCluster::broker_process(int32_t id) {
    return world_->process_as<core::broker::Broker>(id);
}

core::controller::QuorumController* TestCluster::controller(int32_t id) {
    if (!world_->has_node(id) || world_->node_state(id) != sim::NodeState::Running) {
        return nullptr;
    }
    if (auto* node = world_->process_as<core::controller::ControllerNode>(id)) {
        return &node->controller();
    }
    if (auto* b = broker_process(id)) return b->controller();
    return nullptr;
}

int32_t TestCluster::active_controller() {
    int32_t active = -1;
    for (int32_t id : controller_ids_) {
        core::controller::QuorumController* c = controller(id);
        if (c == nullptr || !c->is_active()) continue;
        if (active >= 0) return -1;
        active = id;
    }
    return active;
}

const core::controller::MetadataImage* TestCluster::image() {
    if (const int32_t active = active_controller(); active >= 0) {
        return &controller(active)->image();
    }
    for (int32_t id : controller_ids_) {
        if (auto* c = controller(id)) return &c->image();
    }
    for (int32_t id : broker_ids_) {
        if (auto* b = broker_process(id)) return &b->image();
    }
    return nullptr;
}

RawClient& TestCluster::raw() {
    KS_ASSERT(options_.raw_client);
    auto* client = world_->process_as<RawClient>(kRawClientNode);
    KS_ASSERT(client != nullptr);
    return *client;
}

void TestCluster::report_call(int32_t id, const sim::MessagePtr& response, bool expected_type) {
    if (response == nullptr) {
        ADD_FAILURE() << "no response to correlation " << id;
    } else if (!expected_type) {
        ADD_FAILURE() << "unexpected " << response->name();
    }
}

int32_t TestCluster::leader_of(const std::string& topic, int32_t partition) {
    const auto* i = image();
    const auto* p = i == nullptr ? nullptr : i->partition({topic, partition});
    return p == nullptr ? -1 : p->leader;
}

std::vector<int32_t> TestCluster::isr_of(const std::string& topic, int32_t partition) {
    const auto* i = image();
    const auto* p = i == nullptr ? nullptr : i->partition({topic, partition});
    return p == nullptr ? std::vector<int32_t>{} : p->isr;
}

int32_t TestCluster::partition_count(const std::string& topic) {
    const auto* i = image();
    const auto* t = i == nullptr ? nullptr : i->topic(topic);
    return t == nullptr ? -1 : static_cast<int32_t>(t->partitions.size());
}

bool TestCluster::wait_for_leader(const std::string& topic, int32_t partition,
                                  sim::Duration timeout) {
    return run_until(
        [&] {
            const int32_t leader = leader_of(topic, partition);
            auto* b = leader < 0 ? nullptr : world_->process_as<core::broker::Broker>(leader);
            if (b == nullptr) return false;
            auto* p = b->replica_manager().partition({topic, partition});
            return p != nullptr && p->role() == core::broker::ReplicaRole::Leader;
        },
        timeout);
}

core::client::TopicResult TestCluster::create_topic(const std::string& name, int32_t partitions,
                                                    int16_t replication_factor,
                                                    std::map<std::string, std::string> configs) {
    auto result = admin().create_topic(name, partitions, replication_factor, std::move(configs));
    if (!result.ok()) {
        ADD_FAILURE() << "create_topic " << name << ": " << result.exception_name << ": "
                      << result.message;
        return result;
    }
    for (int32_t p = 0; p < partitions; ++p) {
        EXPECT_TRUE(wait_for_leader(name, p)) << name << "-" << p << " never got a leader";
    }
    return result;
}

}  // namespace kafkasim::test
