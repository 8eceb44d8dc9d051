#pragma once
// One transactional id's state at its transaction coordinator (Kafka's TransactionMetadata
// and TransactionState): the producer id and epoch it owns, its timeout, the state of
// its current transaction and the partitions that transaction wrote to. Persisted as one
// __transaction_state record per transition (transaction_log.h).

#include <cstdint>
#include <set>
#include <string>

#include "core/protocol/record.h"

namespace core::transaction {

/// Kafka's TransactionState. Legal moves: Empty/CompleteCommit/CompleteAbort -> Ongoing
/// (AddPartitionsToTxn) or to themselves with a bumped epoch (InitProducerId); Ongoing ->
/// PrepareCommit | PrepareAbort (EndTxn, timeout, fencing); PrepareX -> CompleteX once
/// every marker is written.
enum class TransactionState : int8_t {
    Empty = 0,
    Ongoing = 1,
    PrepareCommit = 2,
    PrepareAbort = 3,
    CompleteCommit = 4,
    CompleteAbort = 5,
};

const char* to_string(TransactionState state);

struct TransactionMetadata {
    std::string transactional_id;
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;
    int32_t txn_timeout_ms = 60000;
    TransactionState state = TransactionState::Empty;
    std::set<TopicPartition> topic_partitions;
    int64_t txn_start_timestamp_ms = -1;
    int64_t txn_last_update_timestamp_ms = -1;

    bool operator==(const TransactionMetadata&) const = default;
};

}  // namespace core::transaction
