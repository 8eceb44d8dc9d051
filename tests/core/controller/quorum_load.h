#pragma once
// Test clients for the controller-quorum tests beside TestCluster's raw client: a produce
// load that records every acknowledged acks=all write with the broker that acknowledged it
// and the leader epoch its batch was written in.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/common/timer_tags.h"
#include "core/protocol/metadata.h"
#include "core/protocol/produce.h"
#include "sim/assert.h"
#include "sim/node_env.h"
#include "tests/support/raw_client.h"

namespace core::controller::testing {

using sim::kMillisecond;
using sim::kSecond;

constexpr sim::NodeId kQuorumClient = kafkasim::test::kRawClientNode;
constexpr sim::NodeId kQuorumLoad = 9002;

/// One acknowledged write as the producer saw it.
struct ProduceAck {
    TopicPartition tp;
    int32_t broker = -1;
    int32_t leader_epoch = -1;  ///< the epoch stamped on the batch in the acking broker's log
    int64_t offset = -1;
    std::string value;
    sim::Time time = 0;
};

/// Reads the leader epoch of the batch at `offset` in `broker`'s replica of `tp` (-1 when
/// the broker is down or no longer holds it).
using EpochLookup = std::function<int32_t(int32_t broker, const TopicPartition& tp,
                                          int64_t offset)>;

using kafkasim::test::RawClient;

/// A producer of unique values, one acks=all request in flight per partition: it finds
/// leaders with Metadata requests, retries elsewhere on errors and timeouts, and records
/// every acknowledgement (ProduceAck) through `on_ack`.
class ProduceLoad : public sim::Process {
 public:
    struct Options {
        std::vector<TopicPartition> partitions;
        std::vector<int32_t> brokers;
        sim::Duration interval_ns = 20 * kMillisecond;
        /// A request unanswered this long is given up (its outcome unknown).
        sim::Duration request_timeout_ns = 6 * kSecond;
        std::function<void(const ProduceAck&)> on_ack;
        EpochLookup epoch_of;
    };
    ProduceLoad(sim::NodeEnv& env, Options options) : env_(env), options_(std::move(options)) {}
    void on_start() override;
    void on_timer(uint64_t tag) override;
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override;
    void set_stopped(bool stopped) { stopped_ = stopped; }

 private:
    struct InFlight {
        int32_t correlation_id = -1;
        sim::Time sent_at = 0;
        std::string value;
    };
    void send_produce(size_t index);
    void refresh_metadata();
    void on_metadata(const protocol::MetadataResponse& response);
    void on_produce(sim::NodeId from, const protocol::ProduceResponse& response);

    sim::NodeEnv& env_;
    Options options_;
    bool stopped_ = false;
    std::map<size_t, int32_t> leaders_;  // partition index → believed leader
    std::map<size_t, InFlight> in_flight_;
    std::map<int32_t, size_t> by_correlation_;
    int32_t metadata_correlation_ = -1;
    sim::Time metadata_sent_at_ = 0;
    int32_t next_correlation_ = 1;
    int64_t next_value_ = 0;
};


inline void ProduceLoad::on_start() {
    env_.start_timer(options_.interval_ns, make_timer_tag(TimerComponent::Client, 0));
}

inline void ProduceLoad::on_timer(uint64_t tag) {
    env_.start_timer(options_.interval_ns, tag);
    const sim::Time now = env_.now();
    if (metadata_correlation_ >= 0 && now - metadata_sent_at_ > 2 * kSecond) {
        metadata_correlation_ = -1;
    }
    for (size_t i = 0; i < options_.partitions.size(); ++i) {
        auto it = in_flight_.find(i);
        if (it != in_flight_.end()) {
            if (now - it->second.sent_at <= options_.request_timeout_ns) continue;
            // Outcome unknown: try elsewhere with a new value.
            by_correlation_.erase(it->second.correlation_id);
            in_flight_.erase(it);
            leaders_.erase(i);
        }
        if (stopped_) continue;
        if (leaders_.count(i) == 0) {
            refresh_metadata();
            continue;
        }
        send_produce(i);
    }
}

inline void ProduceLoad::send_produce(size_t index) {
    auto request = std::make_shared<protocol::ProduceRequest>();
    request->acks = protocol::kAcksAll;
    request->timeout_ms = 3000;
    request->correlation_id = next_correlation_++;
    protocol::RecordBatch batch;
    protocol::Record record;
    record.value = "v" + std::to_string(next_value_++);
    batch.records.push_back(record);
    request->partitions.push_back({options_.partitions[index], batch});
    in_flight_[index] = {request->correlation_id, env_.now(), record.value};
    by_correlation_[request->correlation_id] = index;
    env_.send(leaders_.at(index), std::move(request));
}

inline void ProduceLoad::refresh_metadata() {
    if (metadata_correlation_ >= 0) return;
    auto request = std::make_shared<protocol::MetadataRequest>();
    request->correlation_id = next_correlation_++;
    metadata_correlation_ = request->correlation_id;
    metadata_sent_at_ = env_.now();
    env_.send(env_.rng().pick(options_.brokers), std::move(request));
}

inline void ProduceLoad::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    if (const auto* m = dynamic_cast<const protocol::MetadataResponse*>(message.get())) {
        if (m->correlation_id == metadata_correlation_) on_metadata(*m);
    } else if (const auto* p = dynamic_cast<const protocol::ProduceResponse*>(message.get())) {
        on_produce(from, *p);
    }
}

inline void ProduceLoad::on_metadata(const protocol::MetadataResponse& response) {
    metadata_correlation_ = -1;
    for (size_t i = 0; i < options_.partitions.size(); ++i) {
        const TopicPartition& tp = options_.partitions[i];
        for (const auto& topic : response.topics) {
            if (topic.name != tp.topic) continue;
            for (const auto& p : topic.partitions) {
                if (p.partition_index == tp.partition && p.leader_id >= 0) {
                    leaders_[i] = p.leader_id;
                }
            }
        }
    }
}

inline void ProduceLoad::on_produce(sim::NodeId from, const protocol::ProduceResponse& response) {
    auto by = by_correlation_.find(response.correlation_id);
    if (by == by_correlation_.end()) return;  // given up on
    const size_t index = by->second;
    by_correlation_.erase(by);
    const InFlight sent = in_flight_.at(index);
    in_flight_.erase(index);
    KS_ASSERT(response.responses.size() == 1);
    const protocol::PartitionProduceResponse& part = response.responses[0];
    if (part.error != protocol::Error::NONE) {
        leaders_.erase(index);
        return;
    }
    ProduceAck ack;
    ack.tp = part.topic_partition;
    ack.broker = from;
    ack.offset = part.base_offset;
    ack.value = sent.value;
    ack.time = env_.now();
    ack.leader_epoch = options_.epoch_of(from, ack.tp, ack.offset);
    options_.on_ack(ack);
}

}  // namespace core::controller::testing
