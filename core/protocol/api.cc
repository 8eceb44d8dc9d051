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
        case ApiKey::CreateTopics: return "CreateTopics";
        case ApiKey::DeleteTopics: return "DeleteTopics";
        case ApiKey::InitProducerId: return "InitProducerId";
        case ApiKey::OffsetForLeaderEpoch: return "OffsetForLeaderEpoch";
    }
    return "Unknown";
}

}  // namespace core::protocol
