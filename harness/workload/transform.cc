#include "harness/workload/transform.h"

#include <algorithm>

#include "core/client/network_client.h"
#include "core/config/client_config.h"
#include "core/protocol/errors.h"

namespace harness {
namespace {

using core::protocol::Error;

constexpr uint64_t kSpan = core::client::NetworkClient::kClientTagSpan;
/// The stage's own timers: reopen the producer; the batch's processing time is over.
constexpr uint64_t kReopenTag = 0;
constexpr uint64_t kProcessedTag = 1;
/// How long a failed initTransactions waits before a new producer tries again.
constexpr sim::Duration kReopenBackoff = 100 * sim::kMillisecond;

std::string error_text(const char* what, Error error) {
    return std::string(what) + ": " + std::string(core::protocol::error_name(error));
}

}  // namespace

Offsets offsets_after(const std::vector<core::client::ConsumerRecord>& records) {
    Offsets offsets;
    for (const auto& record : records) {
        core::Offset& next = offsets[{record.topic, record.partition}];
        next = std::max(next, record.offset + 1);
    }
    return offsets;
}

std::string output_value(const std::string& input_value, const std::string& process,
                         int64_t number) {
    return input_value + "@" + process + "#" + std::to_string(number);
}

TransformStage::TransformStage(sim::NodeEnv& env, TransformOptions options, Recorder& recorder,
                               core::client::Consumer& consumer,
                               core::client::GroupMember& member)
    : env_(env),
      options_(std::move(options)),
      spec_(*options_.spec),
      recorder_(recorder),
      consumer_(consumer),
      member_(member) {
    KS_ASSERT(!spec_.output.empty());
}

TransformStage::~TransformStage() = default;

void TransformStage::start() {
    // A crashed incarnation's open transaction: the next initTransactions aborts it unless
    // its commit was already decided, so its outcome is unknown here.
    auto& pending = recorder_.pending_sends()[options_.process];
    for (const std::string& value : pending) {
        auto op = make_op(env_.now(), options_.process, check::OpType::Info,
                          check::OpFunction::Send, spec_.output);
        op.value = value;
        op.error = "process crashed";
        op.txn = recorder_.open_txns()[options_.process];
        recorder_.add(std::move(op));
    }
    pending.clear();
    recorder_.open_txns().erase(options_.process);
    open_producer();
}

void TransformStage::open_producer() {
    ConfigMap config = spec_.output_config;
    if (transactional()) {
        config["transactional.id"] =
            spec_.group + "-transform-" + std::to_string(options_.member);
    }
    auto parsed = core::config::parse_producer_config(config);
    KS_ASSERT(parsed.ok());  // validated when the scenario was loaded
    const uint64_t tag_base = options_.tag_base + kSpan * (1 + producers_opened_++);
    producer_ = std::make_unique<core::client::Producer>(
        env_, tag_base, core::client::producer_options(parsed.value(), options_.bootstrap_servers));
    ready_ = !transactional();
    if (ready_) return;
    producer_->init_transactions([this](Error error) {
        if (error == Error::NONE) {
            ready_ = true;
            return;
        }
        // Not from inside the producer's own callback: a timer replaces it.
        env_.start_timer(kReopenBackoff, options_.tag_base + kReopenTag);
    });
}

std::string TransformStage::next_txn() {
    if (!transactional()) return "";
    const std::string id = spec_.group + "-transform-" + std::to_string(options_.member);
    txn_ = id + ":" + std::to_string(recorder_.next_value_number(id + " transactions"));
    return txn_;
}

void TransformStage::run_batch(const Records& records, std::function<void()> done) {
    KS_ASSERT(ready_);
    KS_ASSERT(done_ == nullptr);
    batch_ = records;
    done_ = std::move(done);
    revoked_ = false;
    generation_id_ = member_.generation_id();
    member_id_ = member_.member_id();
    outputs_.clear();
    ++batch_number_;
    if (transactional() && producer_->begin_transaction() != Error::NONE) {
        // Not READY after all (fenced meanwhile): a new producer, and the batch again.
        ready_ = false;
        env_.start_timer(0, options_.tag_base + kReopenTag);
        rewind();
        finish();
        return;
    }
    send_outputs();
    const sim::Duration busy = spec_.process_time * static_cast<int64_t>(batch_.size());
    env_.start_timer(busy, options_.tag_base + kProcessedTag);
}

void TransformStage::send_outputs() {
    for (const auto& record : batch_) {
        Output output;
        output.key = record.key;
        output.value = output_value(record.value, options_.process,
                                    recorder_.next_value_number(options_.process));
        auto op = make_op(env_.now(), options_.process, check::OpType::Invoke,
                          check::OpFunction::Send, spec_.output);
        op.key = output.key;
        op.value = output.value;
        op.txn = txn_;
        recorder_.add(std::move(op));
        recorder_.pending_sends()[options_.process].insert(output.value);
        if (!txn_.empty()) recorder_.open_txns()[options_.process] = txn_;
        core::client::ProducerRecord out;
        out.topic = spec_.output;
        out.has_key = record.has_key;
        out.key = record.key;
        out.value = output.value;
        outputs_.push_back(std::move(output));
        producer_->send(std::move(out),
                        [this, batch = batch_number_, index = outputs_.size() - 1](
                            const core::client::RecordMetadata& metadata, Error error,
                            const std::string&) {
                            if (batch == batch_number_) on_output_sent(index, metadata, error);
                        });
    }
}

void TransformStage::on_output_sent(size_t index, const core::client::RecordMetadata& metadata,
                                    Error error) {
    Output& output = outputs_.at(index);
    output.partition = metadata.partition;
    output.offset = metadata.offset;
    output.error = error;
    if (transactional()) return;  // settled with the transaction
    // Without a transaction the acknowledgement is the commit point of the record.
    recorder_.pending_sends()[options_.process].erase(output.value);
    auto op = make_op(env_.now(), options_.process,
                      error == Error::NONE ? check::OpType::Ok : check::OpType::Info,
                      check::OpFunction::Send, spec_.output);
    op.key = output.key;
    op.value = output.value;
    if (output.partition >= 0) op.partition = output.partition;
    if (error == Error::NONE) op.offset = output.offset;
    if (error != Error::NONE) op.error = std::string(core::protocol::error_name(error));
    recorder_.add(std::move(op));
}

void TransformStage::on_processed() {
    if (!transactional()) {
        producer_->flush([this, batch = batch_number_] {
            if (batch == batch_number_) commit_offsets_after_outputs();
        });
        return;
    }
    // The records were polled in another generation than the member is in now, or in
    // none: committing them could overwrite their new owner's progress.
    const bool fenced = generation_id_ < 0 || member_.generation_id() != generation_id_ ||
                        member_.member_id() != member_id_;
    if (revoked_ || fenced) {
        on_transaction_error(Error::REBALANCE_IN_PROGRESS);
        return;
    }
    send_offsets();
}

void TransformStage::commit_offsets_after_outputs() {
    const bool written = std::all_of(outputs_.begin(), outputs_.end(),
                                     [](const Output& o) { return o.error == Error::NONE; });
    if (!written) {
        // At-least-once: a record whose output may be missing is transformed again.
        rewind();
        finish();
        return;
    }
    options_.commit(offsets_after(batch_), [this](bool) { finish(); });
}

void TransformStage::send_offsets() {
    core::client::TransactionOffsets offsets;
    offsets.group_id = spec_.group;
    offsets.generation_id = generation_id_;
    offsets.member_id = member_id_;
    for (const auto& [tp, offset] : offsets_after(batch_)) {
        core::protocol::TxnOffsetCommitPartition partition;
        partition.topic_partition = tp;
        partition.committed_offset = offset;
        offsets.offsets.push_back(std::move(partition));
    }
    record_commits(check::OpType::Invoke, "");
    producer_->send_offsets_to_transaction(std::move(offsets), [this](Error error) {
        if (error == Error::NONE) {
            commit_transaction();
        } else {
            on_transaction_error(error);
        }
    });
}

void TransformStage::commit_transaction() {
    producer_->commit_transaction([this](Error error) {
        if (error != Error::NONE) {
            on_transaction_error(error);
            return;
        }
        settle(check::OpType::Ok, "");
        finish();
    });
}

void TransformStage::on_transaction_error(Error error) {
    const auto* transactions = producer_->transactions();
    if (transactions->state() == core::client::TransactionState::FatalError) {
        // Fenced: close the producer; the next one's initTransactions aborts what is open.
        settle(check::OpType::Info, error_text("producer fenced", error));
        ready_ = false;
        env_.start_timer(0, options_.tag_base + kReopenTag);
        rewind();
        finish();
        return;
    }
    producer_->abort_transaction([this, error](Error aborted) {
        if (aborted == Error::NONE) {
            settle(check::OpType::Fail, error_text("transaction aborted", error));
        } else {
            settle(check::OpType::Info, error_text("abort failed", aborted));
            ready_ = false;
            env_.start_timer(0, options_.tag_base + kReopenTag);
        }
        rewind();
        finish();
    });
}

void TransformStage::on_revoked() {
    if (done_ != nullptr) revoked_ = true;
}

void TransformStage::settle(check::OpType type, const std::string& error) {
    auto& pending = recorder_.pending_sends()[options_.process];
    for (const Output& output : outputs_) {
        pending.erase(output.value);
        auto op = make_op(env_.now(), options_.process, type, check::OpFunction::Send,
                          spec_.output);
        op.key = output.key;
        op.value = output.value;
        if (output.partition >= 0) op.partition = output.partition;
        if (type == check::OpType::Ok) {
            KS_ASSERT(output.error == Error::NONE);
            op.offset = output.offset;
        }
        op.error = error;
        op.txn = txn_;
        recorder_.add(std::move(op));
    }
    recorder_.open_txns().erase(options_.process);
    record_commits(type, error);
}

void TransformStage::record_commits(check::OpType type, const std::string& error) {
    for (const auto& [tp, offset] : offsets_after(batch_)) {
        auto op = make_op(env_.now(), options_.process, type, check::OpFunction::Commit,
                          tp.topic);
        op.partition = tp.partition;
        op.key = spec_.group;
        op.offset = offset;
        op.error = error;
        op.txn = txn_;
        recorder_.add(std::move(op));
    }
}

void TransformStage::rewind() {
    // The batch's first offsets are what the group committed last: every earlier batch
    // committed, or was rewound the same way.
    Offsets first;
    for (const auto& record : batch_) {
        auto [it, inserted] = first.try_emplace({record.topic, record.partition}, record.offset);
        it->second = std::min(it->second, record.offset);
    }
    bool sought = false;
    for (const auto& [tp, offset] : first) {
        if (!member_.owned().contains(tp) || !consumer_.position(tp)) continue;
        consumer_.seek(tp, offset);
        sought = true;
    }
    if (!sought) return;
    // Assign rows restate the member's partitions: it reads them again from the committed
    // offsets, as a new owner would (a seek, not a nonmonotonic poll).
    for (const auto& tp : member_.owned()) {
        auto op = make_op(env_.now(), options_.process, check::OpType::Ok,
                          check::OpFunction::Assign, tp.topic);
        op.partition = tp.partition;
        op.key = spec_.group;
        op.value = std::to_string(member_.generation_id());
        recorder_.add(std::move(op));
    }
}

void TransformStage::finish() {
    KS_ASSERT(done_ != nullptr);
    batch_.clear();
    outputs_.clear();
    ++batch_number_;
    std::function<void()> done = std::move(done_);
    done_ = nullptr;
    done();
}

bool TransformStage::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    return producer_ != nullptr && producer_->on_message(from, message);
}

bool TransformStage::on_timer(uint64_t tag) {
    if (tag == options_.tag_base + kReopenTag) {
        open_producer();
        return true;
    }
    if (tag == options_.tag_base + kProcessedTag) {
        on_processed();
        return true;
    }
    if (tag >= options_.tag_base && tag < options_.tag_base + kSpan * (1 + producers_opened_)) {
        // A closed producer's timer is dropped; the open one's is routed.
        if (producer_ != nullptr) producer_->on_timer(tag);
        return true;
    }
    return false;
}

void TransformStage::on_disconnected(sim::NodeId peer) {
    if (producer_ != nullptr) producer_->on_disconnected(peer);
}

}  // namespace harness
