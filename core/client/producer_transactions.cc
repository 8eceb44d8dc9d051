// KafkaProducer's transactional API on Producer: the transaction manager talks to the
// coordinator; this file orders it against the batches (flush before commit, drop the
// unsent batches and wait for the sent ones before abort).

#include <utility>

#include "core/client/producer.h"
#include "sim/assert.h"

namespace core::client {

using protocol::Error;

void Producer::init_transactions(TransactionCallback done) {
    KS_ASSERT(transactions_ != nullptr);
    transactions_->init_transactions(std::move(done));
    schedule_run(env_.now());
}

Error Producer::begin_transaction() {
    KS_ASSERT(transactions_ != nullptr);
    return transactions_->begin_transaction();
}

void Producer::commit_transaction(TransactionCallback done) {
    KS_ASSERT(transactions_ != nullptr);
    KS_ASSERT(done != nullptr);
    if (transactions_->state() != TransactionState::InTransaction) {
        transactions_->end_transaction(true, std::move(done));
        return;
    }
    // Every record of the transaction is acknowledged (or failed, which turns the commit
    // into an abortable error) before the coordinator is asked to commit.
    flush([this, done = std::move(done)]() mutable {
        transactions_->end_transaction(true, std::move(done));
        schedule_run(env_.now());
    });
}

void Producer::send_offsets_to_transaction(TransactionOffsets offsets,
                                           TransactionCallback done) {
    KS_ASSERT(transactions_ != nullptr);
    transactions_->send_offsets_to_transaction(std::move(offsets), std::move(done));
    schedule_run(env_.now());
}

void Producer::abort_transaction(TransactionCallback done) {
    KS_ASSERT(transactions_ != nullptr);
    KS_ASSERT(done != nullptr);
    const TransactionState state = transactions_->state();
    if (state != TransactionState::InTransaction && state != TransactionState::AbortableError) {
        transactions_->end_transaction(false, std::move(done));
        return;
    }
    // Kafka's abortUndrainedBatches: what was never sent is failed now; what is in flight
    // is waited for, so no batch of this transaction lands after its ABORT marker.
    for (auto& batch : accumulator_.abort_all()) {
        on_batch_given_up(*batch, Error::INVALID_TXN_STATE);
        fail_batch(*batch, Error::INVALID_TXN_STATE,
                   "Failing batch since transaction was aborted");
    }
    flush([this, done = std::move(done)]() mutable {
        transactions_->end_transaction(false, std::move(done));
        schedule_run(env_.now());
    });
}

}  // namespace core::client
