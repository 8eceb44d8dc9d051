// Broker: joining the cluster and following its metadata (Kafka's BrokerLifecycleManager
// and the broker's metadata loader): registration, heartbeats, the pull of committed
// metadata records, and publishing them to the ReplicaManager once caught up.

#include "core/broker/broker.h"
#include "core/group/group_coordinator.h"

namespace core::broker {

using namespace core::protocol;

namespace {

/// How often the lifecycle re-examines its requests (registration retries, fenced
/// heartbeats, lost requests).
constexpr sim::Duration kTick = 250 * sim::kMillisecond;
constexpr int32_t kMetadataFetchWaitMs = 500;

}  // namespace

void Broker::lifecycle_tick() {
    env_.start_timer(kTick, lifecycle_timer_);
    const sim::Time now = env_.now();
    const sim::Duration timeout =
        sim::from_ms(options_.config.controller_quorum_request_timeout_ms);
    // A request unanswered past the timeout is lost: try another controller.
    for (InFlight* request : {&registration_, &heartbeat_, &allocate_ids_}) {
        if (request->active() && now - request->sent_at > timeout) {
            *request = {};
            follow_controller_hint(-1);
        }
    }
    if (metadata_fetch_.active() &&
        now - metadata_fetch_.sent_at > timeout + sim::from_ms(kMetadataFetchWaitMs)) {
        metadata_fetch_ = {};
        follow_controller_hint(-1);
    }
    if (!metadata_fetch_.active()) send_metadata_fetch();
    if (!waiting_for_producer_ids_.empty()) answer_init_producer_ids();
    for (auto& [id, forwarded] : forwarded_) {
        if (forwarded.needs_resend) send_forwarded(id);
    }
    if (broker_epoch_ < 0) {
        if (!registration_.active()) send_registration();
        return;
    }
    const bool fenced = state_ != BrokerState::Running;
    const sim::Duration interval =
        fenced ? kTick : sim::from_ms(options_.config.broker_heartbeat_interval_ms);
    if (!heartbeat_.active() && now - last_heartbeat_sent_ >= interval) send_heartbeat();
}

void Broker::follow_controller_hint(int32_t hint) {
    if (hint >= 0) {
        active_controller_ = hint;
        return;
    }
    controller_index_ = (controller_index_ + 1) % options_.controller_ids.size();
    active_controller_ = options_.controller_ids[controller_index_];
}

void Broker::send_registration() {
    auto request = std::make_shared<BrokerRegistrationRequest>();
    request->correlation_id = env_.next_correlation_id();
    request->broker_id = env_.self();
    request->cluster_id = options_.cluster_id;
    request->incarnation_id = incarnation_id_;
    request->rack = options_.rack;
    registration_ = {request->correlation_id, env_.now()};
    env_.send(active_controller_, std::move(request));
}

void Broker::send_heartbeat() {
    auto request = std::make_shared<BrokerHeartbeatRequest>();
    request->correlation_id = env_.next_correlation_id();
    request->broker_id = env_.self();
    request->broker_epoch = broker_epoch_;
    request->current_metadata_offset = image_.last_applied_offset();
    heartbeat_ = {request->correlation_id, env_.now()};
    last_heartbeat_sent_ = env_.now();
    env_.send(active_controller_, std::move(request));
}

void Broker::send_metadata_fetch() {
    auto request = std::make_shared<MetadataFetchRequest>();
    request->correlation_id = env_.next_correlation_id();
    request->broker_id = env_.self();
    request->fetch_offset = image_.last_applied_offset() + 1;
    request->max_wait_ms = kMetadataFetchWaitMs;
    metadata_fetch_ = {request->correlation_id, env_.now()};
    env_.send(active_controller_, std::move(request));
}

void Broker::on_registration_response(const BrokerRegistrationResponse& r) {
    if (r.correlation_id != registration_.correlation_id) return;
    registration_ = {};
    switch (r.error) {
        case Error::NONE:
            broker_epoch_ = r.broker_epoch;
            state_ = BrokerState::Recovery;
            env_.note("broker: registered with epoch " + std::to_string(broker_epoch_));
            send_heartbeat();
            return;
        case Error::NOT_CONTROLLER:
            follow_controller_hint(r.leader_id);
            return;
        default:
            // DUPLICATE_BROKER_REGISTRATION: our previous incarnation's session is still
            // live; the next tick retries until the controller has fenced it.
            return;
    }
}

void Broker::on_heartbeat_response(const BrokerHeartbeatResponse& r) {
    if (r.correlation_id != heartbeat_.correlation_id) return;
    heartbeat_ = {};
    switch (r.error) {
        case Error::NONE:
            if (!r.is_fenced && state_ != BrokerState::Running) {
                env_.note("broker: unfenced");
                state_ = BrokerState::Running;
            } else if (r.is_fenced && state_ == BrokerState::Running) {
                env_.note("broker: fenced by the controller");
                state_ = BrokerState::Recovery;
            }
            return;
        case Error::NOT_CONTROLLER:
            follow_controller_hint(r.leader_id);
            return;
        case Error::STALE_BROKER_EPOCH:
            // The controller no longer knows this registration: join again.
            broker_epoch_ = -1;
            state_ = BrokerState::Starting;
            return;
        default:
            return;
    }
}

void Broker::on_metadata_fetch_response(const MetadataFetchResponse& r) {
    if (r.correlation_id != metadata_fetch_.correlation_id) return;
    metadata_fetch_ = {};
    if (r.error != Error::NONE) {
        if (r.error == Error::NOT_CONTROLLER) follow_controller_hint(r.leader_id);
        return;  // the next tick fetches again
    }
    if (r.is_snapshot) {
        image_ = controller::MetadataImage();
        published_ = false;
    }
    for (const auto& entry : r.records) {
        if (entry.offset <= image_.last_applied_offset()) continue;
        image_.apply(entry.offset, entry.record, &pending_delta_);
    }
    publish_metadata();
    send_metadata_fetch();
}

void Broker::publish_metadata() {
    // Like Kafka's initial catch-up: act on metadata only once this incarnation's own
    // registration is in the image, so a restarted broker never leads from a stale view.
    const controller::BrokerRegistration* self = image_.broker(env_.self());
    if (!published_) {
        if (self == nullptr || broker_epoch_ < 0 || self->epoch != broker_epoch_) return;
        published_ = true;
        pending_delta_ = {};
        for (const auto& [id, topic] : image_.topics()) {
            for (const auto& [partition, reg] : topic.partitions) {
                pending_delta_.changed_partitions.insert({topic.name, partition});
            }
        }
        env_.note("broker: caught up with metadata at offset " +
                  std::to_string(image_.last_applied_offset()));
    }
    controller::ImageDelta delta = std::move(pending_delta_);
    pending_delta_ = {};
    replica_manager_->apply_delta(image_, delta);
    group_coordinator_->on_metadata_update();
    transaction_coordinator_->on_metadata_update();
    if (delta.producer_ids_changed) answer_init_producer_ids();
}

}  // namespace core::broker
