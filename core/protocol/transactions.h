#pragma once
// The transactional producer's requests to its transaction coordinator (KIP-98):
// AddPartitionsToTxn (API key 24) and EndTxn (API key 26). InitProducerId with a
// transactional id (init_producer_id.h) and FindCoordinator with key_type = 1
// (group.h) complete the set.
//
// Contract:
// - Sent to the coordinator of the transactional id: the leader of partition
//   abs(hash(transactional.id)) % transaction.state.log.num.partitions of
//   __transaction_state. Elsewhere: NOT_COORDINATOR; while it loads:
//   COORDINATOR_LOAD_IN_PROGRESS.
// - producer_id/producer_epoch must be the ones InitProducerId gave this transactional
//   id: another id is INVALID_PRODUCER_ID_MAPPING, an older epoch PRODUCER_FENCED (a
//   zombie: a newer producer with the same transactional id took over).
// - While the coordinator is completing the previous transaction (writing its markers)
//   the answer is CONCURRENT_TRANSACTIONS (retriable).
// - AddPartitionsToTxn precedes the first Produce to each partition of a transaction.
// - EndTxn(committed) answers once the decision (PrepareCommit / PrepareAbort) is durable
//   in __transaction_state; the markers are written after. Ending a transaction that is
//   not ongoing (or with the opposite result while it completes) is INVALID_TXN_STATE.

#include <cstdint>
#include <string>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

class AddPartitionsToTxnRequest : public KafkaRequest<ApiKey::AddPartitionsToTxn> {
 public:
    std::string transactional_id;
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;
    std::vector<TopicPartition> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(transactional_id).add(producer_id).add(producer_epoch);
        for (const auto& tp : partitions) d.add(tp);
        return d.value();
    }
};

struct AddPartitionsToTxnPartitionResult {
    TopicPartition topic_partition;
    Error error = Error::NONE;
};

class AddPartitionsToTxnResponse : public KafkaResponse<ApiKey::AddPartitionsToTxn> {
 public:
    std::vector<AddPartitionsToTxnPartitionResult> results;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& r : results) d.add(r.topic_partition).add(r.error);
        return d.value();
    }
};

class EndTxnRequest : public KafkaRequest<ApiKey::EndTxn> {
 public:
    std::string transactional_id;
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;
    /// true: commit; false: abort.
    bool committed = false;

    uint64_t digest() const override {
        return Digest()
            .add(correlation_id)
            .add(transactional_id)
            .add(producer_id)
            .add(producer_epoch)
            .add(committed)
            .value();
    }
};

class EndTxnResponse : public KafkaResponse<ApiKey::EndTxn> {
 public:
    Error error = Error::NONE;

    uint64_t digest() const override { return Digest().add(correlation_id).add(error).value(); }
};

}  // namespace core::protocol
