#pragma once
// Kafka API keys for the requests core/ exchanges, with Kafka's names.

#include <cstdint>

namespace core::protocol {

enum class ApiKey : int16_t {
    Produce = 0,
    Fetch = 1,
    ListOffsets = 2,
    Metadata = 3,
    OffsetCommit = 8,
    OffsetFetch = 9,
    FindCoordinator = 10,
    JoinGroup = 11,
    Heartbeat = 12,
    LeaveGroup = 13,
    SyncGroup = 14,
    DescribeGroups = 15,
    ListGroups = 16,
    ApiVersions = 18,
    CreateTopics = 19,
    DeleteTopics = 20,
    InitProducerId = 22,
    OffsetForLeaderEpoch = 23,
    AddPartitionsToTxn = 24,
    AddOffsetsToTxn = 25,
    EndTxn = 26,
    WriteTxnMarkers = 27,
    TxnOffsetCommit = 28,
    DescribeConfigs = 32,
    AlterPartition = 56,
    DescribeCluster = 60,
    BrokerRegistration = 62,
    BrokerHeartbeat = 63,
    AllocateProducerIds = 67,
    /// Not a Kafka API key: KRaft brokers read committed metadata with a Fetch of the
    /// __cluster_metadata topic; kafkasim gives that pull its own key so routing needs
    /// no topic check.
    MetadataFetch = 1000,
};

/// "Produce"
const char* api_name(ApiKey key);
/// "ProduceResponse"
const char* api_response_name(ApiKey key);

}  // namespace core::protocol
