#pragma once
// The internal topic __transaction_state (Kafka's TransactionLog): which partition holds
// a transactional id (Java String.hashCode, as for groups), and the record a coordinator
// appends for each state transition, keyed by transactional id, so a new coordinator
// rebuilds every transaction's state by reading the partition.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/protocol/record.h"
#include "core/transaction/transaction_metadata.h"

namespace core::transaction {

inline constexpr std::string_view kTransactionStateTopic = "__transaction_state";

/// Kafka's Utils.abs(transactionalId.hashCode) % transactionTopicPartitionCount.
int32_t partition_for(std::string_view transactional_id, int32_t num_partitions);

/// The record of one transition (key: transactional id; value: the metadata as text).
protocol::Record transaction_log_record(const TransactionMetadata& metadata);
/// nullopt for a record this code did not write (ignored when loading).
std::optional<TransactionMetadata> parse_transaction_log_record(const protocol::Record& record);

}  // namespace core::transaction
