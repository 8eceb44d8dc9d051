#pragma once
// Kafka's consumer without a group (KafkaConsumer + Fetcher + SubscriptionState, manual
// assignment): positions per assigned partition, auto.offset.reset through ListOffsets,
// background fetches from each partition's leader, and poll() handing out buffered
// records in offset order. A group member (issue 5) drives assign() and reads positions.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/client/metadata_cache.h"
#include "core/client/network_client.h"
#include "core/protocol/errors.h"
#include "core/protocol/record.h"
#include "sim/node_env.h"

namespace core::config {
struct ConsumerConfig;
}  // namespace core::config
namespace core::protocol {
class FetchResponse;
struct FetchablePartitionResponse;
class ListOffsetsResponse;
}  // namespace core::protocol

namespace core::client {

struct ConsumerRecord {
    std::string topic;
    int32_t partition = 0;
    Offset offset = kNoOffset;
    int64_t timestamp_ms = 0;
    int32_t leader_epoch = kNoLeaderEpoch;
    bool has_key = false;
    std::string key;
    std::string value;
};

/// Kafka's OffsetResetStrategy (auto.offset.reset).
enum class OffsetResetStrategy { Latest, Earliest, None };

struct ConsumerOptions {
    std::vector<sim::NodeId> bootstrap_servers;
    OffsetResetStrategy auto_offset_reset = OffsetResetStrategy::Latest;
    int32_t max_poll_records = 500;
    sim::Duration fetch_max_wait = 500 * sim::kMillisecond;
    int32_t fetch_min_bytes = 1;
    int32_t fetch_max_bytes = 52428800;
    int32_t max_partition_fetch_bytes = 1048576;
    bool read_committed = false;
    sim::Duration request_timeout = 30 * sim::kSecond;
    sim::Duration retry_backoff = 100 * sim::kMillisecond;
    MetadataOptions metadata;
};

ConsumerOptions consumer_options(const config::ConsumerConfig& config,
                                 std::vector<sim::NodeId> bootstrap_servers);

/// A partition's error that poll() reports instead of records (Kafka throws it from poll):
/// OFFSET_OUT_OF_RANGE with auto.offset.reset=none, for instance.
struct PartitionError {
    TopicPartition topic_partition;
    protocol::Error error = protocol::Error::NONE;
    std::string message;
    /// The exception KafkaConsumer.poll throws for it ("NoOffsetForPartitionException").
    std::string exception;
};

class Consumer {
   public:
    Consumer(sim::NodeEnv& env, uint64_t tag_base, ConsumerOptions options);
    ~Consumer();
    Consumer(const Consumer&) = delete;
    Consumer& operator=(const Consumer&) = delete;

    /// KafkaConsumer.assign: replaces the assignment. Partitions kept keep their position;
    /// new ones start without one and are reset by auto.offset.reset.
    void assign(const std::vector<TopicPartition>& partitions);
    std::vector<TopicPartition> assignment() const;
    /// isolation.level=read_committed.
    bool read_committed() const { return options_.read_committed; }
    /// REQUIRES: tp is assigned and offset >= 0.
    void seek(const TopicPartition& tp, Offset offset);
    void seek_to_beginning(const std::vector<TopicPartition>& partitions);
    void seek_to_end(const std::vector<TopicPartition>& partitions);
    /// The offset of the next record poll() returns; nullopt while it is being reset.
    std::optional<Offset> position(const TopicPartition& tp) const;
    /// The high watermark from the last fetch (-1 before one).
    Offset high_watermark(const TopicPartition& tp) const;

    /// Never blocks: up to max.poll.records buffered records, in offset order within each
    /// partition, and advances positions past them.
    std::vector<ConsumerRecord> poll();
    /// Errors poll() would throw in Kafka; taking them clears them.
    std::vector<PartitionError> take_errors();
    /// Called when fetched records become available (the host may poll at once).
    void set_on_records(std::function<void()> on_records) { on_records_ = std::move(on_records); }

    bool on_message(sim::NodeId from, const sim::MessagePtr& message);
    bool on_timer(uint64_t tag);
    void on_disconnected(sim::NodeId peer);

    const MetadataCache& metadata() const { return metadata_; }
    /// The group member (core/client/group_member.h) shares the consumer's connections and
    /// metadata, as Kafka's ConsumerCoordinator shares ConsumerNetworkClient and Metadata.
    NetworkClient& network() { return network_; }
    MetadataCache& mutable_metadata() { return metadata_; }

   private:
    /// Kafka's FetchStates, minus validation (positions are not re-validated after a
    /// leader change: KIP-320's truncation detection is not modelled).
    enum class FetchState { AwaitReset, Fetching };
    struct PartitionState {
        FetchState state = FetchState::AwaitReset;
        OffsetResetStrategy reset_strategy = OffsetResetStrategy::Latest;
        Offset position = kNoOffset;
        bool reset_in_flight = false;
        /// Not fetched again (nor reset) before this time, after an error.
        sim::Time backoff_until = 0;
        Offset high_watermark = kNoOffset;
        std::deque<ConsumerRecord> buffered;
    };

    void schedule_run(sim::Time at);
    void run();
    void send_fetches(sim::Time now);
    void send_resets(sim::Time now);
    void on_fetch_response(sim::NodeId node, const std::map<TopicPartition, Offset>& sent,
                           const protocol::FetchResponse* response, protocol::Error error);
    void on_list_offsets_response(const std::vector<TopicPartition>& sent,
                                  const protocol::ListOffsetsResponse* response,
                                  protocol::Error error);
    /// Buffers a fetched partition's records for poll(); true when it buffered any.
    bool buffer_records(PartitionState& state, const protocol::FetchablePartitionResponse& r);
    void handle_partition_error(const TopicPartition& tp, PartitionState& state,
                                protocol::Error error);
    void request_reset(PartitionState& state, OffsetResetStrategy strategy);
    PartitionState* state_of(const TopicPartition& tp);

    sim::NodeEnv& env_;
    uint64_t tag_base_;
    ConsumerOptions options_;
    NetworkClient network_;
    MetadataCache metadata_;
    std::map<TopicPartition, PartitionState> assigned_;
    std::map<sim::NodeId, bool> fetch_in_flight_;
    std::vector<PartitionError> errors_;
    size_t poll_rotation_ = 0;
    sim::TimerId wakeup_timer_;
    sim::Time wakeup_at_ = sim::kTimeNever;
    std::function<void()> on_records_;
};

}  // namespace core::client
