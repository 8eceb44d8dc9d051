#pragma once
// ApiVersions (API key 18): a client asks which API versions a broker speaks before it
// sends anything else (KIP-35; KIP-511 adds the client's software name and version).
//
// Contract:
// - Answered by whoever owns the wire (wire::supported_apis()), never by core/'s brokers:
//   the version table is a property of the codec, not of Kafka's logic.
// - A request whose version the broker does not know is answered UNSUPPORTED_VERSION with
//   a v0 body listing the supported range of ApiVersions itself, so the client retries
//   with a version both speak (Kafka's RequestContext.parseRequest and
//   KafkaApis.handleApiVersionsRequest).

#include <cstdint>
#include <string>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

class ApiVersionsRequest : public KafkaRequest<ApiKey::ApiVersions> {
 public:
    /// KIP-511, v3+ ("apache-kafka-java", "librdkafka").
    std::string client_software_name;
    std::string client_software_version;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(client_software_name).value();
    }
};

/// One row of the answer: the versions [min_version, max_version] of api_key.
struct ApiVersion {
    int16_t api_key = 0;
    int16_t min_version = 0;
    int16_t max_version = 0;
};

class ApiVersionsResponse : public KafkaResponse<ApiKey::ApiVersions> {
 public:
    Error error = Error::NONE;
    std::vector<ApiVersion> api_keys;
    int32_t throttle_time_ms = 0;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(error);
        for (const ApiVersion& v : api_keys) d.add(v.api_key).add(v.max_version);
        return d.value();
    }
};

}  // namespace core::protocol
