// TransactionCoordinator: the __transaction_state side (Kafka's TransactionStateManager),
// over the CoordinatorRuntime: every transition is appended with acks=all before it takes
// effect; leadership of a partition loads its transactional ids from the log (resuming
// the markers of decided transactions) and losing it drops them; transactions open past
// their timeout are aborted under a bumped epoch, fencing their producer.

#include <algorithm>

#include "core/broker/replica_manager.h"
#include "core/common/probes.h"
#include "core/common/timer_tags.h"
#include "core/transaction/transaction_coordinator.h"
#include "core/transaction/transaction_log.h"

namespace core::transaction {

using namespace core::protocol;

namespace {

/// Kafka's transaction.abort.timed.out.transaction.cleanup.interval.ms default.
constexpr sim::Duration kAbortTimedOutInterval = 10 * sim::kSecond;
/// How often the marker channel retries partitions whose leader was unknown or failed.
constexpr sim::Duration kMarkerTick = 100 * sim::kMillisecond;
constexpr uint64_t kTickPayload = uint64_t{1} << 40;
constexpr uint64_t kAbortTimedOutPayload = uint64_t{2} << 40;

}  // namespace

void TransactionCoordinator::append(PendingAppend pending) {
    const int32_t partition = partition_of(pending.target.transactional_id);
    RecordBatch batch;
    batch.records.push_back(transaction_log_record(pending.target));
    const int32_t correlation_id = next_correlation_id(ApiKey::Produce);
    // Registered first: the replica manager may answer before append returns.
    pending_appends_.emplace(correlation_id, std::move(pending));
    // Kafka's transaction.state.log request timeout.
    runtime_.append(correlation_id, partition, std::move(batch), 5000);
}

void TransactionCoordinator::on_append_response(const ProduceResponse& response) {
    auto it = pending_appends_.find(response.correlation_id);
    if (it == pending_appends_.end()) return;
    const PendingAppend pending = std::move(it->second);
    pending_appends_.erase(it);
    complete_append(pending, coordinator::CoordinatorRuntime::append_error(response));
}

void TransactionCoordinator::complete_append(const PendingAppend& pending, Error error) {
    const std::string& id = pending.target.transactional_id;
    auto it = transactions_.find(id);
    if (it == transactions_.end()) return;  // resigned meanwhile
    Entry& entry = it->second;
    entry.pending = false;
    if (error != Error::NONE) {
        // A new id whose first record failed leaves nothing behind.
        if (entry.metadata.producer_id == kNoProducerId) transactions_.erase(it);
        switch (pending.kind) {
            case AppendKind::InitProducerId: return reply_init(pending.reply, error, nullptr);
            case AppendKind::AddPartitions:
                return reply_add_partitions(pending.reply, pending.partitions, error);
            case AppendKind::EndTxn: return reply_end_txn(pending.reply, error);
            case AppendKind::Abort: return;  // the timeout check or the next fence retries
            case AppendKind::Complete: return add_txn_markers_to_send(entry.metadata);
        }
        KS_UNREACHABLE();
    }
    entry.metadata = pending.target;
    switch (pending.kind) {
        case AppendKind::InitProducerId:
            return reply_init(pending.reply, Error::NONE, &entry.metadata);
        case AppendKind::AddPartitions:
            return reply_add_partitions(pending.reply, pending.partitions, Error::NONE);
        case AppendKind::EndTxn:
        case AppendKind::Abort:
            // Kafka answers EndTxn once the decision is durable; markers follow.
            reply_end_txn(pending.reply, Error::NONE);
            return add_txn_markers_to_send(entry.metadata);
        case AppendKind::Complete: return;
    }
    KS_UNREACHABLE();
}

void TransactionCoordinator::prepare_end(Entry& entry, bool commit, bool bump_epoch,
                                         HeldReply reply) {
    KS_ASSERT(entry.metadata.state == TransactionState::Ongoing);
    KS_ASSERT(!entry.pending);
    PendingAppend pending;
    pending.kind = reply.node == sim::kNoNode ? AppendKind::Abort : AppendKind::EndTxn;
    pending.reply = reply;
    pending.target = entry.metadata;
    // Fencing (a new producer, a timeout) bumps the epoch so the old producer's writes and
    // requests are refused from the abort marker on (Kafka's prepareFenceProducerEpoch).
    if (bump_epoch) ++pending.target.producer_epoch;
    pending.target.state =
        commit ? TransactionState::PrepareCommit : TransactionState::PrepareAbort;
    pending.target.txn_last_update_timestamp_ms = sim::to_ms(env_.now());
    entry.pending = true;
    append(std::move(pending));
}

void TransactionCoordinator::on_metadata_update() {
    runtime_.on_metadata_update();
    if (runtime_.owns_any() && !ticking_) {
        ticking_ = true;
        env_.start_timer(kMarkerTick, make_timer_tag(TimerComponent::Transaction, kTickPayload));
        env_.start_timer(kAbortTimedOutInterval,
                         make_timer_tag(TimerComponent::Transaction, kAbortTimedOutPayload));
    }
}

void TransactionCoordinator::schedule_load(int32_t p, sim::Duration delay) {
    env_.start_timer(delay, make_timer_tag(TimerComponent::Transaction, uint64_t(p)));
}

int32_t TransactionCoordinator::next_correlation_id(ApiKey) { return next_correlation_id_++; }

void TransactionCoordinator::on_timer(uint64_t tag) {
    const uint64_t payload = timer_payload(tag);
    if (payload == kTickPayload) {
        send_markers();
        env_.start_timer(kMarkerTick, tag);
    } else if (payload == kAbortTimedOutPayload) {
        abort_timed_out_transactions();
        env_.start_timer(kAbortTimedOutInterval, tag);
    } else {
        runtime_.load(static_cast<int32_t>(payload));
    }
}

void TransactionCoordinator::load_partition(int32_t p, const log::PartitionLog& log) {
    std::map<std::string, TransactionMetadata> loaded;
    coordinator::CoordinatorRuntime::read_log(log, [&](const RecordBatch& batch, Offset from) {
        for (size_t i = 0; i < batch.records.size(); ++i) {
            if (batch.base_offset + static_cast<Offset>(i) < from) continue;
            auto m = parse_transaction_log_record(batch.records[i]);
            if (m) loaded[m->transactional_id] = *m;
        }
    });
    for (auto& [id, metadata] : loaded) {
        transactions_[id] = Entry{metadata, false};
        // A decided transaction whose markers the previous coordinator may not have
        // finished: write them again (a repeated marker completes nothing).
        if (metadata.state == TransactionState::PrepareCommit ||
            metadata.state == TransactionState::PrepareAbort) {
            hit(env_, Probe::TxnCoordinatorResumedMarkers);
            add_txn_markers_to_send(metadata);
        }
    }
    hit(env_, Probe::TxnCoordinatorLoadedState);
    env_.note("transaction coordinator: loaded __transaction_state-" + std::to_string(p) + " (" +
              std::to_string(loaded.size()) + " transactional ids)");
}

void TransactionCoordinator::resign_partition(int32_t p) {
    for (auto it = pending_appends_.begin(); it != pending_appends_.end();) {
        if (partition_of(it->second.target.transactional_id) != p) {
            ++it;
            continue;
        }
        PendingAppend pending = std::move(it->second);
        it = pending_appends_.erase(it);
        complete_append(pending, Error::NOT_COORDINATOR);
    }
    for (auto it = transactions_.begin(); it != transactions_.end();) {
        if (partition_of(it->first) == p) {
            markers_.erase(it->first);
            it = transactions_.erase(it);
        } else {
            ++it;
        }
    }
    env_.note("transaction coordinator: resigned __transaction_state-" + std::to_string(p));
}

void TransactionCoordinator::abort_timed_out_transactions() {
    const int64_t now_ms = sim::to_ms(env_.now());
    for (auto& [id, entry] : transactions_) {
        const TransactionMetadata& m = entry.metadata;
        if (entry.pending || m.state != TransactionState::Ongoing) continue;
        if (coordinator_error(id) != Error::NONE) continue;
        if (m.txn_start_timestamp_ms + m.txn_timeout_ms > now_ms) continue;
        hit(env_, Probe::TxnTimedOutAborted);
        env_.note("transaction coordinator: aborting timed out transaction of " + id);
        prepare_end(entry, false, true, {});
    }
}

}  // namespace core::transaction
