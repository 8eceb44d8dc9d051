// TransactionManager's sendOffsetsToTransaction (Kafka's AddOffsetsToTxnHandler and
// TxnOffsetCommitHandler): the group's offsets partition joins the transaction, then the
// offsets go to the group coordinator as the producer's, settled by the transaction's
// markers.

#include <memory>
#include <utility>

#include "core/client/idempotence.h"
#include "core/client/metadata_cache.h"
#include "core/client/network_client.h"
#include "core/client/transaction_manager.h"
#include "core/protocol/group.h"
#include "sim/assert.h"

namespace core::client {

using protocol::Error;
using protocol::KafkaMessage;

void TransactionManager::send_offsets_to_transaction(TransactionOffsets offsets,
                                                     Callback done) {
    KS_ASSERT(done != nullptr);
    KS_ASSERT(op_ == Op::None);
    if (state_ == TransactionState::FatalError) return done(last_error_);
    if (state_ == TransactionState::AbortableError) return done(last_error_);
    if (state_ != TransactionState::InTransaction) return done(Error::INVALID_TXN_STATE);
    if (offsets_.group_id != offsets.group_id) group_coordinator_ = sim::kNoNode;
    offsets_ = std::move(offsets);
    op_ = Op::AddOffsets;
    done_ = std::move(done);
}

void TransactionManager::send_add_offsets() {
    auto request = std::make_shared<protocol::AddOffsetsToTxnRequest>();
    request->transactional_id = transactional_id_;
    request->producer_id = idempotence_.producer_id();
    request->producer_epoch = idempotence_.producer_epoch();
    request->group_id = offsets_.group_id;
    in_flight_ = true;
    network_.send(coordinator_, request, [this](const KafkaMessage* m, Error error) {
        in_flight_ = false;
        const auto* r = static_cast<const protocol::AddOffsetsToTxnResponse*>(m);
        if (error == Error::NONE) error = r->error;
        if (error == Error::NONE) {
            op_ = Op::TxnOffsetCommit;
            return;
        }
        if (!retry_or_fail(error)) {
            fail(error, false);
            finish(error);
        }
    });
}

void TransactionManager::send_txn_offset_commit() {
    auto request = std::make_shared<protocol::TxnOffsetCommitRequest>();
    request->transactional_id = transactional_id_;
    request->group_id = offsets_.group_id;
    request->producer_id = idempotence_.producer_id();
    request->producer_epoch = idempotence_.producer_epoch();
    request->generation_id = offsets_.generation_id;
    request->member_id = offsets_.member_id;
    request->partitions = offsets_.offsets;
    in_flight_ = true;
    network_.send(group_coordinator_, request, [this](const KafkaMessage* m, Error error) {
        in_flight_ = false;
        const auto* r = static_cast<const protocol::TxnOffsetCommitResponse*>(m);
        if (error == Error::NONE) {
            for (const auto& p : r->partitions) {
                if (p.error != Error::NONE) error = p.error;
            }
        }
        if (error == Error::NONE) return finish(Error::NONE);
        if (error == Error::COORDINATOR_LOAD_IN_PROGRESS ||
            error == Error::UNKNOWN_TOPIC_OR_PARTITION) {
            retry_at_ = env_.now() + retry_backoff_;
            return;
        }
        if (!retry_or_fail(error, &group_coordinator_)) {
            // UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION (Kafka's CommitFailedException) and
            // the rest: this transaction can only abort.
            fail(error, false);
            finish(error);
        }
    });
}

}  // namespace core::client
