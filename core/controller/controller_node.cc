#include "core/controller/controller_node.h"

#include "core/config/broker_config.h"
#include "core/controller/local_metadata_log.h"
#include "core/controller/raft_metadata_log.h"

namespace core::controller {

ControllerNodeOptions controller_node_options(const config::BrokerConfig& config) {
    ControllerNodeOptions options;
    options.controller.num_partitions = config.num_partitions;
    options.controller.default_replication_factor =
        static_cast<int16_t>(config.default_replication_factor);
    options.controller.delete_topic_enable = config.delete_topic_enable;
    options.controller.unclean_leader_election_enable = config.unclean_leader_election_enable;
    return options;
}

namespace {

std::unique_ptr<MetadataLog> make_metadata_log(sim::NodeEnv& env,
                                               const ControllerNodeOptions& options) {
    if (options.log_factory) return options.log_factory(env);
    if (options.voters.size() <= 1) return std::make_unique<LocalMetadataLog>(env);
    RaftConfig config = options.raft;
    config.voters = options.voters;
    return std::make_unique<RaftMetadataLog>(env, std::move(config));
}

}  // namespace

ControllerNode::ControllerNode(sim::NodeEnv& env, ControllerNodeOptions options) : env_(env) {
    log_ = make_metadata_log(env, options);
    controller_ = std::make_unique<QuorumController>(env, std::move(options.controller), *log_);
}

ControllerNode::~ControllerNode() = default;

void ControllerNode::on_start() { controller_->start(); }

void ControllerNode::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    if (controller_->on_message(from, message)) return;
    if (log_->on_message(from, message)) return;
    env_.note(std::string("controller: ignored ") + message->name());
}

void ControllerNode::on_disconnected(sim::NodeId peer) { log_->on_disconnected(peer); }

}  // namespace core::controller
