// Placeholder bodies of wire/codec.h and wire/record_batch.h until the codec lands:
// every decode answers INVALID_REQUEST / CORRUPT_MESSAGE, every encode an empty frame.
#include "wire/codec.h"
#include "wire/record_batch.h"

namespace wire {

std::span<const ApiVersionRange> supported_apis() { return {}; }
std::optional<ApiVersionRange> supported_versions(int16_t) { return std::nullopt; }
int16_t request_header_version(int16_t, int16_t) { return 1; }
int16_t response_header_version(int16_t, int16_t) { return 0; }
std::shared_ptr<core::protocol::ApiVersionsResponse> api_versions_response(
    const RequestHeader& header) {
    auto response = std::make_shared<core::protocol::ApiVersionsResponse>();
    response->correlation_id = header.correlation_id;
    response->error = Error::UNSUPPORTED_VERSION;
    return response;
}
DecodedRequest decode_request(std::string_view) {
    DecodedRequest decoded;
    decoded.error = Error::INVALID_REQUEST;
    decoded.error_message = "wire codec not implemented yet";
    return decoded;
}
std::string encode_response(const RequestHeader&, const KafkaMessage&) { return {}; }
std::shared_ptr<KafkaMessage> error_response(const KafkaMessage&, Error) { return nullptr; }
std::string encode_request(const RequestHeader&, const KafkaMessage&) { return {}; }
DecodedResponse decode_response(int16_t, int16_t, std::string_view) {
    DecodedResponse decoded;
    decoded.error = Error::INVALID_REQUEST;
    return decoded;
}
std::optional<int32_t> frame_size(std::string_view, int32_t) { return std::nullopt; }
void encode_record_batch(const core::protocol::RecordBatch&, Compression, std::string&) {}
DecodedBatches decode_record_batches(std::string_view) {
    DecodedBatches decoded;
    decoded.error = Error::CORRUPT_MESSAGE;
    return decoded;
}
uint32_t crc32c(std::string_view, uint32_t crc) { return crc; }

}  // namespace wire
