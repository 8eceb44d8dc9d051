#pragma once
// AllocateProducerIds (API key 67, KIP-730): a broker asks the active controller for a
// block of producer ids to hand out to InitProducerId callers.
//
// Contract:
// - The controller appends a ProducerIdsRecord and answers once it is committed, so a
//   block is never handed out twice, even across controller failover. STALE_BROKER_EPOCH
//   for an old broker epoch; NOT_CONTROLLER from a non-active controller.

#include <cstdint>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

/// Kafka hands out blocks of 1000 producer ids.
constexpr int32_t kProducerIdBlockSize = 1000;

class AllocateProducerIdsRequest : public KafkaRequest<ApiKey::AllocateProducerIds> {
 public:
    int32_t broker_id = -1;
    int64_t broker_epoch = -1;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(broker_id).add(broker_epoch).value();
    }
};

class AllocateProducerIdsResponse : public KafkaResponse<ApiKey::AllocateProducerIds> {
 public:
    Error error = Error::NONE;
    int64_t producer_id_start = kNoProducerId;
    int32_t producer_id_len = 0;
    int32_t leader_id = -1;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(error).add(producer_id_start).value();
    }
};

}  // namespace core::protocol
