#include "harness/run/cluster.h"

#include "core/broker/broker.h"
#include "core/broker/partition.h"
#include "core/broker/replica_manager.h"
#include "core/config/broker_config.h"
#include "core/controller/controller_node.h"
#include "core/controller/quorum_controller.h"
#include "core/group/offsets_topic.h"

namespace harness {
namespace {

core::config::BrokerConfig broker_config(const Scenario& scenario) {
    auto parsed = core::config::parse_broker_config(scenario.cluster.config);
    KS_ASSERT(parsed.ok());  // validated when the scenario was loaded
    return parsed.value();
}

/// Splits "a,b" into its two trimmed parts; the second is empty when there is no comma.
std::pair<std::string, std::string> split_args(std::string_view args) {
    const size_t comma = args.find(',');
    auto trim = [](std::string_view s) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
        return std::string(s);
    };
    if (comma == std::string_view::npos) return {trim(args), ""};
    return {trim(args.substr(0, comma)), trim(args.substr(comma + 1))};
}

int32_t to_int(const std::string& text) {
    int32_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    return text.empty() ? -1 : value;
}

}  // namespace

RunCluster::RunCluster(const Scenario& scenario, uint64_t seed, bool keep_trace,
                       std::map<int32_t, core::protocol::AdvertisedListener> listeners) {
    sim::WorldOptions options;
    options.seed = seed;
    options.keep_trace_events = keep_trace;
    options.network.one_way_latency_ns_mean = scenario.cluster.network.latency;
    options.network.jitter_ns = scenario.cluster.network.jitter;
    options.disk.fsync_latency_ns = scenario.cluster.disk.fsync_latency;
    world_ = std::make_unique<sim::World>(options);
    brokers_ = scenario.cluster.broker_ids;
    add_controllers(scenario);
    add_brokers(scenario, listeners);
}

void RunCluster::add_controllers(const Scenario& scenario) {
    auto options = core::controller::controller_node_options(broker_config(scenario));
    // Combined mode (controllers = 0, Kafka's process.roles=broker,controller): the first
    // broker hosts the only controller. Otherwise dedicated KRaft voters 3001..300N; more
    // than one replicate the metadata log with Raft.
    if (scenario.cluster.controllers == 0) {
        combined_ = true;
        controllers_ = {brokers_.front()};
        return;
    }
    for (int32_t i = 1; i <= scenario.cluster.controllers; ++i) {
        controllers_.push_back(core::controller::controller_node_id(i));
    }
    options.voters = controllers_;  // more than one: the metadata log is Raft's
    for (size_t i = 0; i < controllers_.size(); ++i) {
        world_->add_node(controllers_[i], "controller-" + std::to_string(i + 1),
                         [options](sim::NodeEnv& env) {
                             using core::controller::ControllerNode;
                             return std::make_unique<ControllerNode>(env, options);
                         });
    }
}

void RunCluster::add_brokers(
    const Scenario& scenario,
    const std::map<int32_t, core::protocol::AdvertisedListener>& listeners) {
    const core::config::BrokerConfig config = broker_config(scenario);
    for (int32_t id : brokers_) {
        core::broker::BrokerOptions options;
        options.config = config;
        options.controller_ids = controllers_;
        options.advertised_listeners = listeners;
        if (combined_ && id == brokers_.front()) {
            options.combined_controller = core::controller::controller_node_options(config);
        }
        world_->add_node(id, "broker-" + std::to_string(id), [options](sim::NodeEnv& env) {
            return std::make_unique<core::broker::Broker>(env, options);
        });
    }
}

bool RunCluster::wait_for_brokers(sim::Duration timeout) {
    const sim::Time end = world_->now() + timeout;
    while (world_->now() < end) {
        bool all = true;
        for (int32_t id : brokers_) {
            auto* broker = world_->process_as<core::broker::Broker>(id);
            if (broker == nullptr || broker->state() != core::broker::BrokerState::Running) {
                all = false;
            }
        }
        if (all) return true;
        world_->run_for(10 * sim::kMillisecond);
    }
    return false;
}

const core::controller::MetadataImage* RunCluster::freshest_image() {
    const core::broker::Broker* freshest = nullptr;
    for (int32_t id : brokers_) {
        auto* broker = world_->process_as<core::broker::Broker>(id);
        if (broker == nullptr) continue;
        if (freshest == nullptr || broker->metadata_offset() > freshest->metadata_offset()) {
            freshest = broker;
        }
    }
    return freshest == nullptr ? nullptr : &freshest->image();
}

int32_t RunCluster::leader_of(const std::string& topic, int32_t partition) {
    const auto* image = freshest_image();
    if (image == nullptr) return -1;
    const auto* registration = image->partition({topic, partition});
    return registration == nullptr ? -1 : registration->leader;
}

