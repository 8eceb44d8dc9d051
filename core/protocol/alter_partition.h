#pragma once
// AlterPartition (API key 56, KIP-497): a partition leader asks the controller to change
// the partition's ISR; the leader applies the new ISR only when the controller's answer
// (or the committed PartitionChangeRecord) carries it.
//
// Contract:
// - Sent by the leader with its broker_epoch, its leader_epoch and the partition_epoch
//   the proposal builds on. The controller rejects: a stale broker epoch
//   (STALE_BROKER_EPOCH), a leader_epoch other than the current one (FENCED_LEADER_EPOCH),
//   a partition_epoch other than the current one (INVALID_UPDATE_VERSION: the leader's
//   view is stale, it waits for metadata), an ISR with a fenced or unknown broker or a
//   non-replica (INELIGIBLE_REPLICA), a sender that is not the leader
//   (NOT_LEADER_OR_FOLLOWER). A non-active controller answers NOT_CONTROLLER.
// - On success the partition answers the committed state: leader, leader_epoch, isr,
//   partition_epoch.

#include <cstdint>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

/// KIP-903: an ISR member with the broker epoch the leader saw it fetch with.
struct BrokerState {
    int32_t broker_id = -1;
    int64_t broker_epoch = -1;
};

struct AlterPartitionData {
    TopicPartition topic_partition;
    int32_t leader_epoch = kNoLeaderEpoch;
    std::vector<BrokerState> new_isr_with_epochs;
    int32_t partition_epoch = -1;
};

class AlterPartitionRequest : public KafkaRequest<ApiKey::AlterPartition> {
 public:
    int32_t broker_id = -1;
    int64_t broker_epoch = -1;
    std::vector<AlterPartitionData> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(broker_id).add(broker_epoch);
        for (const auto& p : partitions) {
            d.add(p.topic_partition).add(p.leader_epoch).add(p.partition_epoch);
            for (const auto& b : p.new_isr_with_epochs) d.add(b.broker_id);
        }
        return d.value();
    }
};

struct AlterPartitionPartitionResponse {
    TopicPartition topic_partition;
    Error error = Error::NONE;
    int32_t leader_id = kNoLeader;
    int32_t leader_epoch = kNoLeaderEpoch;
    std::vector<int32_t> isr;
    int32_t partition_epoch = -1;
};

class AlterPartitionResponse : public KafkaResponse<ApiKey::AlterPartition> {
 public:
    /// Top level: NOT_CONTROLLER or STALE_BROKER_EPOCH apply to every partition.
    Error error = Error::NONE;
    int32_t leader_id_hint = -1;
    std::vector<AlterPartitionPartitionResponse> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(error);
        for (const auto& p : partitions) {
            d.add(p.topic_partition).add(p.error).add(p.partition_epoch).add(p.isr);
        }
        return d.value();
    }
};

}  // namespace core::protocol
