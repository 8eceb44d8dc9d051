#pragma once
// One Kafka broker process (Kafka's BrokerServer): recovers its partition logs from the
// disk, registers with the active controller and heartbeats, pulls the committed metadata
// log into its image, answers Metadata for the whole cluster, routes Produce/Fetch/
// ListOffsets to its ReplicaManager, forwards admin requests to the active controller and
// hands out producer ids from blocks the controller allocates. In combined mode
// (process.roles=broker,controller) it also hosts a QuorumController.
//
// Node ids: a broker's node id is its Kafka broker id (any int, e.g. 1..3 or 101..103).
// `controller_ids` lists the controller quorum's node ids (controller.quorum.voters): the
// dedicated ControllerNodes (3001.. by convention), or brokers themselves in combined mode.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/broker/replica_manager.h"
#include "core/config/broker_config.h"
#include "core/controller/controller_node.h"
#include "core/controller/metadata_image.h"
#include "core/protocol/admin.h"
#include "core/protocol/allocate_producer_ids.h"
#include "core/protocol/broker_lifecycle.h"
#include "core/protocol/describe_cluster.h"
#include "core/protocol/init_producer_id.h"
#include "core/protocol/metadata.h"
#include "core/protocol/metadata_fetch.h"
#include "core/transaction/transaction_coordinator.h"
#include "sim/node_env.h"

namespace core::group {
class GroupCoordinator;
}  // namespace core::group

