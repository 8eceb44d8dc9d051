#include "core/broker/broker.h"

#include "core/group/group_coordinator.h"
#include "core/group/offsets_topic.h"
#include "core/protocol/list_offsets.h"

namespace core::broker {

using namespace core::protocol;

Broker::Broker(sim::NodeEnv& env, BrokerOptions options) : env_(env), options_(std::move(options)) {
    KS_ASSERT(!options_.controller_ids.empty());
    if (options_.combined_controller) {
        hosted_controller_ =
            std::make_unique<controller::ControllerNode>(env_, *options_.combined_controller);
    }
    replica_manager_ = std::make_unique<ReplicaManager>(env_, options_.config, *this);
    group_coordinator_ = std::make_unique<group::GroupCoordinator>(env_, options_.config,
                                                                   *replica_manager_, *this);
    transaction_coordinator_ = std::make_unique<transaction::TransactionCoordinator>(
        env_, options_.config, *replica_manager_, *this, *this);
}

Broker::~Broker() = default;

controller::QuorumController* Broker::controller() {
    return hosted_controller_ ? &hosted_controller_->controller() : nullptr;
}

void Broker::on_start() {
    incarnation_id_ = env_.rng().next();
    if (hosted_controller_) hosted_controller_->on_start();
    replica_manager_->start();
    controller_index_ = env_.rng().uniform(options_.controller_ids.size());
    active_controller_ = options_.controller_ids[controller_index_];
    state_ = BrokerState::Starting;
    lifecycle_tick();
}

void Broker::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    if (hosted_controller_ && !is_client_admin_request(from, message) &&
        hosted_controller_->controller().on_message(from, message)) {
        return;
    }
    if (route_request(from, message) || route_response(from, message)) return;
    if (hosted_controller_ && hosted_controller_->metadata_log().on_message(from, message)) {
        return;
    }
    env_.note(std::string("broker: ignored ") + message->name());
}

bool Broker::is_client_admin_request(sim::NodeId from, const sim::MessagePtr& message) const {
    // In combined mode admin requests from clients are forwarded like on any broker; the
    // hosted controller decides only those a broker (or this node itself) forwarded.
    const auto* kafka = dynamic_cast<const KafkaMessage*>(message.get());
    if (kafka == nullptr || kafka->is_response()) return false;
    const bool admin =
        kafka->api_key() == ApiKey::CreateTopics || kafka->api_key() == ApiKey::DeleteTopics;
    return admin && from != env_.self() && image_.broker(from) == nullptr;
}

bool Broker::route_request(sim::NodeId from, const sim::MessagePtr& message) {
    const auto* kafka = dynamic_cast<const KafkaMessage*>(message.get());
    if (kafka == nullptr || kafka->is_response()) return false;
    switch (kafka->api_key()) {
        case ApiKey::Produce:
            replica_manager_->handle_produce(from, static_cast<const ProduceRequest&>(*kafka));
            return true;
        case ApiKey::Fetch:
            replica_manager_->handle_fetch(from,
                                           std::static_pointer_cast<const FetchRequest>(message));
            return true;
        case ApiKey::ListOffsets:
            replica_manager_->handle_list_offsets(from,
                                                  static_cast<const ListOffsetsRequest&>(*kafka));
            return true;
        case ApiKey::Metadata:
            handle_metadata(from, static_cast<const MetadataRequest&>(*kafka));
            return true;
        case ApiKey::DescribeCluster:
            handle_describe_cluster(from, static_cast<const DescribeClusterRequest&>(*kafka));
            return true;
        case ApiKey::OffsetForLeaderEpoch:
            replica_manager_->handle_offset_for_leader_epoch(
                from, static_cast<const OffsetForLeaderEpochRequest&>(*kafka));
            return true;
        case ApiKey::DescribeConfigs:
            handle_describe_configs(from, static_cast<const DescribeConfigsRequest&>(*kafka));
            return true;
        case ApiKey::CreateTopics:
        case ApiKey::DeleteTopics:
            forward_to_controller(from, *kafka, message);
            return true;
        case ApiKey::InitProducerId:
            if (transaction_coordinator_->handle_request(from, message)) return true;
            handle_init_producer_id(from, static_cast<const InitProducerIdRequest&>(*kafka));
            return true;
        case ApiKey::WriteTxnMarkers:
            replica_manager_->handle_write_txn_markers(
                from, static_cast<const WriteTxnMarkersRequest&>(*kafka));
            return true;
        default:
            if (transaction_coordinator_->handle_request(from, message)) return true;
            return group_coordinator_->handle_request(from, message);
    }
}

void Broker::on_local_response(const sim::MessagePtr& response) {
    if (transaction_coordinator_->handle_response(response)) return;
    if (const auto* produce = dynamic_cast<const ProduceResponse*>(response.get())) {
        group_coordinator_->on_produce_response(*produce);
    }
}

void Broker::on_txn_marker_written(const TopicPartition& tp, int64_t producer_id,
                                   bool committed) {
    if (tp.topic != group::kOffsetsTopic) return;
    group_coordinator_->on_txn_marker(tp.partition, producer_id, committed);
}

bool Broker::route_response(sim::NodeId from, const sim::MessagePtr& message) {
    const auto* kafka = dynamic_cast<const KafkaMessage*>(message.get());
    if (kafka == nullptr || !kafka->is_response()) return false;
    switch (kafka->api_key()) {
        case ApiKey::Fetch:
            replica_manager_->on_fetch_response(from, static_cast<const FetchResponse&>(*kafka));
            return true;
        case ApiKey::AlterPartition:
            replica_manager_->on_alter_partition_response(
                static_cast<const AlterPartitionResponse&>(*kafka));
            return true;
        case ApiKey::BrokerRegistration:
            on_registration_response(static_cast<const BrokerRegistrationResponse&>(*kafka));
            return true;
        case ApiKey::BrokerHeartbeat:
            on_heartbeat_response(static_cast<const BrokerHeartbeatResponse&>(*kafka));
            return true;
        case ApiKey::MetadataFetch:
            on_metadata_fetch_response(static_cast<const MetadataFetchResponse&>(*kafka));
            return true;
        case ApiKey::AllocateProducerIds:
            on_allocate_producer_ids_response(
                static_cast<const AllocateProducerIdsResponse&>(*kafka));
            return true;
        case ApiKey::CreateTopics:
        case ApiKey::DeleteTopics:
            on_forwarded_response(*kafka);
            return true;
        case ApiKey::Produce:
            if (from != env_.self()) return false;
            on_local_response(message);
            return true;
        default:
            return transaction_coordinator_->handle_response(message);
    }
}

void Broker::on_disconnected(sim::NodeId peer) {
    if (hosted_controller_) hosted_controller_->on_disconnected(peer);
    replica_manager_->on_disconnected(peer);
    if (peer == active_controller_) {
        registration_ = {};
        heartbeat_ = {};
        metadata_fetch_ = {};
        allocate_ids_ = {};
        follow_controller_hint(-1);
    }
}

void Broker::send_to_controller(std::shared_ptr<const KafkaMessage> request) {
    if (active_controller_ < 0) return;
    env_.send(active_controller_, std::move(request));
}

}  // namespace core::broker
