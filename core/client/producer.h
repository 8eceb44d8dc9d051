#pragma once
// Kafka's producer (KafkaProducer + Sender), single-threaded: send() partitions a record
// and appends it to the accumulator; the sender drains ready batches to partition leaders,
// retries within delivery.timeout.ms, keeps idempotent sequences, and reports each
// record's outcome through its callback. Owned by a host Process that routes to it.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/client/idempotence.h"
#include "core/client/metadata_cache.h"
#include "core/client/network_client.h"
#include "core/client/partitioner.h"
#include "core/client/producer_batch.h"
#include "core/client/record_accumulator.h"
#include "core/client/transaction_manager.h"
#include "sim/node_env.h"

namespace core::config {
struct ProducerConfig;
}  // namespace core::config
namespace core::protocol {
class KafkaMessage;
class ProduceResponse;
}  // namespace core::protocol

namespace core::client {

/// The producer's settings, typed; `producer_options_from_config` reads them from
/// Kafka's config keys (core/config's ProducerConfig table and its defaults).
struct ProducerOptions {
    /// bootstrap.servers: any live broker among them is enough.
    std::vector<sim::NodeId> bootstrap_servers;
    /// acks: 0, 1 or -1 ("all").
    int16_t acks = -1;
    /// enable.idempotence after Kafka's resolution (on unless a conflicting setting
    /// turned it off).
    bool enable_idempotence = true;
    /// retries.
    int32_t retries = 2147483647;
    /// max.in.flight.requests.per.connection.
    int32_t max_in_flight_requests_per_connection = 5;
    /// delivery.timeout.ms: from send() to the callback, retries included.
    sim::Duration delivery_timeout = 120 * sim::kSecond;
    /// request.timeout.ms.
    sim::Duration request_timeout = 30 * sim::kSecond;
    /// max.block.ms: how long a send waits for its topic's metadata.
    sim::Duration max_block = 60 * sim::kSecond;
    /// buffer.memory: a record larger than this can never be buffered (RecordTooLarge).
    /// BufferPool's blocking when the buffer is full is not modelled.
    int64_t buffer_memory = 33554432;
    /// partitioner.class and partitioner.ignore.keys, resolved.
    PartitionerKind partitioner = PartitionerKind::BuiltIn;
    /// transactional.id: set, the producer is transactional (KIP-98).
    std::optional<std::string> transactional_id;
    /// transaction.timeout.ms: the coordinator aborts a transaction open longer.
    sim::Duration transaction_timeout = 60 * sim::kSecond;
    AccumulatorOptions accumulator;
    MetadataOptions metadata;
};

/// Typed options from Kafka's producer config (parsed and resolved by core/config).
ProducerOptions producer_options(const config::ProducerConfig& config,
                                 std::vector<sim::NodeId> bootstrap_servers);

class Producer {
   public:
    /// `tag_base`: this producer's timers are [tag_base, tag_base + kClientTagSpan).
    Producer(sim::NodeEnv& env, uint64_t tag_base, ProducerOptions options);
    ~Producer();
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;

    /// KafkaProducer.send: the callback runs exactly once, when the record is acknowledged
    /// (acks=0: once it is sent), or fails, or times out.
    void send(ProducerRecord record, SendCallback callback);
    /// KafkaProducer.flush: every record sent before is made ready at once; `on_flushed`
    /// runs when all of them have completed.
    void flush(std::function<void()> on_flushed);

    // producer_transactions.cc: KafkaProducer's transactional API (transactional.id set).
    // Each callback runs once with NONE or Kafka's error; after PRODUCER_FENCED (or
    // INVALID_PRODUCER_EPOCH) the producer is fenced for good; after another error a
    // commit is refused and only abort_transaction() moves on.
    using TransactionCallback = TransactionManager::Callback;
    void init_transactions(TransactionCallback done);
    /// NONE, or INVALID_TXN_STATE (not ready) / the fatal error.
    protocol::Error begin_transaction();
    /// Flushes, then EndTxn(commit) once the decision is durable.
    void commit_transaction(TransactionCallback done);
    /// KafkaProducer.sendOffsetsToTransaction: the consumer's offsets commit with the
    /// transaction (KIP-447 group metadata included).
    void send_offsets_to_transaction(TransactionOffsets offsets, TransactionCallback done);
    /// Fails the records not yet sent, waits for those in flight, then EndTxn(abort).
    void abort_transaction(TransactionCallback done);
    /// nullptr unless transactional.
    const TransactionManager* transactions() const { return transactions_.get(); }

    /// Host routing: true when the message/timer was this producer's.
    bool on_message(sim::NodeId from, const sim::MessagePtr& message);
    bool on_timer(uint64_t tag);
    void on_disconnected(sim::NodeId peer);

    /// Records sent whose callback has not run yet.
    int64_t pending_records() const { return pending_records_; }
    const MetadataCache& metadata() const { return metadata_; }
    const IdempotenceState& idempotence() const { return idempotence_; }
    const ProducerOptions& options() const { return options_; }

   private:
    struct WaitingRecord {
        ProducerRecord record;
        SendCallback callback;
        sim::Time deadline = 0;
    };
    using Batches = std::vector<std::unique_ptr<ProducerBatch>>;

    // producer.cc: the application side.
    void append(ProducerRecord record, SendCallback callback);
    /// Kafka's RecordTooLargeException text when the record can never be sent, else none.
    std::optional<std::string> record_too_large(const ProducerRecord& record) const;
    TopicPartitions topic_partitions(const std::string& topic) const;
    int32_t choose_partition(const ProducerRecord& record);
    void release_waiting();
    void schedule_run(sim::Time at);
    void run();
    sim::Time next_deadline(sim::Time metadata_due) const;
    void check_flushes();

    // producer_sender.cc: the sender side.
    void maybe_init_producer_id();
    void send_ready_batches(sim::Time now);
    void send_produce(sim::NodeId node, Batches batches);
    void on_produce_response(const std::shared_ptr<Batches>& batches,
                             const protocol::ProduceResponse* response, protocol::Error error);
    void complete_batch(std::unique_ptr<ProducerBatch> batch, protocol::Error error,
                        Offset base_offset, const std::string& message);
    bool can_retry(const ProducerBatch& batch, protocol::Error error) const;
    void succeed_batch(ProducerBatch& batch, Offset base_offset);
    void fail_batch(ProducerBatch& batch, protocol::Error error, const std::string& message);
    void expire_batches(sim::Time now);
    bool may_drain(const ProducerBatch& first);
    void on_batch_given_up(const ProducerBatch& batch, protocol::Error error);

    sim::NodeEnv& env_;
    uint64_t tag_base_;
    ProducerOptions options_;
    NetworkClient network_;
    MetadataCache metadata_;
    RecordAccumulator accumulator_;
    IdempotenceState idempotence_;
    Partitioner partitioner_;
    std::unique_ptr<TransactionManager> transactions_;
    std::deque<WaitingRecord> waiting_for_metadata_;
    bool init_producer_id_in_flight_ = false;
    sim::Time init_producer_id_retry_at_ = 0;
    sim::TimerId wakeup_timer_;
    sim::Time wakeup_at_ = sim::kTimeNever;
    bool running_ = false;
    int64_t pending_records_ = 0;
    /// Batches sent and not yet answered (delivery timeout applies to them too).
    int64_t in_flight_batches_ = 0;
    std::vector<std::function<void()>> flush_waiters_;
};

}  // namespace core::client
