// The supported-version table (wire/codec.h) and which header version each API uses.
// Ranges are Kafka 4.x's broker ranges (KIP-896 removed the versions below them), read
// from clients/src/main/resources/common/message/*.json at the mirror's HEAD, except
// where a file of wire/ says why it stops lower (Fetch at 12: topic ids).
#include <array>

#include "wire/codec.h"

namespace wire {

using core::protocol::ApiKey;

namespace {

constexpr std::array<ApiVersionRange, 18> kSupported = {{
    {ApiKey::Produce, 3, 11, 9},
    {ApiKey::Fetch, 4, 12, 12},
    {ApiKey::ListOffsets, 1, 10, 6},
    {ApiKey::Metadata, 0, 12, 9},
    {ApiKey::OffsetCommit, 2, 9, 8},
    {ApiKey::OffsetFetch, 1, 7, 6},
    {ApiKey::FindCoordinator, 0, 3, 3},
    {ApiKey::JoinGroup, 2, 9, 6},
    {ApiKey::Heartbeat, 0, 4, 4},
    {ApiKey::LeaveGroup, 0, 5, 4},
    {ApiKey::SyncGroup, 0, 5, 4},
    {ApiKey::ApiVersions, 0, 4, 3},
    {ApiKey::CreateTopics, 2, 7, 5},
    {ApiKey::DeleteTopics, 1, 6, 4},
    {ApiKey::InitProducerId, 0, 5, 2},
    {ApiKey::OffsetForLeaderEpoch, 2, 4, 4},
    {ApiKey::DescribeConfigs, 1, 4, 4},
    {ApiKey::DescribeCluster, 0, 1, 0},
}};

// Kafka 4.0 advertises Produce from v0 although it rejects v0-v2 (KAFKA-18659, apache/kafka
// #18727): librdkafka up to 2.11 sends gzip, snappy and lz4 batches uncompressed unless
// the broker's Produce range starts at 0 (librdkafka #4956).
int16_t advertised_min_version(const ApiVersionRange& range) {
    return range.api_key == ApiKey::Produce ? 0 : range.min_version;
}

}  // namespace

std::span<const ApiVersionRange> supported_apis() { return kSupported; }

std::optional<ApiVersionRange> supported_versions(int16_t api_key) {
    for (const ApiVersionRange& range : kSupported) {
        if (static_cast<int16_t>(range.api_key) == api_key) return range;
    }
    return std::nullopt;
}

static bool is_flexible(int16_t api_key, int16_t api_version) {
    std::optional<ApiVersionRange> range = supported_versions(api_key);
    return range && range->first_flexible_version >= 0 &&
           api_version >= range->first_flexible_version;
}

int16_t request_header_version(int16_t api_key, int16_t api_version) {
    return is_flexible(api_key, api_version) ? 2 : 1;
}

// ApiVersionsResponse keeps header v0 in every version so that a client which does not
// yet know the broker's versions can always read it (KIP-511).
int16_t response_header_version(int16_t api_key, int16_t api_version) {
    if (api_key == static_cast<int16_t>(ApiKey::ApiVersions)) return 0;
    return is_flexible(api_key, api_version) ? 1 : 0;
}

std::shared_ptr<core::protocol::ApiVersionsResponse> api_versions_response(
    const RequestHeader& header) {
    auto response = std::make_shared<core::protocol::ApiVersionsResponse>();
    response->correlation_id = header.correlation_id;
    std::optional<ApiVersionRange> own = supported_versions(header.api_key);
    bool supported = own && header.api_version >= own->min_version &&
                     header.api_version <= own->max_version;
    if (!supported) {
        // Kafka's ApiVersionsRequest.getErrorResponse: UNSUPPORTED_VERSION with only the
        // ApiVersions row, so the client can pick a version and ask again.
        response->error = Error::UNSUPPORTED_VERSION;
        response->api_keys.push_back({static_cast<int16_t>(ApiKey::ApiVersions),
                                      own->min_version, own->max_version});
        return response;
    }
    for (const ApiVersionRange& range : kSupported) {
        response->api_keys.push_back({static_cast<int16_t>(range.api_key),
                                      advertised_min_version(range), range.max_version});
    }
    return response;
}

}  // namespace wire
