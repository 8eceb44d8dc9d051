#pragma once
// The requests a broker holds until a condition or a deadline (Kafka's purgatories):
// acks=all produces waiting for the high watermark, long-poll fetches waiting for data,
// and ISR proposals waiting for the controller.

#include <cstdint>
#include <memory>
#include <vector>

#include "core/protocol/alter_partition.h"
#include "core/protocol/fetch.h"
#include "core/protocol/produce.h"
#include "sim/node_env.h"

namespace core::broker {

/// An acks=all produce (Kafka's DelayedProduce): each partition waits until the high
/// watermark reaches `required_offset` in the leader epoch it was appended in.
struct DelayedProducePartition {
    protocol::PartitionProduceResponse response;
    Offset required_offset = kNoOffset;
    int32_t leader_epoch = kNoLeaderEpoch;
    bool done = true;
    /// A transaction marker's producer (WriteTxnMarkers), kNoProducerId for a produce.
    int64_t producer_id = kNoProducerId;
};

struct DelayedProduceState {
    sim::NodeId from = sim::kNoNode;
    int32_t correlation_id = 0;
    std::vector<DelayedProducePartition> partitions;
    sim::TimerId timer;
    /// The fsync latency the answer must also wait for.
    sim::Duration flush_latency = 0;
    /// Answer with a WriteTxnMarkersResponse instead of a ProduceResponse.
    bool write_txn_markers = false;
};

/// A fetch held until min_bytes are available or max_wait_ms passes (Kafka's DelayedFetch).
struct DelayedFetchState {
    sim::NodeId from = sim::kNoNode;
    std::shared_ptr<const protocol::FetchRequest> request;
    sim::TimerId timer;
};

/// An AlterPartition request in flight, with its deadline.
struct PendingAlterState {
    std::vector<TopicPartition> partitions;
    sim::TimerId timer;
};

}  // namespace core::broker
