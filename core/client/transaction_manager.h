#pragma once
// The transactional half of Kafka's TransactionManager (KIP-98): the producer's
// transaction state, its coordinator (FindCoordinator key_type=1), InitProducerId with the
// transactional.id, AddPartitionsToTxn before a partition's first batch, and EndTxn.
// One request to the coordinator at a time, retried on the coordinator's retriable errors.

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/protocol/errors.h"
#include "core/protocol/record.h"
#include "core/protocol/txn_offsets.h"
#include "sim/node_env.h"

namespace core::client {

class IdempotenceState;
class MetadataCache;
class NetworkClient;

/// Kafka's TransactionManager.State.
enum class TransactionState {
    Uninitialized,
    Initializing,
    Ready,
    InTransaction,
    CommittingTransaction,
    AbortingTransaction,
    /// A batch or request of the transaction failed: only abort_transaction() is allowed.
    AbortableError,
    /// Fenced by a newer producer with the same transactional.id: the producer is done.
    FatalError,
};

const char* transaction_state_name(TransactionState state);

/// sendOffsetsToTransaction's arguments: the consumer's group metadata (KIP-447) and the
/// next offsets to consume.
struct TransactionOffsets {
    std::string group_id;
    int32_t generation_id = -1;
    std::string member_id;
    std::vector<protocol::TxnOffsetCommitPartition> offsets;
};

class TransactionManager {
   public:
    using Callback = std::function<void(protocol::Error error)>;

    TransactionManager(sim::NodeEnv& env, NetworkClient& network, MetadataCache& metadata,
                       IdempotenceState& idempotence, std::string transactional_id,
                       sim::Duration transaction_timeout, sim::Duration retry_backoff);

    const std::string& transactional_id() const { return transactional_id_; }
    TransactionState state() const { return state_; }
    /// The error that made the state AbortableError or FatalError (NONE otherwise).
    protocol::Error last_error() const { return last_error_; }

    /// KafkaProducer.initTransactions: `done` runs once with the outcome.
    void init_transactions(Callback done);
    /// KafkaProducer.beginTransaction: NONE, or INVALID_TXN_STATE / the fatal error.
    protocol::Error begin_transaction();
    /// EndTxn once every partition is added; the producer calls it after flushing (commit)
    /// or once its batches are done (abort). A commit in AbortableError fails at once.
    void end_transaction(bool commit, Callback done);
    /// KafkaProducer.sendOffsetsToTransaction: AddOffsetsToTxn, then TxnOffsetCommit to
    /// the group's coordinator; the offsets commit (or not) with the transaction.
    void send_offsets_to_transaction(TransactionOffsets offsets, Callback done);
    /// Drain filter: true when `tp` is part of the transaction; otherwise it is queued
    /// for AddPartitionsToTxn and the batch waits.
    bool may_send(const TopicPartition& tp);
    /// A batch of the transaction failed: fencing errors are fatal, others abortable.
    void on_batch_failed(protocol::Error error);
    /// Sends the next request to the coordinator when one is due; returns when to run
    /// again (kTimeNever when only a response can move it on).
    sim::Time poll();

   private:
    enum class Op { None, InitProducerId, AddOffsets, TxnOffsetCommit, EndTxn };
    /// FindCoordinator for `key` (a transactional id or a group); sets *found.
    void find_coordinator(const std::string& key, int8_t key_type, sim::NodeId* found);
    void send_init_producer_id();
    void send_add_partitions();
    void send_end_txn();
    // transaction_offsets.cc: sendOffsetsToTransaction.
    void send_add_offsets();
    void send_txn_offset_commit();
    /// Coordinator errors: retriable ones back off (and look the coordinator up again
    /// when it moved); fencing ones make the producer fatal. True when handled as such.
    bool retry_or_fail(protocol::Error error, sim::NodeId* coordinator = nullptr);
    void fail(protocol::Error error, bool fatal);
    void finish(protocol::Error error);

    sim::NodeEnv& env_;
    NetworkClient& network_;
    MetadataCache& metadata_;
    IdempotenceState& idempotence_;
    std::string transactional_id_;
    sim::Duration transaction_timeout_;
    sim::Duration retry_backoff_;
    TransactionState state_ = TransactionState::Uninitialized;
    protocol::Error last_error_ = protocol::Error::NONE;
    sim::NodeId coordinator_ = sim::kNoNode;
    /// The group coordinator for sendOffsetsToTransaction's group.
    sim::NodeId group_coordinator_ = sim::kNoNode;
    TransactionOffsets offsets_;
    bool in_flight_ = false;
    sim::Time retry_at_ = 0;
    Op op_ = Op::None;
    bool commit_ = false;
    Callback done_;
    /// Partitions in the transaction (AddPartitionsToTxn answered) and waiting to be added.
    std::set<TopicPartition> partitions_;
    std::set<TopicPartition> pending_partitions_;
};

}  // namespace core::client
