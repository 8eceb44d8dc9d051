#pragma once
// The applied state of the metadata log (Kafka's MetadataImage): brokers, topics,
// partitions with leader/ISR/epochs, configs and the producer id high mark. Controllers
// and brokers build it by applying committed records in offset order; ordered containers
// keep every iteration deterministic.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/protocol/metadata_records.h"

namespace core::controller {

struct BrokerRegistration {
    int32_t id = -1;
    uint64_t incarnation_id = 0;
    int64_t epoch = -1;
    std::string rack;
    bool fenced = true;
};

struct PartitionRegistration {
    std::vector<int32_t> replicas;
    std::vector<int32_t> isr;
    int32_t leader = protocol::kNoLeader;
    int32_t leader_epoch = 0;
    int32_t partition_epoch = 0;

    bool has_replica(int32_t broker) const;
    bool in_isr(int32_t broker) const;
};

struct TopicImage {
    std::string name;
    uint64_t topic_id = 0;
    std::map<int32_t, PartitionRegistration> partitions;
};

/// What applying records changed, so a broker acts only on those partitions.
struct ImageDelta {
    std::set<TopicPartition> changed_partitions;
    std::set<TopicPartition> deleted_partitions;
    std::set<int32_t> changed_brokers;
    bool producer_ids_changed = false;
};

class MetadataImage {
 public:
    /// Applies one committed record at `offset`. REQUIRES: offsets strictly increase.
    void apply(int64_t offset, const protocol::MetadataRecord& record, ImageDelta* delta);

    const std::map<int32_t, BrokerRegistration>& brokers() const { return brokers_; }
    const BrokerRegistration* broker(int32_t id) const;
    /// Registered and unfenced: may lead and be in an ISR.
    bool is_active(int32_t broker_id) const;
    std::vector<int32_t> active_broker_ids() const;

    const std::map<uint64_t, TopicImage>& topics() const { return topics_; }
    const TopicImage* topic(const std::string& name) const;
    const TopicImage* topic_by_id(uint64_t topic_id) const;
    const PartitionRegistration* partition(const TopicPartition& tp) const;

    /// Topic configs set explicitly (Kafka keys → values); empty map when none.
    const std::map<std::string, std::string>& topic_configs(const std::string& topic) const;
    /// Highest producer id handed out so far (ids below are taken).
    int64_t next_producer_id() const { return next_producer_id_; }
    /// Offset of the last applied record; -1 before any.
    int64_t last_applied_offset() const { return last_applied_offset_; }
    uint64_t next_topic_id() const { return max_topic_id_ + 1; }
    /// Kafka uses the RegisterBrokerRecord's offset as the broker epoch; kafkasim uses one
    /// more than the largest epoch registered so far: also unique and increasing, and
    /// known before the record is appended.
    int64_t next_broker_epoch() const { return max_broker_epoch_ + 1; }

    /// The image as records that rebuild it (a snapshot).
    std::vector<protocol::MetadataRecord> to_records() const;

 private:
    void apply_partition_change(const protocol::PartitionChangeRecord& change, ImageDelta* delta);
    void remove_topic(uint64_t topic_id, ImageDelta* delta);

    std::map<int32_t, BrokerRegistration> brokers_;
    std::map<uint64_t, TopicImage> topics_;
    std::map<std::string, uint64_t> topic_ids_;
    std::map<std::string, std::map<std::string, std::string>> topic_configs_;
    int64_t next_producer_id_ = 0;
    int64_t last_applied_offset_ = -1;
    uint64_t max_topic_id_ = 0;
    int64_t max_broker_epoch_ = 0;
};

}  // namespace core::controller
