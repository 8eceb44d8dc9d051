// TransactionCoordinator: the client requests (Kafka's TransactionCoordinator
// handleInitProducerId, handleAddPartitionsToTransaction, handleEndTransaction);
// FindCoordinator for transactional ids goes to the CoordinatorRuntime (which creates
// __transaction_state on first use).

#include "core/transaction/transaction_coordinator.h"

#include <algorithm>

#include "core/broker/replica_manager.h"
#include "core/common/probes.h"
#include "core/common/timer_tags.h"
#include "core/group/offsets_topic.h"
#include "core/protocol/admin.h"
#include "core/protocol/txn_offsets.h"
#include "core/transaction/transaction_log.h"

namespace core::transaction {

using namespace core::protocol;

TransactionCoordinator::TransactionCoordinator(sim::NodeEnv& env,
                                               const config::BrokerConfig& config,
                                               broker::ReplicaManager& replica_manager,
                                               broker::ReplicaManagerHost& host,
                                               ProducerIdManager& producer_ids)
    : env_(env),
      config_(config),
      replica_manager_(replica_manager),
      host_(host),
      producer_ids_(producer_ids),
      runtime_(env, replica_manager, host, *this,
               {.name = "transaction coordinator",
                .topic = std::string(kTransactionStateTopic),
                .num_partitions = config.transaction_state_log_num_partitions,
                .replication_factor = config.transaction_state_log_replication_factor,
                .configs = {{"cleanup.policy", "compact"}},
                .min_insync_replicas = config.transaction_state_log_min_isr}) {}

TransactionCoordinator::~TransactionCoordinator() = default;

bool TransactionCoordinator::handle_request(sim::NodeId from, const sim::MessagePtr& message) {
    const auto* kafka = dynamic_cast<const KafkaMessage*>(message.get());
    if (kafka == nullptr || kafka->is_response()) return false;
    switch (kafka->api_key()) {
        case ApiKey::FindCoordinator: {
            const auto& r = static_cast<const FindCoordinatorRequest&>(*kafka);
            if (r.key_type != kCoordinatorTypeTransaction) return false;
            runtime_.find_coordinator(from, r, Error::INVALID_REQUEST);
            return true;
        }
        case ApiKey::InitProducerId: {
            const auto& r = static_cast<const InitProducerIdRequest&>(*kafka);
            if (!r.transactional_id) return false;  // idempotent only: any broker answers
            handle_init_producer_id(from, r);
            return true;
        }
        case ApiKey::AddPartitionsToTxn:
            handle_add_partitions(from, static_cast<const AddPartitionsToTxnRequest&>(*kafka));
            return true;
        case ApiKey::AddOffsetsToTxn:
            handle_add_offsets(from, static_cast<const AddOffsetsToTxnRequest&>(*kafka));
            return true;
        case ApiKey::EndTxn:
            handle_end_txn(from, static_cast<const EndTxnRequest&>(*kafka));
            return true;
        default: return false;
    }
}

bool TransactionCoordinator::handle_response(const sim::MessagePtr& message) {
    const auto* kafka = dynamic_cast<const KafkaMessage*>(message.get());
    if (kafka == nullptr || !kafka->is_response()) return false;
    if (kafka->correlation_id < kTransactionCorrelationBase ||
        kafka->correlation_id >= kTransactionCorrelationEnd) {
        return false;
    }
    if (kafka->api_key() == ApiKey::Produce) {
        on_append_response(static_cast<const ProduceResponse&>(*kafka));
        return true;
    }
    if (kafka->api_key() == ApiKey::WriteTxnMarkers) {
        on_write_txn_markers_response(static_cast<const WriteTxnMarkersResponse&>(*kafka));
        return true;
    }
    return false;
}

int32_t TransactionCoordinator::partition_of(const std::string& transactional_id) const {
    return runtime_.partition_for(transactional_id);
}

const TransactionMetadata* TransactionCoordinator::transaction(
    const std::string& transactional_id) const {
    if (coordinator_error(transactional_id) != Error::NONE) return nullptr;
    auto it = transactions_.find(transactional_id);
    return it == transactions_.end() ? nullptr : &it->second.metadata;
}

void TransactionCoordinator::handle_init_producer_id(sim::NodeId from,
                                                     const InitProducerIdRequest& r) {
    const HeldReply reply{from, r.correlation_id};
    const std::string& id = *r.transactional_id;
    if (id.empty()) return reply_init(reply, Error::INVALID_REQUEST, nullptr);
    if (Error error = coordinator_error(id); error != Error::NONE) {
        return reply_init(reply, error, nullptr);
    }
    if (r.transaction_timeout_ms <= 0 ||
        r.transaction_timeout_ms > config_.transaction_max_timeout_ms) {
        return reply_init(reply, Error::INVALID_TRANSACTION_TIMEOUT, nullptr);
    }
    auto it = transactions_.find(id);
    if (it != transactions_.end()) return init_existing(it->second, r, reply);
    // A new transactional id: a fresh producer id, epoch 0, no transaction yet.
    transactions_[id].pending = true;
    const int32_t timeout_ms = r.transaction_timeout_ms;
    producer_ids_.generate_producer_id([this, id, timeout_ms, reply](int64_t producer_id) {
        PendingAppend pending;
        pending.kind = AppendKind::InitProducerId;
        pending.reply = reply;
        pending.target.transactional_id = id;
        pending.target.producer_id = producer_id;
        pending.target.producer_epoch = 0;
        pending.target.txn_timeout_ms = timeout_ms;
        pending.target.txn_last_update_timestamp_ms = sim::to_ms(env_.now());
        append(std::move(pending));
    });
}

void TransactionCoordinator::init_existing(Entry& entry, const InitProducerIdRequest& r,
                                           HeldReply reply) {
    TransactionMetadata& m = entry.metadata;
    if (entry.pending || m.state == TransactionState::PrepareCommit ||
        m.state == TransactionState::PrepareAbort) {
        return reply_init(reply, Error::CONCURRENT_TRANSACTIONS, nullptr);
    }
    if (m.state == TransactionState::Ongoing) {
        // A new producer with this transactional id fences the old one: its open
        // transaction is aborted under a bumped epoch, and this caller retries
        // (CONCURRENT_TRANSACTIONS) until the abort is complete.
        hit(env_, Probe::InitProducerIdFencedOngoingTxn);
        prepare_end(entry, false, true, {});
        return reply_init(reply, Error::CONCURRENT_TRANSACTIONS, nullptr);
    }
    PendingAppend pending;
    pending.kind = AppendKind::InitProducerId;
    pending.reply = reply;
    pending.target = m;
    pending.target.producer_epoch = static_cast<int16_t>(m.producer_epoch + 1);
    pending.target.txn_timeout_ms = r.transaction_timeout_ms;
    pending.target.state = TransactionState::Empty;
    pending.target.topic_partitions.clear();
    pending.target.txn_start_timestamp_ms = -1;
    pending.target.txn_last_update_timestamp_ms = sim::to_ms(env_.now());
    entry.pending = true;
    append(std::move(pending));
}

void TransactionCoordinator::handle_add_offsets(sim::NodeId from,
                                                const AddOffsetsToTxnRequest& r) {
    // Kafka's handleAddOffsetsToTransaction: the group's __consumer_offsets partition
    // joins the transaction like any other, so its markers settle the offsets too.
    AddPartitionsToTxnRequest add;
    add.correlation_id = r.correlation_id;
    add.transactional_id = r.transactional_id;
    add.producer_id = r.producer_id;
    add.producer_epoch = r.producer_epoch;
    add.partitions.push_back(
        {std::string(group::kOffsetsTopic),
         group::partition_for(r.group_id, config_.offsets_topic_num_partitions)});
    handle_add_partitions(from, add, true);
}

void TransactionCoordinator::handle_add_partitions(sim::NodeId from,
                                                   const AddPartitionsToTxnRequest& r,
                                                   bool add_offsets) {
    const HeldReply reply{from, r.correlation_id, add_offsets};
    Error error = coordinator_error(r.transactional_id);
    auto it = transactions_.find(r.transactional_id);
    if (error == Error::NONE && it == transactions_.end()) {
        error = Error::INVALID_PRODUCER_ID_MAPPING;
    }
    if (error != Error::NONE) return reply_add_partitions(reply, r.partitions, error);
    Entry& entry = it->second;
    TransactionMetadata& m = entry.metadata;
    if (m.producer_id != r.producer_id) {
        error = Error::INVALID_PRODUCER_ID_MAPPING;
    } else if (m.producer_epoch != r.producer_epoch) {
        error = Error::PRODUCER_FENCED;
    } else if (entry.pending || m.state == TransactionState::PrepareCommit ||
               m.state == TransactionState::PrepareAbort) {
        error = Error::CONCURRENT_TRANSACTIONS;
    }
    if (error != Error::NONE) return reply_add_partitions(reply, r.partitions, error);
    const bool known = std::all_of(r.partitions.begin(), r.partitions.end(),
                                   [&](const auto& tp) { return m.topic_partitions.count(tp); });
    if (m.state == TransactionState::Ongoing && known) {
        return reply_add_partitions(reply, r.partitions, Error::NONE);
    }
    PendingAppend pending;
    pending.kind = AppendKind::AddPartitions;
    pending.reply = reply;
    pending.partitions = r.partitions;
    pending.target = m;
    const int64_t now_ms = sim::to_ms(env_.now());
    if (m.state != TransactionState::Ongoing) {
        pending.target.topic_partitions.clear();
        pending.target.txn_start_timestamp_ms = now_ms;
    }
    pending.target.state = TransactionState::Ongoing;
    pending.target.topic_partitions.insert(r.partitions.begin(), r.partitions.end());
    pending.target.txn_last_update_timestamp_ms = now_ms;
    entry.pending = true;
    append(std::move(pending));
}

Error TransactionCoordinator::end_txn_error(const Entry* entry, const EndTxnRequest& r) const {
    if (entry == nullptr) return Error::INVALID_PRODUCER_ID_MAPPING;
    const TransactionMetadata& m = entry->metadata;
    if (m.producer_id != r.producer_id) return Error::INVALID_PRODUCER_ID_MAPPING;
    // A retried EndTxn after a fence-free completion has the same epoch and result.
    if (m.producer_epoch != r.producer_epoch) return Error::PRODUCER_FENCED;
    if (entry->pending) return Error::CONCURRENT_TRANSACTIONS;
    switch (m.state) {
        case TransactionState::Ongoing: return Error::NONE;
        case TransactionState::PrepareCommit:
            return r.committed ? Error::CONCURRENT_TRANSACTIONS : Error::INVALID_TXN_STATE;
        case TransactionState::PrepareAbort:
            return r.committed ? Error::INVALID_TXN_STATE : Error::CONCURRENT_TRANSACTIONS;
        case TransactionState::CompleteCommit:
        case TransactionState::CompleteAbort:
        case TransactionState::Empty: return Error::INVALID_TXN_STATE;
    }
    KS_UNREACHABLE();
}

void TransactionCoordinator::handle_end_txn(sim::NodeId from, const EndTxnRequest& r) {
    const HeldReply reply{from, r.correlation_id};
    if (Error error = coordinator_error(r.transactional_id); error != Error::NONE) {
        return reply_end_txn(reply, error);
    }
    auto it = transactions_.find(r.transactional_id);
    Entry* entry = it == transactions_.end() ? nullptr : &it->second;
    Error error = end_txn_error(entry, r);
    // Kafka answers a retry of a completed EndTxn with the same result as a success.
    if (error == Error::INVALID_TXN_STATE && entry != nullptr &&
        entry->metadata.state == (r.committed ? TransactionState::CompleteCommit
                                              : TransactionState::CompleteAbort)) {
        error = Error::NONE;
        return reply_end_txn(reply, error);
    }
    if (error != Error::NONE) return reply_end_txn(reply, error);
    prepare_end(*entry, r.committed, false, reply);
}

void TransactionCoordinator::reply_init(HeldReply to, Error error, const TransactionMetadata* m) {
    if (to.node == sim::kNoNode) return;
    auto response = std::make_shared<InitProducerIdResponse>();
    response->correlation_id = to.correlation_id;
    response->error = error;
    if (m != nullptr && error == Error::NONE) {
        response->producer_id = m->producer_id;
        response->producer_epoch = m->producer_epoch;
    }
    env_.send(to.node, std::move(response));
}

void TransactionCoordinator::reply_add_partitions(HeldReply to,
                                                  const std::vector<TopicPartition>& partitions,
                                                  Error error) {
    if (to.add_offsets) {
        auto response = std::make_shared<AddOffsetsToTxnResponse>();
        response->correlation_id = to.correlation_id;
        response->error = error;
        env_.send(to.node, std::move(response));
        return;
    }
    auto response = std::make_shared<AddPartitionsToTxnResponse>();
    response->correlation_id = to.correlation_id;
    for (const auto& tp : partitions) response->results.push_back({tp, error});
    env_.send(to.node, std::move(response));
}

void TransactionCoordinator::reply_end_txn(HeldReply to, Error error) {
    if (to.node == sim::kNoNode) return;
    auto response = std::make_shared<EndTxnResponse>();
    response->correlation_id = to.correlation_id;
    response->error = error;
    env_.send(to.node, std::move(response));
}

}  // namespace core::transaction
