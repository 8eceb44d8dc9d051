#pragma once
// The records of the KRaft metadata log (Kafka's org.apache.kafka.common.metadata.*Record):
// every cluster change is one of these, appended by the active controller and applied by
// controllers and brokers only once committed.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

/// A broker joined (or rejoined after a restart: new incarnation, new broker epoch). It
/// starts fenced; an UnfenceBrokerRecord follows once it has caught up with the log.
struct RegisterBrokerRecord {
    int32_t broker_id = -1;
    uint64_t incarnation_id = 0;
    /// The broker epoch: the offset of this record in the metadata log.
    int64_t broker_epoch = -1;
    std::string rack;
    bool fenced = true;
};

struct UnregisterBrokerRecord {
    int32_t broker_id = -1;
    int64_t broker_epoch = -1;
};

/// The broker missed its session (broker.session.timeout.ms) or asked to be fenced: it
/// leads nothing and is out of every ISR (the PartitionChangeRecords come with it).
struct FenceBrokerRecord {
    int32_t id = -1;
    int64_t epoch = -1;
};

struct UnfenceBrokerRecord {
    int32_t id = -1;
    int64_t epoch = -1;
};

struct TopicRecord {
    std::string name;
    uint64_t topic_id = 0;
};

struct PartitionRecord {
    int32_t partition_id = 0;
    uint64_t topic_id = 0;
    std::vector<int32_t> replicas;
    std::vector<int32_t> isr;
    int32_t leader = kNoLeader;
    int32_t leader_epoch = 0;
    int32_t partition_epoch = 0;
};

/// Kafka's "no change" marker for PartitionChangeRecord.leader.
constexpr int32_t kNoLeaderChange = -2;

/// A change to one partition. Applying it bumps partition_epoch; a leader change
/// (leader != kNoLeaderChange, including to -1) also bumps leader_epoch.
struct PartitionChangeRecord {
    int32_t partition_id = 0;
    uint64_t topic_id = 0;
    std::optional<std::vector<int32_t>> isr;
    int32_t leader = kNoLeaderChange;
    std::optional<std::vector<int32_t>> replicas;
};

struct RemoveTopicRecord {
    uint64_t topic_id = 0;
};

/// Sets (value) or removes (nullopt) one config of a topic or broker resource.
struct ConfigRecord {
    int8_t resource_type = 2;  // ConfigResourceType::Topic
    std::string resource_name;
    std::string name;
    std::optional<std::string> value;
};

/// A block of producer ids handed to a broker: ids below next_producer_id are taken.
struct ProducerIdsRecord {
    int32_t broker_id = -1;
    int64_t broker_epoch = -1;
    int64_t next_producer_id = 0;
};

using MetadataRecord =
    std::variant<RegisterBrokerRecord, UnregisterBrokerRecord, FenceBrokerRecord,
                 UnfenceBrokerRecord, TopicRecord, PartitionRecord, PartitionChangeRecord,
                 RemoveTopicRecord, ConfigRecord, ProducerIdsRecord>;

/// Kafka's record type name, e.g. "PartitionChangeRecord".
const char* record_name(const MetadataRecord& record);
/// Stable digest of a record's content.
uint64_t record_digest(const MetadataRecord& record);
/// One line for traces and test failures.
std::string record_to_string(const MetadataRecord& record);

}  // namespace core::protocol
