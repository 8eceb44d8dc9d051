#pragma once
// BrokerRegistration (62) and BrokerHeartbeat (63): how a KRaft broker joins the cluster
// and keeps its session with the active controller.
//
// Contract:
// - A broker registers at every start with a fresh incarnation_id; the controller answers
//   with its broker_epoch (the offset of its RegisterBrokerRecord) once committed. A
//   controller that is not active answers NOT_CONTROLLER with leader_id as a hint.
// - The broker then heartbeats every broker.heartbeat.interval.ms (2000) with its epoch
//   and how far it has applied the metadata log. An unknown or old epoch answers
//   STALE_BROKER_EPOCH (register again). The controller unfences the broker once it has
//   caught up (current_metadata_offset >= the log's committed offset at registration);
//   a broker silent for broker.session.timeout.ms (9000) is fenced.
// - is_fenced in the response tells the broker whether it may lead partitions.

#include <cstdint>
#include <string>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

class BrokerRegistrationRequest : public KafkaRequest<ApiKey::BrokerRegistration> {
 public:
    int32_t broker_id = -1;
    std::string cluster_id;
    uint64_t incarnation_id = 0;
    std::string rack;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(broker_id).add(incarnation_id).value();
    }
};

class BrokerRegistrationResponse : public KafkaResponse<ApiKey::BrokerRegistration> {
 public:
    Error error = Error::NONE;
    int64_t broker_epoch = -1;
    /// With NOT_CONTROLLER: the active controller's id if known, else -1.
    int32_t leader_id = -1;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(error).add(broker_epoch).value();
    }
};

class BrokerHeartbeatRequest : public KafkaRequest<ApiKey::BrokerHeartbeat> {
 public:
    int32_t broker_id = -1;
    int64_t broker_epoch = -1;
    /// The offset of the last metadata record this broker has applied.
    int64_t current_metadata_offset = -1;
    bool want_fence = false;
    bool want_shut_down = false;

    uint64_t digest() const override {
        return Digest()
            .add(correlation_id)
            .add(broker_id)
            .add(broker_epoch)
            .add(current_metadata_offset)
            .value();
    }
};

class BrokerHeartbeatResponse : public KafkaResponse<ApiKey::BrokerHeartbeat> {
 public:
    Error error = Error::NONE;
    bool is_caught_up = false;
    bool is_fenced = true;
    bool should_shut_down = false;
    int32_t leader_id = -1;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(error).add(is_fenced).value();
    }
};

}  // namespace core::protocol
