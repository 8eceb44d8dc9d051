#include "core/client/producer.h"

#include <algorithm>
#include <utility>

#include "core/config/client_config.h"
#include "sim/assert.h"

namespace core::client {

using protocol::Error;

namespace {
constexpr uint64_t kWakeupTag = NetworkClient::kOwnTagOffset;
}  // namespace

Producer::Producer(sim::NodeEnv& env, uint64_t tag_base, ProducerOptions options)
    : env_(env),
      tag_base_(tag_base),
      options_(std::move(options)),
      network_(env, tag_base, options_.request_timeout),
      metadata_(network_, options_.bootstrap_servers, options_.metadata),
      accumulator_(options_.accumulator),
      partitioner_(options_.partitioner) {
    KS_ASSERT(options_.max_in_flight_requests_per_connection >= 1);
    KS_ASSERT(!options_.enable_idempotence || options_.acks == -1);
    if (options_.transactional_id.has_value()) {
        KS_ASSERT(options_.enable_idempotence);
        transactions_ = std::make_unique<TransactionManager>(
            env_, network_, metadata_, idempotence_, *options_.transactional_id,
            options_.transaction_timeout, options_.accumulator.retry_backoff);
    }
    metadata_.set_on_update([this] { schedule_run(env_.now()); });
    schedule_run(env_.now());
}

Producer::~Producer() { env_.cancel_timer(wakeup_timer_); }

void Producer::send(ProducerRecord record, SendCallback callback) {
    KS_ASSERT(callback != nullptr);
    if (transactions_ != nullptr &&
        transactions_->state() != TransactionState::InTransaction) {
        // Kafka throws here (IllegalStateException, or the fatal/abortable error).
        const Error error = transactions_->last_error() != Error::NONE
                                ? transactions_->last_error()
                                : Error::INVALID_TXN_STATE;
        callback({record.topic, record.partition.value_or(-1), kNoOffset}, error,
                 std::string("Cannot send in transaction state ") +
                     transaction_state_name(transactions_->state()));
        return;
    }
    if (std::optional<std::string> too_large = record_too_large(record)) {
        callback({record.topic, record.partition.value_or(-1), kNoOffset},
                 Error::MESSAGE_TOO_LARGE, *too_large);
        return;
    }
    ++pending_records_;
    metadata_.add_topic(record.topic);
    if (metadata_.partition_count(record.topic) <= 0 || !waiting_for_metadata_.empty()) {
        // Kafka's send blocks up to max.block.ms for the topic's metadata; here the record
        // waits in order behind earlier waiting ones, so per-producer order is kept.
        waiting_for_metadata_.push_back(
            {std::move(record), std::move(callback), env_.now() + options_.max_block});
        metadata_.request_update();
        schedule_run(env_.now());
        return;
    }
    append(std::move(record), std::move(callback));
}

std::optional<std::string> Producer::record_too_large(const ProducerRecord& record) const {
    // KafkaProducer.ensureValidRecordSize, on the serialized size's upper bound (a v2 batch
    // header, the record's overhead, key and value).
    const uint64_t size = 61 + 20 + record.key.size() + record.value.size();
    if (size > options_.accumulator.max_request_size) {
        return "The message is " + std::to_string(size) +
               " bytes when serialized which is larger than " +
               std::to_string(options_.accumulator.max_request_size) +
               ", which is the value of the max.request.size configuration.";
    }
    if (size > static_cast<uint64_t>(std::max<int64_t>(options_.buffer_memory, 0))) {
        return "The message is " + std::to_string(size) +
               " bytes when serialized which is larger than the total memory buffer you have "
               "configured with the buffer.memory configuration.";
    }
    return std::nullopt;
}

void Producer::append(ProducerRecord record, SendCallback callback) {
    const int32_t count = metadata_.partition_count(record.topic);
    KS_ASSERT(count > 0);
    int32_t partition = 0;
    if (record.partition.has_value()) {
        partition = *record.partition;
        if (partition < 0 || partition >= count) {
            --pending_records_;
            callback({record.topic, partition, kNoOffset}, Error::UNKNOWN_TOPIC_OR_PARTITION,
                     "Invalid partition given with record: " + std::to_string(partition) +
                         " is not in the range [0..." + std::to_string(count) + "].");
            return;
        }
    } else {
        partition = choose_partition(record);
    }
    protocol::Record stored;
    stored.timestamp_ms = sim::to_ms(env_.now());
    stored.has_key = record.has_key;
    stored.key = std::move(record.key);
    stored.value = std::move(record.value);
    const TopicPartition tp{record.topic, partition};
    auto result = accumulator_.append(tp, std::move(stored), std::move(callback), env_.now());
    schedule_run(result.batch_full || options_.accumulator.linger == 0
                     ? env_.now()
                     : env_.now() + options_.accumulator.linger);
}

TopicPartitions Producer::topic_partitions(const std::string& topic) const {
    TopicPartitions partitions;
    const TopicMetadata* metadata = metadata_.topic(topic);
    KS_ASSERT(metadata != nullptr);
    partitions.partition_count = static_cast<int32_t>(metadata->partitions.size());
    partitions.available.reserve(metadata->partitions.size());
    for (const PartitionMetadata& p : metadata->partitions) {
        if (p.leader != sim::kNoNode) partitions.available.push_back(p.topic_partition.partition);
    }
    return partitions;
}

int32_t Producer::choose_partition(const ProducerRecord& record) {
    const TopicPartitions partitions = topic_partitions(record.topic);
    const std::string* key = record.has_key ? &record.key : nullptr;
    int32_t partition = partitioner_.partition(record.topic, key, partitions, env_.rng());
    // KIP-480 (Kafka's abortOnNewBatch): a record that would open a new batch first lets
    // the sticky partitioner move on, then is partitioned again.
    const uint32_t bytes = 20 + static_cast<uint32_t>(record.key.size() + record.value.size());
    if (accumulator_.would_start_new_batch({record.topic, partition}, bytes)) {
        partitioner_.on_new_batch(record.topic, partitions, partition, env_.rng());
        partition = partitioner_.partition(record.topic, key, partitions, env_.rng());
    }
    return partition;
}

void Producer::release_waiting() {
    const sim::Time now = env_.now();
    while (!waiting_for_metadata_.empty()) {
        WaitingRecord& head = waiting_for_metadata_.front();
        if (metadata_.partition_count(head.record.topic) > 0) {
            append(std::move(head.record), std::move(head.callback));
        } else if (now >= head.deadline) {
            --pending_records_;
            head.callback({head.record.topic, head.record.partition.value_or(-1), kNoOffset},
                          Error::REQUEST_TIMED_OUT,
                          "Topic " + head.record.topic + " not present in metadata after " +
                              std::to_string(sim::to_ms(options_.max_block)) + " ms.");
        } else {
            metadata_.request_update();
            return;
        }
        waiting_for_metadata_.pop_front();
    }
}

void Producer::flush(std::function<void()> on_flushed) {
    if (pending_records_ == 0) {
        on_flushed();
        return;
    }
    if (flush_waiters_.empty()) accumulator_.begin_flush();
    flush_waiters_.push_back(std::move(on_flushed));
    schedule_run(env_.now());
}

void Producer::check_flushes() {
    if (flush_waiters_.empty() || pending_records_ > 0) return;
    accumulator_.end_flush();
    std::vector<std::function<void()>> waiters = std::move(flush_waiters_);
    flush_waiters_.clear();
    for (auto& waiter : waiters) waiter();
}

bool Producer::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    if (!network_.on_message(from, message)) return false;
    schedule_run(env_.now());
    return true;
}

