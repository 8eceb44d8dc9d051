#pragma once
// The producer's per-partition queues of batches (Kafka's RecordAccumulator): appends
// records into open batches, says which leaders have a batch ready (full, linger.ms
// elapsed, flush, retry backoff over), drains one batch per partition per request, and
// takes failed batches back for retry in sequence order.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "core/client/producer_batch.h"
#include "sim/node_env.h"

namespace core::client {

class MetadataCache;

struct AccumulatorOptions {
    /// batch.size: a batch is full at this many bytes.
    uint32_t batch_size = 16384;
    /// linger.ms: how long a non-full batch waits for more records.
    sim::Duration linger = 0;  // Kafka 3.x default
    /// retry.backoff.ms: how long a retried batch waits before it is sent again.
    sim::Duration retry_backoff = 100 * sim::kMillisecond;
    /// max.request.size: the most bytes of batches one Produce request carries.
    uint32_t max_request_size = 1048576;
};

struct ReadyCheck {
    std::set<sim::NodeId> ready_nodes;
    /// When a batch not ready now becomes ready (linger or backoff ends).
    sim::Time next_ready_time = sim::kTimeNever;
    /// Some partition with data has no known leader: refresh metadata.
    bool unknown_leader = false;
};

/// Whether a partition's head batch may be drained now; lets the idempotence rules
/// (producer id known, retries only in sequence order) veto a partition.
using DrainFilter = std::function<bool(const ProducerBatch& first)>;
/// Called on each batch as it is drained (assigns the idempotent sequence).
using DrainHook = std::function<void(ProducerBatch& batch)>;

class RecordAccumulator {
   public:
    explicit RecordAccumulator(AccumulatorOptions options) : options_(options) {}

    struct AppendResult {
        /// The batch the record went into is full (or a later batch was started): the
        /// sender should run now.
        bool batch_full = false;
        /// A new batch was created (the sticky partitioner may move on).
        bool new_batch = false;
    };
    AppendResult append(const TopicPartition& tp, protocol::Record record, SendCallback callback,
                        sim::Time now);

    /// Whether appending `bytes` to `tp` would open a new batch (none open, or no room).
    bool would_start_new_batch(const TopicPartition& tp, uint32_t bytes) const;

    ReadyCheck ready(const MetadataCache& metadata, sim::Time now) const;
    /// Up to one batch per partition led by each of `nodes`, at most max.request.size each
    /// request (the first batch always fits). Rotates the starting partition per node so
    /// no partition starves.
    std::map<sim::NodeId, std::vector<std::unique_ptr<ProducerBatch>>> drain(
        const MetadataCache& metadata, const std::set<sim::NodeId>& nodes, sim::Time now,
        const DrainFilter& filter, const DrainHook& hook);
    /// Puts a batch back for retry: ahead of newer batches, in base-sequence order.
    void reenqueue(std::unique_ptr<ProducerBatch> batch, sim::Time now);
    /// Removes batches whose delivery.timeout.ms passed while they waited here.
    std::vector<std::unique_ptr<ProducerBatch>> expired_batches(sim::Duration delivery_timeout,
                                                                sim::Time now);
    /// Removes every batch (producer close with an error, or fatal idempotence state).
    std::vector<std::unique_ptr<ProducerBatch>> abort_all();
    /// Calls `visit` on every queued batch (e.g. to clear sequences after a reset).
    void for_each_batch(const std::function<void(ProducerBatch&)>& visit);

    /// Partitions muted while a batch of theirs is in flight (max.in.flight = 1 keeps
    /// order that way when idempotence is off).
    void mute(const TopicPartition& tp) { muted_.insert(tp); }
    void unmute(const TopicPartition& tp) { muted_.erase(tp); }

    /// flush(): every queued batch counts as ready until end_flush().
    void begin_flush() { ++flushes_in_progress_; }
    void end_flush() { --flushes_in_progress_; }
    bool has_batches() const;
    /// Creation time of the oldest queued batch (kTimeNever when none).
    sim::Time oldest_created() const;
    size_t batch_count() const;

   private:
    using Deque = std::deque<std::unique_ptr<ProducerBatch>>;
    bool is_sendable(const Deque& deque, sim::Time now, sim::Time* ready_at) const;

    AccumulatorOptions options_;
    std::map<TopicPartition, Deque> batches_;
    std::set<TopicPartition> muted_;
    std::map<sim::NodeId, size_t> drain_index_;
    int flushes_in_progress_ = 0;
};

}  // namespace core::client
