#include "harness/shell/shell_world.h"

#include <fmt/format.h>

#include "core/client/admin.h"
#include "harness/shell/client_node.h"

namespace harness::shell {
namespace {

using AdminNode = ClientNode<core::client::Admin>;

/// Virtual time allowed for the brokers to register and the topics to get leaders.
constexpr sim::Duration kSetupTimeout = 60 * sim::kSecond;
constexpr sim::Duration kStep = 10 * sim::kMillisecond;

}  // namespace

Scenario default_shell_scenario(int32_t brokers, int32_t controllers) {
    Scenario scenario;
    scenario.name = "shell";
    scenario.cluster.broker_ids.clear();
    for (int32_t id = 1; id <= brokers; ++id) scenario.cluster.broker_ids.push_back(id);
    scenario.cluster.controllers = controllers;
    scenario.cluster.config["group.initial.rebalance.delay.ms"] = "0";
    return scenario;
}

ShellWorld::ShellWorld(const Scenario& scenario, uint64_t seed,
                       std::map<int32_t, core::protocol::AdvertisedListener> listeners)
    : scenario_(scenario) {
    cluster_ = std::make_unique<RunCluster>(scenario_, seed, true, std::move(listeners));
}

ShellWorld::~ShellWorld() = default;

core::client::Admin& ShellWorld::admin() {
    auto* node = world().process_as<AdminNode>(kAdminNode);
    KS_ASSERT(node != nullptr);  // the admin node never crashes
    return node->client();
}

sim::Status ShellWorld::start() {
    if (!cluster_->wait_for_brokers(kSetupTimeout)) {
        return sim::Error{"kafkasim shell", "brokers did not all register within 60s"};
    }
    world().add_node(kAdminNode, "admin", [bootstrap = cluster_->brokers()](sim::NodeEnv& env) {
        core::client::AdminOptions options;
        options.bootstrap_servers = bootstrap;
        return std::make_unique<AdminNode>(env, [options](sim::NodeEnv& e) {
            return std::make_unique<core::client::Admin>(e, options);
        });
    });
    world().run_for(kStep);
    if (scenario_.topics.empty()) return sim::Ok{};
    std::vector<core::client::NewTopic> topics;
    for (const TopicSpec& spec : scenario_.topics) {
        core::client::NewTopic topic;
        topic.name = spec.name;
        topic.num_partitions = spec.partitions;
        topic.replication_factor = static_cast<int16_t>(spec.replication_factor);
        topic.configs = spec.config;
        topics.push_back(std::move(topic));
    }
    bool created = false;
    std::string errors;
    admin().create_topics(std::move(topics), [&](const auto& results) {
        for (const auto& r : results) {
            if (!r.ok()) errors += "creating topic " + r.name + ": " + r.message + "; ";
        }
        created = true;
    });
    if (!advance_until([&] { return created; }, kSetupTimeout) || !errors.empty()) {
        return sim::Error{"kafkasim shell", errors.empty() ? "topics were not created" : errors};
    }
    if (!cluster_->wait_for_leaders(scenario_.topics, kSetupTimeout)) {
        return sim::Error{"kafkasim shell", "topics did not all get leaders within 60s"};
    }
    return sim::Ok{};
}

void ShellWorld::resume_due(sim::Time now) {
    while (!resumes_.empty() && resumes_.begin()->first <= now) {
        const sim::NodeId node = resumes_.begin()->second;
        resumes_.erase(resumes_.begin());
        world().resume(node);
    }
}

void ShellWorld::advance(sim::Duration duration) {
    const sim::Time end = world().now() + duration;
    while (!resumes_.empty() && resumes_.begin()->first <= end) {
        world().run_until(resumes_.begin()->first);
        resume_due(world().now());
    }
    world().run_until(end);
}

bool ShellWorld::advance_until(const std::function<bool()>& done, sim::Duration timeout) {
    const sim::Time end = world().now() + timeout;
    while (!done()) {
        if (world().now() >= end) return false;
        advance(kStep);
    }
    return true;
}

void ShellWorld::pause_for(sim::NodeId node, sim::Duration duration) {
    if (world().pause(node)) resumes_.emplace(world().now() + duration, node);
}

sim::NodeId ShellWorld::add_producer_node(const std::string& name, sim::ProcessFactory factory) {
    const sim::NodeId node = next_producer_node_++;
    cluster_->add_producer_node(name, node);
    world().add_node(node, "producer-" + name, std::move(factory));
    return node;
}

sim::NodeId ShellWorld::add_consumer_node(const std::string& name, sim::ProcessFactory factory) {
    const sim::NodeId node = next_consumer_node_++;
    world().add_node(node, name, std::move(factory));
    return node;
}

std::string log_timestamp(sim::Time time) {
    const int64_t ms = time / sim::kMillisecond;
    const int64_t seconds = ms / 1000;
    const int64_t days = seconds / 86400;
    return fmt::format("1970-01-{:02d} {:02d}:{:02d}:{:02d},{:03d}", 1 + days,
                       (seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60, ms % 1000);
}

}  // namespace harness::shell