int32_t RunCluster::coordinator_of(const std::string& group) {
    // Kafka's rule: the leader of __consumer_offsets partition abs(hash(group)) % count.
    const auto* image = freshest_image();
    const std::string offsets_topic(core::group::kOffsetsTopic);
    const auto* topic = image == nullptr ? nullptr : image->topic(offsets_topic);
    if (topic == nullptr || topic->partitions.empty()) return -1;
    const int32_t count = static_cast<int32_t>(topic->partitions.size());
    return leader_of(offsets_topic, core::group::partition_for(group, count));
}

bool RunCluster::wait_for_leaders(const std::vector<TopicSpec>& topics, sim::Duration timeout) {
    const sim::Time end = world_->now() + timeout;
    auto ready = [&] {
        for (const TopicSpec& topic : topics) {
            for (int32_t p = 0; p < topic.partitions; ++p) {
                const int32_t leader = leader_of(topic.name, p);
                auto* broker = leader < 0 ? nullptr
                                          : world_->process_as<core::broker::Broker>(leader);
                if (broker == nullptr) return false;
                auto* partition = broker->replica_manager().partition({topic.name, p});
                if (partition == nullptr ||
                    partition->role() != core::broker::ReplicaRole::Leader) {
                    return false;
                }
            }
        }
        return true;
    };
    while (world_->now() < end) {
        if (ready()) return true;
        world_->run_for(10 * sim::kMillisecond);
    }
    return ready();
}

void RunCluster::add_producer_node(const std::string& name, sim::NodeId node) {
    producer_nodes_[name] = node;
}

void RunCluster::add_consumer_node(const std::string& group, int32_t member, sim::NodeId node) {
    consumer_nodes_[{group, member}] = node;
}

std::vector<sim::NodeId> RunCluster::resolve(std::string_view target) {
    if (target.empty() || target == "all") {
        std::vector<sim::NodeId> nodes = brokers_;
        if (!combined_) nodes.insert(nodes.end(), controllers_.begin(), controllers_.end());
        return nodes;
    }
    if (target == "controller-leader") return resolve_role("controller-leader", "");
    const size_t colon = target.find(':');
    if (colon != std::string_view::npos) {
        return resolve_role(target.substr(0, colon), target.substr(colon + 1));
    }
    const size_t open = target.find('(');
    if (open != std::string_view::npos && target.back() == ')') {
        return resolve_role(target.substr(0, open),
                            target.substr(open + 1, target.size() - open - 2));
    }
    return {};
}

std::vector<sim::NodeId> RunCluster::resolve_role(std::string_view role, std::string_view args) {
    const auto [first, second] = split_args(args);
    if (role == "broker") {
        const int32_t id = to_int(first);
        for (int32_t b : brokers_) {
            if (b == id) return {b};
        }
        return {};
    }
    if (role == "controller") {
        const int32_t index = to_int(first);
        if (index < 1 || index > static_cast<int32_t>(controllers_.size())) return {};
        return {controllers_[index - 1]};
    }
    if (role == "controller-leader") {
        for (sim::NodeId id : controllers_) {
            auto* node = world_->process_as<core::controller::ControllerNode>(id);
            if (node != nullptr && node->controller().is_active()) return {id};
            auto* broker = world_->process_as<core::broker::Broker>(id);
            if (broker != nullptr && broker->controller() != nullptr &&
                broker->controller()->is_active()) {
                return {id};
            }
        }
        return {};
    }
    if (role == "leader" || role == "followers") {
        const int32_t partition = to_int(second);
        const int32_t leader = leader_of(first, partition);
        if (role == "leader") return leader < 0 ? std::vector<sim::NodeId>{} : std::vector{leader};
        std::vector<sim::NodeId> followers;
        for (int32_t id : brokers_) {
            auto* broker = world_->process_as<core::broker::Broker>(id);
            if (broker == nullptr) continue;
            const auto* registration = broker->image().partition({first, partition});
            if (registration == nullptr) continue;
            for (int32_t replica : registration->replicas) {
                if (replica != leader) followers.push_back(replica);
            }
            return followers;
        }
        return {};
    }
    if (role == "coordinator") {
        const int32_t coordinator = coordinator_of(std::string(first));
        return coordinator < 0 ? std::vector<sim::NodeId>{} : std::vector{coordinator};
    }
    if (role == "producer") {
        auto it = producer_nodes_.find(first);
        return it == producer_nodes_.end() ? std::vector<sim::NodeId>{}
                                           : std::vector<sim::NodeId>{it->second};
    }
    if (role == "consumer") {
        // consumer(group,N) counts members from 1, as their process names group-N do.
        auto it = consumer_nodes_.find({first, to_int(second)});
        return it == consumer_nodes_.end() ? std::vector<sim::NodeId>{}
                                           : std::vector<sim::NodeId>{it->second};
    }
    return {};
}

}  // namespace harness
