#include "core/client/transaction_manager.h"

#include <memory>
#include <utility>

#include "core/client/idempotence.h"
#include "core/client/metadata_cache.h"
#include "core/client/network_client.h"
#include "core/common/probes.h"
#include "core/protocol/group.h"
#include "core/protocol/init_producer_id.h"
#include "core/protocol/transactions.h"
#include "sim/assert.h"

namespace core::client {

using protocol::Error;
using protocol::KafkaMessage;

namespace {
bool is_fencing(Error error) {
    return error == Error::PRODUCER_FENCED || error == Error::INVALID_PRODUCER_EPOCH ||
           error == Error::TRANSACTION_COORDINATOR_FENCED;
}
}  // namespace

const char* transaction_state_name(TransactionState state) {
    switch (state) {
        case TransactionState::Uninitialized: return "UNINITIALIZED";
        case TransactionState::Initializing: return "INITIALIZING";
        case TransactionState::Ready: return "READY";
        case TransactionState::InTransaction: return "IN_TRANSACTION";
        case TransactionState::CommittingTransaction: return "COMMITTING_TRANSACTION";
        case TransactionState::AbortingTransaction: return "ABORTING_TRANSACTION";
        case TransactionState::AbortableError: return "ABORTABLE_ERROR";
        case TransactionState::FatalError: return "FATAL_ERROR";
    }
    KS_UNREACHABLE();
}

TransactionManager::TransactionManager(sim::NodeEnv& env, NetworkClient& network,
                                       MetadataCache& metadata, IdempotenceState& idempotence,
                                       std::string transactional_id,
                                       sim::Duration transaction_timeout,
                                       sim::Duration retry_backoff)
    : env_(env),
      network_(network),
      metadata_(metadata),
      idempotence_(idempotence),
      transactional_id_(std::move(transactional_id)),
      transaction_timeout_(transaction_timeout),
      retry_backoff_(retry_backoff) {
    KS_ASSERT(!transactional_id_.empty());
    KS_ASSERT(transaction_timeout_ > 0);
}

void TransactionManager::init_transactions(Callback done) {
    KS_ASSERT(done != nullptr);
    if (state_ != TransactionState::Uninitialized && state_ != TransactionState::Ready) {
        done(state_ == TransactionState::FatalError ? last_error_ : Error::INVALID_TXN_STATE);
        return;
    }
    state_ = TransactionState::Initializing;
    op_ = Op::InitProducerId;
    done_ = std::move(done);
}

Error TransactionManager::begin_transaction() {
    if (state_ == TransactionState::FatalError) return last_error_;
    if (state_ != TransactionState::Ready) return Error::INVALID_TXN_STATE;
    state_ = TransactionState::InTransaction;
    return Error::NONE;
}

void TransactionManager::end_transaction(bool commit, Callback done) {
    KS_ASSERT(done != nullptr);
    KS_ASSERT(op_ == Op::None);
    if (state_ == TransactionState::FatalError) return done(last_error_);
    if (commit && state_ == TransactionState::AbortableError) return done(last_error_);
    const bool may_end = state_ == TransactionState::InTransaction ||
                         (!commit && state_ == TransactionState::AbortableError);
    if (!may_end) return done(Error::INVALID_TXN_STATE);
    state_ = commit ? TransactionState::CommittingTransaction
                    : TransactionState::AbortingTransaction;
    // Partitions never produced to need no marker: forget the ones still waiting.
    pending_partitions_.clear();
    if (partitions_.empty()) {
        // Nothing was added: the coordinator has no transaction to end (Kafka skips EndTxn).
        state_ = TransactionState::Ready;
        return done(Error::NONE);
    }
    op_ = Op::EndTxn;
    commit_ = commit;
    done_ = std::move(done);
}

bool TransactionManager::may_send(const TopicPartition& tp) {
    if (partitions_.contains(tp)) return true;
    if (state_ == TransactionState::InTransaction) pending_partitions_.insert(tp);
    return false;
}

void TransactionManager::on_batch_failed(Error error) {
    if (state_ == TransactionState::FatalError) return;
    if (is_fencing(error)) return fail(error, true);
    if (state_ == TransactionState::InTransaction ||
        state_ == TransactionState::CommittingTransaction) {
        fail(error, false);
    }
}

sim::Time TransactionManager::poll() {
    if (in_flight_ || state_ == TransactionState::FatalError) return sim::kTimeNever;
    const bool work = op_ != Op::None || !pending_partitions_.empty();
    if (!work) return sim::kTimeNever;
    if (env_.now() < retry_at_) return retry_at_;
    if (coordinator_ == sim::kNoNode) {
        find_coordinator(transactional_id_, protocol::kCoordinatorTypeTransaction, &coordinator_);
    } else if (op_ == Op::InitProducerId) {
        send_init_producer_id();
    } else if (!pending_partitions_.empty()) {
        send_add_partitions();
    } else if (op_ == Op::AddOffsets) {
        send_add_offsets();
    } else if (op_ == Op::TxnOffsetCommit) {
        if (group_coordinator_ == sim::kNoNode) {
            find_coordinator(offsets_.group_id, protocol::kCoordinatorTypeGroup,
                             &group_coordinator_);
        } else {
            send_txn_offset_commit();
        }
    } else if (op_ == Op::EndTxn) {
        send_end_txn();
    }
    return sim::kTimeNever;
}

void TransactionManager::find_coordinator(const std::string& key, int8_t key_type,
                                          sim::NodeId* found) {
    std::vector<sim::NodeId> brokers = metadata_.brokers();
    if (brokers.empty()) {
        metadata_.request_update();
        retry_at_ = env_.now() + retry_backoff_;
        return;
    }
    auto request = std::make_shared<protocol::FindCoordinatorRequest>();
    request->key = key;
    request->key_type = key_type;
    in_flight_ = true;
    network_.send(network_.least_loaded(brokers), request,
                  [this, found](const KafkaMessage* m, Error error) {
                      in_flight_ = false;
                      const auto* r = static_cast<const protocol::FindCoordinatorResponse*>(m);
                      if (error == Error::NONE) error = r->error;
                      if (error != Error::NONE) {
                          retry_at_ = env_.now() + retry_backoff_;
                          return;
                      }
                      *found = r->node_id;
                  });
}

void TransactionManager::send_init_producer_id() {
    auto request = std::make_shared<protocol::InitProducerIdRequest>();
    request->transactional_id = transactional_id_;
    request->transaction_timeout_ms = static_cast<int32_t>(sim::to_ms(transaction_timeout_));
    in_flight_ = true;
    network_.send(coordinator_, request, [this](const KafkaMessage* m, Error error) {
        in_flight_ = false;
        const auto* r = static_cast<const protocol::InitProducerIdResponse*>(m);
        if (error == Error::NONE) error = r->error;
        if (error == Error::NONE) {
            idempotence_.set_producer_id(r->producer_id, r->producer_epoch);
            hit(env_, Probe::TransactionalProducerId);
            state_ = TransactionState::Ready;
            return finish(Error::NONE);
        }
        if (!retry_or_fail(error)) {
            state_ = TransactionState::Uninitialized;
            finish(error);
        }
    });
}

void TransactionManager::send_add_partitions() {
    auto request = std::make_shared<protocol::AddPartitionsToTxnRequest>();
    request->transactional_id = transactional_id_;
    request->producer_id = idempotence_.producer_id();
    request->producer_epoch = idempotence_.producer_epoch();
    request->partitions.assign(pending_partitions_.begin(), pending_partitions_.end());
    in_flight_ = true;
    network_.send(coordinator_, request, [this](const KafkaMessage* m, Error error) {
        in_flight_ = false;
        const auto* r = static_cast<const protocol::AddPartitionsToTxnResponse*>(m);
        if (error != Error::NONE) {
            retry_or_fail(error);
            return;
        }
        Error first = Error::NONE;
        for (const auto& result : r->results) {
            if (result.error == Error::NONE) {
                partitions_.insert(result.topic_partition);
                pending_partitions_.erase(result.topic_partition);
            } else if (first == Error::NONE) {
                first = result.error;
            }
        }
        if (first != Error::NONE && !retry_or_fail(first)) fail(first, false);
    });
}

void TransactionManager::send_end_txn() {
    auto request = std::make_shared<protocol::EndTxnRequest>();
    request->transactional_id = transactional_id_;
    request->producer_id = idempotence_.producer_id();
    request->producer_epoch = idempotence_.producer_epoch();
    request->committed = commit_;
    in_flight_ = true;
    network_.send(coordinator_, request, [this](const KafkaMessage* m, Error error) {
        in_flight_ = false;
        const auto* r = static_cast<const protocol::EndTxnResponse*>(m);
        if (error == Error::NONE) error = r->error;
        if (error == Error::NONE) {
            env_.probe(commit_ ? "producer: transaction committed"
                               : "producer: transaction aborted");
            partitions_.clear();
            state_ = TransactionState::Ready;
            // A batch failed after it may have reached the broker: a fresh epoch
            // (InitProducerId bumps it) restarts the sequences before the next transaction.
            if (idempotence_.reset_pending()) {
                op_ = Op::InitProducerId;
                state_ = TransactionState::Initializing;
                return;
            }
            return finish(Error::NONE);
        }
        if (!retry_or_fail(error)) {
            if (state_ != TransactionState::FatalError) fail(error, false);
            finish(error);
        }
    });
}

bool TransactionManager::retry_or_fail(Error error, sim::NodeId* coordinator) {
    if (is_fencing(error)) {
        fail(error, true);
        finish(error);
        return true;
    }
    if (error == Error::NOT_COORDINATOR || error == Error::COORDINATOR_NOT_AVAILABLE ||
        error == Error::NETWORK_EXCEPTION || error == Error::REQUEST_TIMED_OUT) {
        *(coordinator != nullptr ? coordinator : &coordinator_) = sim::kNoNode;
    }
    if (!protocol::is_retriable(error)) return false;
    retry_at_ = env_.now() + retry_backoff_;
    return true;
}

void TransactionManager::fail(Error error, bool fatal) {
    last_error_ = error;
    if (fatal) {
        hit(env_, Probe::ProducerFenced);
        state_ = TransactionState::FatalError;
        pending_partitions_.clear();
        return;
    }
    if (state_ != TransactionState::FatalError) state_ = TransactionState::AbortableError;
}

void TransactionManager::finish(Error error) {
    op_ = Op::None;
    if (done_ == nullptr) return;
    Callback done = std::move(done_);
    done_ = nullptr;
    done(error);
}

}  // namespace core::client