namespace core::broker {

struct BrokerOptions {
    /// Kafka broker configs (names verbatim in core/config); defaults are Kafka's.
    config::BrokerConfig config = config::default_broker_config();
    /// controller.quorum.voters as node ids; the broker talks to whichever is active.
    std::vector<int32_t> controller_ids;
    /// broker.rack
    std::string rack;
    std::string cluster_id = "kafkasim";
    /// advertised.listeners of every broker id, as Metadata answers them. Kafka carries
    /// each broker's own through its registration; kafkasim hands the whole map to every
    /// broker (`kafkasim serve` fills it from its listening sockets). A broker id missing
    /// here is advertised as "broker-ID:9092".
    std::map<int32_t, protocol::AdvertisedListener> advertised_listeners;
    /// Set for a combined broker+controller node: the controller it hosts.
    std::optional<controller::ControllerNodeOptions> combined_controller;
};

/// Where the broker is in joining the cluster (Kafka's BrokerLifecycleManager states).
enum class BrokerState { Starting, Recovery, Running };

class Broker : public sim::Process,
               public ReplicaManagerHost,
               public transaction::ProducerIdManager {
 public:
    Broker(sim::NodeEnv& env, BrokerOptions options);
    ~Broker() override;

    void on_start() override;
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override;
    void on_disconnected(sim::NodeId peer) override;

    // ReplicaManagerHost
    void send_to_controller(std::shared_ptr<const protocol::KafkaMessage> request) override;
    int64_t broker_epoch() const override { return broker_epoch_; }
    const controller::MetadataImage& image() const override { return image_; }
    void on_txn_marker_written(const TopicPartition& tp, int64_t producer_id,
                               bool committed) override;
    // ProducerIdManager: the transaction coordinator's ids come from this broker's block.
    void generate_producer_id(std::function<void(int64_t producer_id)> then) override;

    BrokerState state() const { return state_; }
    int32_t id() const { return env_.self(); }
    ReplicaManager& replica_manager() { return *replica_manager_; }
    group::GroupCoordinator& group_coordinator() { return *group_coordinator_; }
    transaction::TransactionCoordinator& transaction_coordinator() {
        return *transaction_coordinator_;
    }
    /// The hosted controller in combined mode, else nullptr.
    controller::QuorumController* controller();
    /// The controller this broker currently believes active (-1: unknown).
    int32_t active_controller() const { return active_controller_; }
    int64_t metadata_offset() const { return image_.last_applied_offset(); }

 private:
    bool is_client_admin_request(sim::NodeId from, const sim::MessagePtr& message) const;
    bool route_request(sim::NodeId from, const sim::MessagePtr& message);
    bool route_response(sim::NodeId from, const sim::MessagePtr& message);
    /// The answer to a Produce this broker made of itself (the coordinators' internal-topic
    /// appends), which comes back over the node's self-link.
    void on_local_response(const sim::MessagePtr& response);

    // broker_lifecycle.cc
    void lifecycle_tick();
    void on_lifecycle_timer(uint64_t) { lifecycle_tick(); }
    void send_registration();
    void send_heartbeat();
    void send_metadata_fetch();
    void on_registration_response(const protocol::BrokerRegistrationResponse& r);
    void on_heartbeat_response(const protocol::BrokerHeartbeatResponse& r);
    void on_metadata_fetch_response(const protocol::MetadataFetchResponse& r);
    void follow_controller_hint(int32_t hint);
    void publish_metadata();

    // broker_requests.cc
    void handle_metadata(sim::NodeId from, const protocol::MetadataRequest& r);
    void handle_describe_cluster(sim::NodeId from, const protocol::DescribeClusterRequest& r);
    protocol::MetadataResponseBroker advertised(int32_t id, const std::string& rack) const;
    void handle_describe_configs(sim::NodeId from, const protocol::DescribeConfigsRequest& r);
    void forward_to_controller(sim::NodeId from, const protocol::KafkaMessage& request,
                               const sim::MessagePtr& message);
    void send_forwarded(int32_t id);
    void on_forwarded_response(const protocol::KafkaMessage& response);
    void expire_forwarded(int32_t correlation_id);
    void on_forward_timeout(uint64_t id) { expire_forwarded(static_cast<int32_t>(id)); }
    void handle_init_producer_id(sim::NodeId from, const protocol::InitProducerIdRequest& r);
    void on_allocate_producer_ids_response(const protocol::AllocateProducerIdsResponse& r);
    void answer_init_producer_ids();

    sim::NodeEnv& env_;
    /// The lifecycle tick; a forwarded request's deadline (payload: its correlation id).
    sim::TimerMember<Broker, &Broker::on_lifecycle_timer> lifecycle_timer_{*this};
    sim::TimerMember<Broker, &Broker::on_forward_timeout> forward_timer_{*this};
    BrokerOptions options_;
    std::unique_ptr<controller::ControllerNode> hosted_controller_;
    std::unique_ptr<ReplicaManager> replica_manager_;
    std::unique_ptr<group::GroupCoordinator> group_coordinator_;
    std::unique_ptr<transaction::TransactionCoordinator> transaction_coordinator_;
    controller::MetadataImage image_;
    controller::ImageDelta pending_delta_;
    bool published_ = false;

    BrokerState state_ = BrokerState::Starting;
    uint64_t incarnation_id_ = 0;
    int64_t broker_epoch_ = -1;
    int32_t active_controller_ = -1;
    size_t controller_index_ = 0;

    struct InFlight {
        int32_t correlation_id = -1;
        sim::Time sent_at = 0;
        bool active() const { return correlation_id >= 0; }
    };
    InFlight registration_;
    InFlight heartbeat_;
    InFlight metadata_fetch_;
    InFlight allocate_ids_;
    sim::Time last_heartbeat_sent_ = 0;

    struct Forwarded {
        sim::NodeId client = sim::kNoNode;
        sim::MessagePtr request;
        sim::TimerId timer;
        bool needs_resend = false;
    };
    std::map<int32_t, Forwarded> forwarded_;

    int64_t next_producer_id_ = 0;
    int64_t producer_id_block_end_ = 0;
    /// InitProducerId callers waiting for an id: a client to answer, or the transaction
    /// coordinator's callback.
    struct ProducerIdWaiter {
        sim::NodeId client = sim::kNoNode;
        int32_t correlation_id = 0;
        std::function<void(int64_t producer_id)> then;
    };
    std::vector<ProducerIdWaiter> waiting_for_producer_ids_;
};

}  // namespace core::broker
