// The sender half of Producer (Kafka's Sender): producer ids, draining ready batches into
// Produce requests, and completing, retrying or failing batches from the answers.

#include <algorithm>
#include <utility>

#include "core/client/producer.h"
#include "core/common/probes.h"
#include "core/protocol/init_producer_id.h"
#include "core/protocol/produce.h"
#include "sim/assert.h"

namespace core::client {

using protocol::Error;

namespace {
/// Kafka's InvalidMetadataException family: the client's idea of the leader is wrong.
bool is_invalid_metadata(Error error) {
    switch (error) {
        case Error::NOT_LEADER_OR_FOLLOWER:
        case Error::UNKNOWN_TOPIC_OR_PARTITION:
        case Error::LEADER_NOT_AVAILABLE:
        case Error::NETWORK_EXCEPTION:
        case Error::REQUEST_TIMED_OUT:
        case Error::KAFKA_STORAGE_ERROR:
        case Error::FENCED_LEADER_EPOCH:
        case Error::UNKNOWN_LEADER_EPOCH:
            return true;
        default:
            return false;
    }
}
}  // namespace

void Producer::maybe_init_producer_id() {
    // A transactional producer gets its id from its transaction coordinator.
    if (!options_.enable_idempotence || init_producer_id_in_flight_) return;
    if (transactions_ != nullptr) return;
    // A reset waits until no batch is on the wire, so their answers are still judged
    // against the sequences they were sent with.
    const bool needed = !idempotence_.has_producer_id() &&
                        (!idempotence_.reset_pending() || in_flight_batches_ == 0);
    if (!needed || env_.now() < init_producer_id_retry_at_) return;
    const sim::NodeId node = network_.least_loaded(metadata_.brokers());
    init_producer_id_in_flight_ = true;
    network_.send(node, std::make_shared<protocol::InitProducerIdRequest>(),
                  [this](const protocol::KafkaMessage* message, Error error) {
                      init_producer_id_in_flight_ = false;
                      const auto* response =
                          static_cast<const protocol::InitProducerIdResponse*>(message);
                      if (response != nullptr) error = response->error;
                      if (error != Error::NONE) {
                          init_producer_id_retry_at_ =
                              env_.now() + options_.accumulator.retry_backoff;
                          metadata_.request_update();
                          return;
                      }
                      idempotence_.set_producer_id(response->producer_id,
                                                   response->producer_epoch);
                      // Queued batches (retries included) take sequences of the new id.
                      accumulator_.for_each_batch([](ProducerBatch& batch) {
                          batch.producer_id = kNoProducerId;
                          batch.producer_epoch = kNoProducerEpoch;
                          batch.base_sequence = kNoSequence;
                      });
                      hit(env_, Probe::ProducerGotProducerId);
                  });
}

void Producer::send_ready_batches(sim::Time now) {
    ReadyCheck check = accumulator_.ready(metadata_, now);
    if (check.unknown_leader) metadata_.request_update();
    std::set<sim::NodeId> sendable;
    for (sim::NodeId node : check.ready_nodes) {
        if (network_.in_flight(node) < options_.max_in_flight_requests_per_connection) {
            sendable.insert(node);
        }
    }
    if (sendable.empty()) return;
    DrainFilter filter;
    DrainHook hook;
    if (options_.enable_idempotence) {
        filter = [this](const ProducerBatch& first) { return may_drain(first); };
        hook = [this](ProducerBatch& batch) { idempotence_.assign_sequence(batch); };
    }
    auto drained = accumulator_.drain(metadata_, sendable, now, filter, hook);
    for (auto& [node, batches] : drained) {
        if (!batches.empty()) send_produce(node, std::move(batches));
    }
}

bool Producer::may_drain(const ProducerBatch& first) {
    // A transaction's partition takes data only once AddPartitionsToTxn added it.
    if (transactions_ != nullptr && !transactions_->may_send(first.topic_partition)) {
        return false;
    }
    return idempotence_.may_drain(first);
}

void Producer::on_batch_given_up(const ProducerBatch& batch, Error error) {
    if (options_.enable_idempotence) idempotence_.on_failed(batch);
    if (transactions_ != nullptr) transactions_->on_batch_failed(error);
}

void Producer::send_produce(sim::NodeId node, Batches batches) {
    auto request = std::make_shared<protocol::ProduceRequest>();
    request->acks = options_.acks;
    request->timeout_ms = static_cast<int32_t>(sim::to_ms(options_.request_timeout));
    if (transactions_ != nullptr) request->transactional_id = transactions_->transactional_id();
    for (auto& batch : batches) {
        protocol::PartitionProduceData data;
        data.topic_partition = batch->topic_partition;
        data.records.producer_id = batch->producer_id;
        data.records.producer_epoch = batch->producer_epoch;
        data.records.base_sequence = batch->base_sequence;
        data.records.is_transactional = transactions_ != nullptr;
        data.records.records = batch->records;
        request->partitions.push_back(std::move(data));
        if (batch->last_attempt < 0) batch->last_attempt = env_.now();
        if (options_.max_in_flight_requests_per_connection == 1) {
            accumulator_.mute(batch->topic_partition);
        }
    }
    if (options_.acks == 0) {
        // acks=0: nothing comes back; each record counts as sent, offset unknown.
        network_.send(node, std::move(request), nullptr, false);
        for (auto& batch : batches) complete_batch(std::move(batch), Error::NONE, kNoOffset, "");
        return;
    }
    in_flight_batches_ += static_cast<int64_t>(batches.size());
    auto shared = std::make_shared<Batches>(std::move(batches));
    network_.send(node, std::move(request),
                  [this, shared](const protocol::KafkaMessage* response, Error error) {
                      on_produce_response(
                          shared, static_cast<const protocol::ProduceResponse*>(response), error);
                  });
}

void Producer::on_produce_response(const std::shared_ptr<Batches>& batches,
                                   const protocol::ProduceResponse* response, Error error) {
    in_flight_batches_ -= static_cast<int64_t>(batches->size());
    for (auto& batch : *batches) {
        Error partition_error = error;
        Offset base_offset = kNoOffset;
        std::string message;
        if (response != nullptr) {
            partition_error = Error::UNKNOWN_SERVER_ERROR;
            for (const auto& r : response->responses) {
                if (r.topic_partition != batch->topic_partition) continue;
                partition_error = r.error;
                base_offset = r.base_offset;
                message = r.error_message;
            }
        }
        complete_batch(std::move(batch), partition_error, base_offset, message);
    }
}

bool Producer::can_retry(const ProducerBatch& batch, Error error) const {
    if (batch.attempts >= options_.retries) return false;
    if (env_.now() - batch.created >= options_.delivery_timeout) return false;
    if (options_.enable_idempotence && error == Error::OUT_OF_ORDER_SEQUENCE_NUMBER) {
        return idempotence_.out_of_order_is_retriable(batch);
    }
    return protocol::is_retriable(error);
}

void Producer::complete_batch(std::unique_ptr<ProducerBatch> batch, Error error,
                              Offset base_offset, const std::string& message) {
    if (options_.max_in_flight_requests_per_connection == 1) {
        accumulator_.unmute(batch->topic_partition);
    }
    if (error == Error::NONE || error == Error::DUPLICATE_SEQUENCE_NUMBER) {
        if (options_.enable_idempotence) idempotence_.on_acked(*batch);
        succeed_batch(*batch, error == Error::NONE ? base_offset : kNoOffset);
        return;
    }
    if (is_invalid_metadata(error)) metadata_.request_update();
    if (can_retry(*batch, error)) {
        hit(env_, Probe::ProducerBatchRetried);
        accumulator_.reenqueue(std::move(batch), env_.now());
        return;
    }
    on_batch_given_up(*batch, error);
    std::string text = message.empty() ? std::string(protocol::error_message(error)) : message;
    if (error == Error::REQUEST_TIMED_OUT || error == Error::NETWORK_EXCEPTION) {
        text = "Expiring " + std::to_string(batch->record_count()) + " record(s) for " +
               batch->topic_partition.str() + ":" +
               std::to_string(sim::to_ms(env_.now() - batch->created)) +
               " ms has passed since batch creation";
        error = Error::REQUEST_TIMED_OUT;
    }
    fail_batch(*batch, error, text);
}

void Producer::succeed_batch(ProducerBatch& batch, Offset base_offset) {
    const TopicPartition& tp = batch.topic_partition;
    for (size_t i = 0; i < batch.callbacks.size(); ++i) {
        const Offset offset = base_offset < 0 ? kNoOffset : base_offset + static_cast<Offset>(i);
        --pending_records_;
        batch.callbacks[i]({tp.topic, tp.partition, offset}, Error::NONE, "");
    }
}

void Producer::fail_batch(ProducerBatch& batch, Error error, const std::string& message) {
    const TopicPartition& tp = batch.topic_partition;
    for (auto& callback : batch.callbacks) {
        --pending_records_;
        callback({tp.topic, tp.partition, kNoOffset}, error, message);
    }
}

void Producer::expire_batches(sim::Time now) {
    for (auto& batch : accumulator_.expired_batches(options_.delivery_timeout, now)) {
        on_batch_given_up(*batch, Error::REQUEST_TIMED_OUT);
        fail_batch(*batch, Error::REQUEST_TIMED_OUT,
                   "Expiring " + std::to_string(batch->record_count()) + " record(s) for " +
                       batch->topic_partition.str() + ":" +
                       std::to_string(sim::to_ms(now - batch->created)) +
                       " ms has passed since batch creation");
    }
}

}  // namespace core::client
