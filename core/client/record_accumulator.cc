#include "core/client/record_accumulator.h"

#include <algorithm>
#include <utility>

#include "core/client/metadata_cache.h"
#include "sim/assert.h"

namespace core::client {

namespace {
uint32_t record_size(const protocol::Record& record) {
    return 20 + static_cast<uint32_t>(record.key.size() + record.value.size());
}
}  // namespace

RecordAccumulator::AppendResult RecordAccumulator::append(const TopicPartition& tp,
                                                          protocol::Record record,
                                                          SendCallback callback, sim::Time now) {
    Deque& deque = batches_[tp];
    AppendResult result;
    const uint32_t bytes = record_size(record);
    ProducerBatch* last = deque.empty() ? nullptr : deque.back().get();
    // Kafka's tryAppend: a record goes into the open batch while it fits; an oversized
    // record still gets a batch of its own.
    if (last == nullptr || last->closed || last->size_bytes + bytes > options_.batch_size) {
        if (last != nullptr) last->closed = true;
        auto batch = std::make_unique<ProducerBatch>();
        batch->topic_partition = tp;
        batch->created = now;
        deque.push_back(std::move(batch));
        last = deque.back().get();
        result.new_batch = true;
    }
    last->records.push_back(std::move(record));
    last->callbacks.push_back(std::move(callback));
    last->size_bytes += bytes;
    result.batch_full = deque.size() > 1 || last->size_bytes >= options_.batch_size;
    return result;
}

bool RecordAccumulator::would_start_new_batch(const TopicPartition& tp, uint32_t bytes) const {
    auto it = batches_.find(tp);
    if (it == batches_.end() || it->second.empty()) return true;
    const ProducerBatch& last = *it->second.back();
    return last.closed || last.size_bytes + bytes > options_.batch_size;
}

bool RecordAccumulator::is_sendable(const Deque& deque, sim::Time now, sim::Time* ready_at) const {
    const ProducerBatch& first = *deque.front();
    const sim::Duration waited = first.waited(now);
    const bool backing_off = first.attempts > 0 && waited < options_.retry_backoff;
    const sim::Duration wait = first.attempts > 0 ? options_.retry_backoff : options_.linger;
    const bool full = deque.size() > 1 || first.size_bytes >= options_.batch_size;
    const bool sendable = full || waited >= wait || flushes_in_progress_ > 0;
    if (sendable && !backing_off) return true;
    *ready_at = std::min(*ready_at, now + std::max<sim::Duration>(wait - waited, 0));
    return false;
}

ReadyCheck RecordAccumulator::ready(const MetadataCache& metadata, sim::Time now) const {
    ReadyCheck check;
    for (const auto& [tp, deque] : batches_) {
        if (deque.empty()) continue;
        const sim::NodeId leader = metadata.leader(tp);
        if (leader == sim::kNoNode) {
            check.unknown_leader = true;
            continue;
        }
        if (check.ready_nodes.count(leader) != 0 || muted_.count(tp) != 0) continue;
        if (is_sendable(deque, now, &check.next_ready_time)) check.ready_nodes.insert(leader);
    }
    return check;
}

std::map<sim::NodeId, std::vector<std::unique_ptr<ProducerBatch>>> RecordAccumulator::drain(
    const MetadataCache& metadata, const std::set<sim::NodeId>& nodes, sim::Time now,
    const DrainFilter& filter, const DrainHook& hook) {
    std::map<sim::NodeId, std::vector<TopicPartition>> led;
    for (const auto& [tp, deque] : batches_) {
        if (deque.empty() || muted_.count(tp) != 0) continue;
        const sim::NodeId leader = metadata.leader(tp);
        if (nodes.count(leader) != 0) led[leader].push_back(tp);
    }
    std::map<sim::NodeId, std::vector<std::unique_ptr<ProducerBatch>>> drained;
    for (auto& [node, partitions] : led) {
        uint32_t request_bytes = 0;
        size_t& start = drain_index_[node];
        start %= partitions.size();
        for (size_t i = 0; i < partitions.size(); ++i) {
            Deque& deque = batches_[partitions[(start + i) % partitions.size()]];
            ProducerBatch& first = *deque.front();
            if (first.attempts > 0 && first.waited(now) < options_.retry_backoff) continue;
            if (request_bytes + first.size_bytes > options_.max_request_size &&
                !drained[node].empty()) {
                break;
            }
            if (filter && !filter(first)) continue;
            std::unique_ptr<ProducerBatch> batch = std::move(deque.front());
            deque.pop_front();
            batch->closed = true;
            if (hook) hook(*batch);
            request_bytes += batch->size_bytes;
            drained[node].push_back(std::move(batch));
        }
        ++start;
    }
    return drained;
}

void RecordAccumulator::reenqueue(std::unique_ptr<ProducerBatch> batch, sim::Time now) {
    KS_ASSERT(batch != nullptr);
    batch->last_attempt = now;
    ++batch->attempts;
    Deque& deque = batches_[batch->topic_partition];
    // Kafka's insertInSequenceOrder: a retried batch goes before every batch with a
    // higher sequence (or none yet), so sequences leave in order.
    auto it = deque.begin();
    if (batch->has_sequence()) {
        while (it != deque.end() && (*it)->has_sequence() &&
               (*it)->base_sequence < batch->base_sequence) {
            ++it;
        }
    }
    deque.insert(it, std::move(batch));
}

std::vector<std::unique_ptr<ProducerBatch>> RecordAccumulator::expired_batches(
    sim::Duration delivery_timeout, sim::Time now) {
    std::vector<std::unique_ptr<ProducerBatch>> expired;
    for (auto& [tp, deque] : batches_) {
        for (auto it = deque.begin(); it != deque.end();) {
            if (now - (*it)->created >= delivery_timeout) {
                expired.push_back(std::move(*it));
                it = deque.erase(it);
            } else {
                ++it;
            }
        }
    }
    return expired;
}

std::vector<std::unique_ptr<ProducerBatch>> RecordAccumulator::abort_all() {
    std::vector<std::unique_ptr<ProducerBatch>> all;
    for (auto& [tp, deque] : batches_) {
        for (auto& batch : deque) all.push_back(std::move(batch));
        deque.clear();
    }
    return all;
}

void RecordAccumulator::for_each_batch(const std::function<void(ProducerBatch&)>& visit) {
    for (auto& [tp, deque] : batches_) {
        for (auto& batch : deque) visit(*batch);
    }
}

sim::Time RecordAccumulator::oldest_created() const {
    sim::Time oldest = sim::kTimeNever;
    for (const auto& [tp, deque] : batches_) {
        for (const auto& batch : deque) oldest = std::min(oldest, batch->created);
    }
    return oldest;
}

bool RecordAccumulator::has_batches() const { return batch_count() > 0; }

size_t RecordAccumulator::batch_count() const {
    size_t count = 0;
    for (const auto& [tp, deque] : batches_) count += deque.size();
    return count;
}

}  // namespace core::client
