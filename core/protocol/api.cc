#include "core/protocol/api.h"

namespace core::protocol {

const char* api_name(ApiKey key) {
    switch (key) {
        case ApiKey::Produce: return "Produce";
        case ApiKey::Fetch: return "Fetch";
        case ApiKey::ListOffsets: return "ListOffsets";
        case ApiKey::Metadata: return "Metadata";
        case ApiKey::OffsetCommit: return "OffsetCommit";
        case ApiKey::OffsetFetch: return "OffsetFetch";
        case ApiKey::FindCoordinator: return "FindCoordinator";
        case ApiKey::JoinGroup: return "JoinGroup";
        case ApiKey::Heartbeat: return "Heartbeat";
        case ApiKey::LeaveGroup: return "LeaveGroup";
        case ApiKey::SyncGroup: return "SyncGroup";
        case ApiKey::DescribeGroups: return "DescribeGroups";
        case ApiKey::ListGroups: return "ListGroups";
        case ApiKey::ApiVersions: return "ApiVersions";
        case ApiKey::CreateTopics: return "CreateTopics";
        case ApiKey::DeleteTopics: return "DeleteTopics";
        case ApiKey::InitProducerId: return "InitProducerId";
        case ApiKey::OffsetForLeaderEpoch: return "OffsetForLeaderEpoch";
        case ApiKey::AddPartitionsToTxn: return "AddPartitionsToTxn";
        case ApiKey::AddOffsetsToTxn: return "AddOffsetsToTxn";
        case ApiKey::EndTxn: return "EndTxn";
        case ApiKey::WriteTxnMarkers: return "WriteTxnMarkers";
        case ApiKey::TxnOffsetCommit: return "TxnOffsetCommit";
        case ApiKey::DescribeConfigs: return "DescribeConfigs";
        case ApiKey::AlterPartition: return "AlterPartition";
        case ApiKey::DescribeCluster: return "DescribeCluster";
        case ApiKey::BrokerRegistration: return "BrokerRegistration";
        case ApiKey::BrokerHeartbeat: return "BrokerHeartbeat";
        case ApiKey::AllocateProducerIds: return "AllocateProducerIds";
        case ApiKey::MetadataFetch: return "MetadataFetch";
    }
    return "Unknown";
}

const char* api_response_name(ApiKey key) {
    switch (key) {
        case ApiKey::Produce: return "ProduceResponse";
        case ApiKey::Fetch: return "FetchResponse";
        case ApiKey::ListOffsets: return "ListOffsetsResponse";
        case ApiKey::Metadata: return "MetadataResponse";
        case ApiKey::OffsetCommit: return "OffsetCommitResponse";
        case ApiKey::OffsetFetch: return "OffsetFetchResponse";
        case ApiKey::FindCoordinator: return "FindCoordinatorResponse";
        case ApiKey::JoinGroup: return "JoinGroupResponse";
        case ApiKey::Heartbeat: return "HeartbeatResponse";
        case ApiKey::LeaveGroup: return "LeaveGroupResponse";
        case ApiKey::SyncGroup: return "SyncGroupResponse";
        case ApiKey::DescribeGroups: return "DescribeGroupsResponse";
        case ApiKey::ListGroups: return "ListGroupsResponse";
        case ApiKey::ApiVersions: return "ApiVersionsResponse";
        case ApiKey::CreateTopics: return "CreateTopicsResponse";
        case ApiKey::DeleteTopics: return "DeleteTopicsResponse";
        case ApiKey::InitProducerId: return "InitProducerIdResponse";
        case ApiKey::OffsetForLeaderEpoch: return "OffsetForLeaderEpochResponse";
        case ApiKey::AddPartitionsToTxn: return "AddPartitionsToTxnResponse";
        case ApiKey::AddOffsetsToTxn: return "AddOffsetsToTxnResponse";
        case ApiKey::EndTxn: return "EndTxnResponse";
        case ApiKey::WriteTxnMarkers: return "WriteTxnMarkersResponse";
        case ApiKey::TxnOffsetCommit: return "TxnOffsetCommitResponse";
        case ApiKey::DescribeConfigs: return "DescribeConfigsResponse";
        case ApiKey::AlterPartition: return "AlterPartitionResponse";
        case ApiKey::DescribeCluster: return "DescribeClusterResponse";
        case ApiKey::BrokerRegistration: return "BrokerRegistrationResponse";
        case ApiKey::BrokerHeartbeat: return "BrokerHeartbeatResponse";
        case ApiKey::AllocateProducerIds: return "AllocateProducerIdsResponse";
        case ApiKey::MetadataFetch: return "MetadataFetchResponse";
    }
    return "UnknownResponse";
}

}  // namespace core::protocol
