// The fetching half of Consumer (Kafka's Fetcher and OffsetFetcher): one Fetch in flight
// per leader for the partitions with a position and an empty buffer, ListOffsets for
// partitions awaiting auto.offset.reset, and the reactions to each partition error.

#include <algorithm>
#include <deque>
#include <memory>
#include <set>

#include "core/client/consumer.h"
#include "core/common/probes.h"
#include "core/protocol/control_record.h"
#include "core/protocol/fetch.h"
#include "core/protocol/list_offsets.h"
#include "sim/assert.h"

namespace core::client {

using protocol::Error;

void Consumer::send_fetches(sim::Time now) {
    std::map<sim::NodeId, std::vector<protocol::FetchPartition>> by_leader;
    for (auto& [tp, state] : assigned_) {
        if (state.state != FetchState::Fetching || !state.buffered.empty()) continue;
        if (state.backoff_until > now) continue;
        const PartitionMetadata* partition = metadata_.partition(tp);
        if (partition == nullptr || partition->leader == sim::kNoNode) continue;
        if (fetch_in_flight_[partition->leader]) continue;
        protocol::FetchPartition fetch;
        fetch.topic_partition = tp;
        fetch.current_leader_epoch = partition->leader_epoch;
        fetch.fetch_offset = state.position;
        fetch.partition_max_bytes = options_.max_partition_fetch_bytes;
        by_leader[partition->leader].push_back(fetch);
    }
    for (auto& [node, partitions] : by_leader) {
        auto request = std::make_shared<protocol::FetchRequest>();
        request->max_wait_ms = static_cast<int32_t>(sim::to_ms(options_.fetch_max_wait));
        request->min_bytes = options_.fetch_min_bytes;
        request->max_bytes = options_.fetch_max_bytes;
        request->isolation_level = options_.read_committed
                                       ? protocol::IsolationLevel::ReadCommitted
                                       : protocol::IsolationLevel::ReadUncommitted;
        std::map<TopicPartition, Offset> sent;
        for (const auto& p : partitions) sent[p.topic_partition] = p.fetch_offset;
        request->partitions = std::move(partitions);
        fetch_in_flight_[node] = true;
        const sim::NodeId leader = node;
        network_.send(node, std::move(request),
                      [this, leader, sent](const protocol::KafkaMessage* message, Error error) {
                          on_fetch_response(leader, sent,
                                            static_cast<const protocol::FetchResponse*>(message),
                                            error);
                      });
    }
}

void Consumer::on_fetch_response(sim::NodeId node, const std::map<TopicPartition, Offset>& sent,
                                 const protocol::FetchResponse* response, Error error) {
    fetch_in_flight_[node] = false;
    if (response == nullptr || response->error != Error::NONE) {
        metadata_.request_update();
        return;
    }
    bool got_records = false;
    for (const auto& r : response->responses) {
        PartitionState* state = state_of(r.topic_partition);
        auto fetched = sent.find(r.topic_partition);
        // Drop answers overtaken by a seek, reset or reassignment (Kafka does the same).
        if (state == nullptr || fetched == sent.end() || state->state != FetchState::Fetching ||
            state->position != fetched->second || !state->buffered.empty()) {
            continue;
        }
        if (r.error != Error::NONE) {
            handle_partition_error(r.topic_partition, *state, r.error);
            continue;
        }
        state->high_watermark = r.high_watermark;
        got_records = buffer_records(*state, r) || got_records;
    }
    if (got_records && on_records_) on_records_();
}

bool Consumer::buffer_records(PartitionState& state,
                              const protocol::FetchablePartitionResponse& r) {
    // Kafka's CompletedFetch: with read_committed, a transactional batch of a producer whose
    // aborted transaction has begun at or before it is dropped until that producer's ABORT
    // marker; control batches never reach the application.
    std::deque<protocol::AbortedTransaction> aborted(r.aborted_transactions.begin(),
                                                     r.aborted_transactions.end());
    std::sort(aborted.begin(), aborted.end(), [](const auto& a, const auto& b) {
        return a.first_offset < b.first_offset;
    });
    std::set<int64_t> aborted_producers;
    bool got_records = false;
    for (const protocol::RecordBatch& batch : r.records) {
        if (options_.read_committed && batch.producer_id != kNoProducerId) {
            while (!aborted.empty() && aborted.front().first_offset <= batch.last_offset()) {
                aborted_producers.insert(aborted.front().producer_id);
                aborted.pop_front();
            }
            auto marker = protocol::end_transaction_marker(batch);
            if (marker && marker->control_type == protocol::ControlRecordType::ABORT) {
                aborted_producers.erase(batch.producer_id);
            } else if (batch.is_transactional && !batch.is_control &&
                       aborted_producers.contains(batch.producer_id)) {
                hit(env_, Probe::AbortedTransactionSkipped);
                continue;
            }
        }
        if (batch.is_control) continue;
        for (size_t i = 0; i < batch.records.size(); ++i) {
            const Offset offset = batch.base_offset + static_cast<Offset>(i);
            if (offset < state.position) continue;
            const protocol::Record& record = batch.records[i];
            state.buffered.push_back({r.topic_partition.topic, r.topic_partition.partition, offset,
                                      record.timestamp_ms, batch.partition_leader_epoch,
                                      record.has_key, record.key, record.value});
            got_records = true;
        }
    }
    // Only skipped batches (markers, aborted records): move past them, or the next fetch
    // would return them again forever.
    if (!got_records && !r.records.empty()) {
        state.position = std::max(state.position, r.records.back().next_offset());
    }
    return got_records;
}

void Consumer::handle_partition_error(const TopicPartition& tp, PartitionState& state,
                                      Error error) {
    state.backoff_until = env_.now() + options_.retry_backoff;
    switch (error) {
        case Error::OFFSET_OUT_OF_RANGE:
            if (options_.auto_offset_reset == OffsetResetStrategy::None) {
                errors_.push_back({tp, error,
                                   "Fetch position FetchPosition{offset=" +
                                       std::to_string(state.position) +
                                       "} is out of range for partition " + tp.str(),
                                   "OffsetOutOfRangeException"});
            } else {
                hit(env_, Probe::ConsumerOffsetOutOfRangeReset);
                request_reset(state, options_.auto_offset_reset);
                state.backoff_until = 0;
            }
            return;
        case Error::NOT_LEADER_OR_FOLLOWER:
        case Error::UNKNOWN_TOPIC_OR_PARTITION:
        case Error::FENCED_LEADER_EPOCH:
        case Error::UNKNOWN_LEADER_EPOCH:
        case Error::KAFKA_STORAGE_ERROR:
        case Error::LEADER_NOT_AVAILABLE:
            hit(env_, Probe::ConsumerLeaderMoved);
            metadata_.request_update();
            return;
        default:
            return;  // anything else: retry after the backoff, as Kafka's fetcher does
    }
}

void Consumer::send_resets(sim::Time now) {
    std::map<sim::NodeId, std::vector<protocol::ListOffsetsPartition>> by_leader;
    for (auto& [tp, state] : assigned_) {
        if (state.state != FetchState::AwaitReset || state.reset_in_flight) continue;
        if (state.backoff_until > now) continue;
        if (state.reset_strategy == OffsetResetStrategy::None) {
            // SubscriptionState.resetInitializingPositions throws this (client-side).
            errors_.push_back({tp, Error::OFFSET_OUT_OF_RANGE,
                               "Undefined offset with no reset policy for partitions: [" +
                                   tp.str() + "]",
                               "NoOffsetForPartitionException"});
            state.backoff_until = sim::kTimeNever;  // reported once, until a seek
            continue;
        }
        const PartitionMetadata* partition = metadata_.partition(tp);
        if (partition == nullptr || partition->leader == sim::kNoNode) continue;
        protocol::ListOffsetsPartition list;
        list.topic_partition = tp;
        list.current_leader_epoch = partition->leader_epoch;
        list.timestamp = state.reset_strategy == OffsetResetStrategy::Earliest
                             ? protocol::kEarliestTimestamp
                             : protocol::kLatestTimestamp;
        by_leader[partition->leader].push_back(list);
        state.reset_in_flight = true;
    }
    for (auto& [node, partitions] : by_leader) {
        auto request = std::make_shared<protocol::ListOffsetsRequest>();
        request->isolation_level = options_.read_committed
                                       ? protocol::IsolationLevel::ReadCommitted
                                       : protocol::IsolationLevel::ReadUncommitted;
        std::vector<TopicPartition> sent;
        for (const auto& p : partitions) sent.push_back(p.topic_partition);
        request->partitions = std::move(partitions);
        network_.send(node, std::move(request),
                      [this, sent](const protocol::KafkaMessage* message, Error error) {
                          on_list_offsets_response(
                              sent, static_cast<const protocol::ListOffsetsResponse*>(message),
                              error);
                      });
    }
}

void Consumer::on_list_offsets_response(const std::vector<TopicPartition>& sent,
                                        const protocol::ListOffsetsResponse* response,
                                        Error error) {
    for (const TopicPartition& tp : sent) {
        PartitionState* state = state_of(tp);
        if (state == nullptr) continue;
        state->reset_in_flight = false;
        Error partition_error = response == nullptr ? error : Error::UNKNOWN_SERVER_ERROR;
        Offset offset = kNoOffset;
        if (response != nullptr) {
            for (const auto& r : response->responses) {
                if (r.topic_partition != tp) continue;
                partition_error = r.error;
                offset = r.offset;
            }
        }
        // A seek while the reset was in flight wins over the reset's answer.
        if (state->state != FetchState::AwaitReset) continue;
        if (partition_error != Error::NONE || offset < 0) {
            state->backoff_until = env_.now() + options_.retry_backoff;
            metadata_.request_update();
            continue;
        }
        state->state = FetchState::Fetching;
        state->position = offset;
    }
}

}  // namespace core::client
