#pragma once
// InitProducerId (API key 22): an idempotent producer obtains its producer id and epoch.
//
// Contract:
// - Send to any broker. It answers from a block of ids the controller allocated to it
//   (AllocateProducerIds, KIP-730), so ids stay unique across brokers and restarts.
// - Without a transactional id each call returns a fresh id with epoch 0. COORDINATOR_
//   LOAD_IN_PROGRESS (retriable) while the broker waits for a block from the controller.

#include <cstdint>
#include <optional>
#include <string>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

class InitProducerIdRequest : public KafkaRequest<ApiKey::InitProducerId> {
 public:
    std::optional<std::string> transactional_id;
    int32_t transaction_timeout_ms = 60000;
    /// The current id and epoch when re-initialising (KIP-360); -1 for a new producer.
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(producer_id).add(producer_epoch).value();
    }
};

class InitProducerIdResponse : public KafkaResponse<ApiKey::InitProducerId> {
 public:
    Error error = Error::NONE;
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(error).add(producer_id).value();
    }
};

}  // namespace core::protocol