bool Producer::on_timer(uint64_t tag) {
    if (tag == tag_base_ + kWakeupTag) {
        wakeup_timer_ = {};
        wakeup_at_ = sim::kTimeNever;
        run();
        return true;
    }
    if (!network_.on_timer(tag)) return false;
    schedule_run(env_.now());
    return true;
}

void Producer::on_disconnected(sim::NodeId peer) {
    network_.on_disconnected(peer);
    metadata_.request_update();
    schedule_run(env_.now());
}

void Producer::schedule_run(sim::Time at) {
    // One wakeup timer: moved earlier when needed, never later (a late run is harmless,
    // it recomputes everything).
    if (at >= wakeup_at_) return;
    env_.cancel_timer(wakeup_timer_);
    wakeup_at_ = at;
    wakeup_timer_ = env_.start_timer(std::max<sim::Duration>(at - env_.now(), 0),
                                     tag_base_ + kWakeupTag);
}

void Producer::run() {
    KS_ASSERT(!running_);
    running_ = true;
    const sim::Time now = env_.now();
    const sim::Time metadata_due = metadata_.poll();
    release_waiting();
    maybe_init_producer_id();
    expire_batches(now);
    const sim::Time transactions_due =
        transactions_ != nullptr ? transactions_->poll() : sim::kTimeNever;
    send_ready_batches(now);
    running_ = false;
    check_flushes();
    schedule_run(std::min(transactions_due, next_deadline(metadata_due)));
}

sim::Time Producer::next_deadline(sim::Time metadata_due) const {
    sim::Time next = metadata_due;
    ReadyCheck check = accumulator_.ready(metadata_, env_.now());
    if (!check.ready_nodes.empty()) {
        // Ready but not sendable now (in-flight limit): a response will wake us.
        next = std::min(next, env_.now() + options_.accumulator.retry_backoff);
    }
    next = std::min(next, check.next_ready_time);
    if (!waiting_for_metadata_.empty()) {
        next = std::min(next, waiting_for_metadata_.front().deadline);
    }
    if (accumulator_.has_batches()) {
        next = std::min(next, accumulator_.oldest_created() + options_.delivery_timeout);
    }
    if (options_.enable_idempotence && !init_producer_id_in_flight_ &&
        init_producer_id_retry_at_ > env_.now()) {
        next = std::min(next, init_producer_id_retry_at_);
    }
    return next;
}

ProducerOptions producer_options(const config::ProducerConfig& config,
                                 std::vector<sim::NodeId> bootstrap_servers) {
    ProducerOptions options;
    options.bootstrap_servers = std::move(bootstrap_servers);
    options.acks = config.acks;
    options.enable_idempotence = config.enable_idempotence;
    options.retries = config.retries;
    options.max_in_flight_requests_per_connection =
        config.max_in_flight_requests_per_connection;
    options.delivery_timeout = sim::from_ms(config.delivery_timeout_ms);
    options.request_timeout = sim::from_ms(config.request_timeout_ms);
    options.max_block = sim::from_ms(config.max_block_ms);
    options.buffer_memory = config.buffer_memory;
    options.partitioner =
        partitioner_kind(config.partitioner_class, config.partitioner_ignore_keys);
    options.accumulator.batch_size = static_cast<uint32_t>(config.batch_size);
    options.accumulator.linger = sim::from_ms(config.linger_ms);
    options.accumulator.retry_backoff = sim::from_ms(config.retry_backoff_ms);
    options.accumulator.max_request_size = static_cast<uint32_t>(config.max_request_size);
    options.metadata.metadata_max_age = sim::from_ms(config.metadata_max_age_ms);
    options.transactional_id = config.transactional_id;
    options.transaction_timeout = sim::from_ms(config.transaction_timeout_ms);
    options.metadata.retry_backoff = sim::from_ms(config.retry_backoff_ms);
    return options;
}

}  // namespace core::client
