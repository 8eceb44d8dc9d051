#pragma once
// A dedicated KRaft controller node (process.roles=controller): a sim::Process hosting the
// QuorumController over a MetadataLog, routing timers by their component byte and every
// message the controller does not handle to the log (Raft traffic).
//
// Node ids: dedicated controllers take ids apart from brokers; the convention the
// harness uses is 3000 + i (3001, 3002, 3003), Kafka-style (node.id is one namespace).

#include <functional>
#include <memory>

#include "core/controller/controller_options.h"
#include "core/controller/metadata_log.h"
#include "core/controller/quorum_controller.h"
#include "core/controller/raft_node.h"
#include "sim/node_env.h"

namespace core::config {
struct BrokerConfig;
}

namespace core::controller {

/// Builds the node's MetadataLog; the default is a LocalMetadataLog (single controller), or
/// a RaftMetadataLog when `voters` names a quorum.
using MetadataLogFactory = std::function<std::unique_ptr<MetadataLog>(sim::NodeEnv&)>;

/// The default node id of the i-th dedicated controller (i from 1).
constexpr int32_t controller_node_id(int32_t index) { return 3000 + index; }

struct ControllerNodeOptions {
    ControllerOptions controller;
    /// Empty: a RaftMetadataLog over `voters` when they are more than one, else a
    /// LocalMetadataLog (one controller committing after fsync).
    MetadataLogFactory log_factory;
    /// controller.quorum.voters: the node ids of the quorum, this node among them
    /// (controller_node_id(1..N) for dedicated controllers, broker ids in combined mode).
    std::vector<int32_t> voters;
    /// Raft settings of the default quorum log; its `voters` are taken from `voters`.
    RaftConfig raft;
};

/// The controller settings a broker config carries (num.partitions,
/// default.replication.factor, delete.topic.enable, unclean.leader.election.enable).
ControllerNodeOptions controller_node_options(const config::BrokerConfig& config);

class ControllerNode : public sim::Process {
 public:
    ControllerNode(sim::NodeEnv& env, ControllerNodeOptions options);
    ~ControllerNode() override;

    void on_start() override;
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override;
    void on_disconnected(sim::NodeId peer) override;

    QuorumController& controller() { return *controller_; }
    MetadataLog& metadata_log() { return *log_; }

 private:
    sim::NodeEnv& env_;
    std::unique_ptr<MetadataLog> log_;
    std::unique_ptr<QuorumController> controller_;
};

}  // namespace core::controller
