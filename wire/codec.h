#pragma once
// The Kafka wire protocol at the frame level: request and response headers, the table of
// supported API versions, and the functions that turn one frame's bytes into a
// core::protocol message and back. No sockets: serve/ reads frames, this decodes them.
//
// A frame on the wire is a 4-byte big-endian size followed by that many bytes (the
// payload). decode_request/decode_response take the payload (after the size);
// encode_request/encode_response return a whole frame (with the size).
//
// Contract (Kafka's, from RequestHeader, RequestContext.parseRequest and SocketServer):
// - Any byte string decodes to a value or an error, never to undefined behaviour: every
//   length is checked against the bytes that remain, so hostile sizes allocate nothing.
// - A frame whose size is negative or above kSocketRequestMaxBytes is refused before it
//   is read (Kafka's socket.request.max.bytes); serve closes that connection.
// - decode_request's error is what Kafka does with the request:
//   NONE: `request` is set and should be handled.
//   UNSUPPORTED_VERSION: ApiVersions at a version above the table's; answer it with
//     encode_response(header, *api_versions_response(header)), which Kafka sends as a
//     v0 body (RequestContext.isUnsupportedApiVersionsRequest). For any other API an
//     unsupported version is INVALID_REQUEST, as Kafka's parse failure is.
//   INVALID_REQUEST: unknown API key, unsupported version, truncated or malformed body:
//     Kafka closes the connection (its Processor logs "Closing socket connection").
//   CORRUPT_MESSAGE: a Produce whose record batch fails its CRC-32C or does not decode;
//     `request` is set (batches of the bad partitions are empty) and error_response()
//     builds the answer naming every partition with the error.
// - Encoding is deterministic: the same message and version give the same bytes.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/protocol/api_versions.h"
#include "core/protocol/errors.h"
#include "core/protocol/kafka_message.h"

namespace wire {

using core::protocol::Error;
using core::protocol::KafkaMessage;

/// Kafka's socket.request.max.bytes default (100 MiB): the largest request frame.
constexpr int32_t kSocketRequestMaxBytes = 104857600;

/// Kafka's RequestHeader (v0: no client id; v1: client_id; v2: v1 + tagged fields).
struct RequestHeader {
    int16_t api_key = 0;
    int16_t api_version = 0;
    int32_t correlation_id = 0;
    /// Null on the wire when absent; librdkafka sends "rdkafka", Java the client.id.
    std::optional<std::string> client_id;
};

/// One row of the supported-version table.
struct ApiVersionRange {
    core::protocol::ApiKey api_key;
    int16_t min_version;
    int16_t max_version;
    /// First flexible version (KIP-482: compact strings, tagged fields); -1 = none.
    int16_t first_flexible_version;
};

/// Every API this codec speaks, ascending by key: what ApiVersions answers.
std::span<const ApiVersionRange> supported_apis();
/// The table's row for api_key, or nullopt when the codec does not speak it.
std::optional<ApiVersionRange> supported_versions(int16_t api_key);
/// Request header version for (api_key, api_version): 1, or 2 from the first flexible.
int16_t request_header_version(int16_t api_key, int16_t api_version);
/// Response header version: 0, or 1 from the first flexible (ApiVersions is always 0).
int16_t response_header_version(int16_t api_key, int16_t api_version);

/// The answer to an ApiVersions request: the table (Produce advertised from v0, as Kafka
/// 4.0 does for librdkafka's compression check, though v0-2 stay unsupported), or
/// UNSUPPORTED_VERSION when header.api_version is above the table's.
std::shared_ptr<core::protocol::ApiVersionsResponse> api_versions_response(
    const RequestHeader& header);

struct DecodedRequest {
    /// As read; api_key/version/correlation_id are valid whenever the first 8 bytes were.
    RequestHeader header;
    bool header_valid = false;
    Error error = Error::NONE;
    /// What went wrong, for the one log line ("Produce v3: truncated at byte 41").
    std::string error_message;
    /// Set when error is NONE or CORRUPT_MESSAGE; correlation_id copied from the header.
    std::shared_ptr<KafkaMessage> request;
};

/// Decodes one request payload (the frame without its 4-byte size).
DecodedRequest decode_request(std::string_view payload);

/// The frame answering `header` with `response` at header.api_version (the response's
/// correlation_id is taken from the header). REQUIRES: response.api_key() ==
/// header.api_key and the version is supported (ApiVersions: any version).
std::string encode_response(const RequestHeader& header, const KafkaMessage& response);

/// Kafka's AbstractRequest.getErrorResponse: a response to `request` carrying `error`
/// in every partition (or at the top level where the API has one).
std::shared_ptr<KafkaMessage> error_response(const KafkaMessage& request, Error error);

/// The client side, for tests and tools: a request frame at header.api_version.
/// REQUIRES: request.api_key() == header.api_key and the version is supported.
std::string encode_request(const RequestHeader& header, const KafkaMessage& request);

struct DecodedResponse {
    int32_t correlation_id = 0;
    Error error = Error::NONE;
    std::string error_message;
    std::shared_ptr<KafkaMessage> response;
};

/// Decodes a response payload, knowing (as a client does) the request's key and version.
DecodedResponse decode_response(int16_t api_key, int16_t api_version, std::string_view payload);

/// The size a frame's first 4 bytes announce, or nullopt when negative or above
/// max_bytes (then the connection is closed without reading further).
std::optional<int32_t> frame_size(std::string_view first_four_bytes,
                                  int32_t max_bytes = kSocketRequestMaxBytes);

}  // namespace wire
