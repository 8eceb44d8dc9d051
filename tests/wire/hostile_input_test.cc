// Bad input to the frame codec, each answered as Kafka does (RequestContext.parseRequest,
// ApiVersionsRequest.getErrorResponse, SocketServer's socket.request.max.bytes): an error
// value, never a crash or an allocation the bytes do not pay for.
#include <gtest/gtest.h>

#include "core/protocol/api_versions.h"
#include "core/protocol/metadata.h"
#include "core/protocol/produce.h"
#include "tests/wire/random_messages.h"
#include "wire/codec.h"
#include "wire/io.h"

namespace wire {
namespace {

using core::protocol::ApiKey;

std::string request_payload(int16_t key, int16_t version, std::string_view body) {
    std::string out;
    Writer w(out);
    w.i16(key);
    w.i16(version);
    w.i32(42);
    w.nullable_string(std::string("c"));
    out.append(body);
    return out;
}

TEST(HostileInput, AnUnknownApiKeyIsInvalidRequestWithItsCorrelationId) {
    DecodedRequest decoded = decode_request(request_payload(999, 0, ""));
    EXPECT_EQ(decoded.error, Error::INVALID_REQUEST);
    EXPECT_TRUE(decoded.header_valid);
    EXPECT_EQ(decoded.header.correlation_id, 42);
    EXPECT_EQ(decoded.request, nullptr);
}

TEST(HostileInput, AnApiVersionsAboveTheTableIsAnsweredUnsupportedVersionWithAV0Body) {
    DecodedRequest decoded = decode_request(request_payload(18, 99, "garbage"));
    ASSERT_EQ(decoded.error, Error::UNSUPPORTED_VERSION);
    auto response = api_versions_response(decoded.header);
    std::string frame = encode_response(decoded.header, *response);
    DecodedResponse read = decode_response(18, 0, frame.substr(4));
    ASSERT_EQ(read.error, Error::NONE) << read.error_message;
    const auto& body = static_cast<const core::protocol::ApiVersionsResponse&>(*read.response);
    EXPECT_EQ(body.error, Error::UNSUPPORTED_VERSION);
    ASSERT_EQ(body.api_keys.size(), 1u);
    EXPECT_EQ(body.api_keys[0].api_key, 18);
    EXPECT_EQ(body.api_keys[0].max_version, 4);
    EXPECT_EQ(read.correlation_id, 42);
}

TEST(HostileInput, AnUnsupportedVersionOfAnotherApiIsInvalidRequest) {
    // Produce v2 carries message format v1, which Kafka 4 no longer reads.
    DecodedRequest decoded = decode_request(request_payload(0, 2, ""));
    EXPECT_EQ(decoded.error, Error::INVALID_REQUEST);
    EXPECT_NE(decoded.error_message.find("unsupported version"), std::string::npos);
}

TEST(HostileInput, AHugeArrayCountFailsBeforeAllocating) {
    std::string body;
    Writer(body).i32(0x7fffffff);  // Metadata v1 topics: 2^31-1 elements in 0 bytes
    DecodedRequest decoded = decode_request(request_payload(3, 1, body));
    EXPECT_EQ(decoded.error, Error::INVALID_REQUEST);
    EXPECT_NE(decoded.error_message.find("array of 2147483647"), std::string::npos);
}

TEST(HostileInput, AHugeStringLengthIsTruncationNotAnAllocation) {
    std::string body;
    Writer w(body);
    w.i32(1);
    w.i16(0x7fff);  // a topic name announcing 32767 bytes
    DecodedRequest decoded = decode_request(request_payload(3, 1, body));
    EXPECT_EQ(decoded.error, Error::INVALID_REQUEST);
    EXPECT_NE(decoded.error_message.find("truncated"), std::string::npos);
}

TEST(HostileInput, TrailingBytesAfterTheBodyAreInvalidRequest) {
    core::protocol::MetadataRequest request;
    std::string frame = encode_request({3, 1, 5, "c"}, request);
    EXPECT_EQ(decode_request(frame.substr(4)).error, Error::NONE);
    EXPECT_EQ(decode_request(frame.substr(4) + "x").error, Error::INVALID_REQUEST);
}

TEST(HostileInput, FrameSizesAboveSocketRequestMaxBytesOrNegativeAreRefused) {
    auto size_bytes = [](int32_t size) {
        std::string out;
        Writer(out).i32(size);
        return out;
    };
    EXPECT_EQ(frame_size(size_bytes(100)), 100);
    EXPECT_EQ(frame_size(size_bytes(kSocketRequestMaxBytes)), kSocketRequestMaxBytes);
    EXPECT_EQ(frame_size(size_bytes(kSocketRequestMaxBytes + 1)), std::nullopt);
    EXPECT_EQ(frame_size(size_bytes(0x7fffffff)), std::nullopt);  // "2 GiB"
    EXPECT_EQ(frame_size(size_bytes(-1)), std::nullopt);
    EXPECT_EQ(frame_size("\x00\x00"), std::nullopt);
}

TEST(HostileInput, AProduceBatchWithABadCrcIsCorruptMessageForEveryPartition) {
    sim::Rng rng(3);
    core::protocol::ProduceRequest request;
    request.partitions.push_back({{"t", 0}, testing::random_batch(rng)});
    request.partitions[0].records.records.resize(1);
    std::string frame = encode_request({0, 9, 8, "c"}, request);
    frame[frame.size() - 4] ^= 0x5a;  // the last record byte (then 3 tag sections)
    DecodedRequest decoded = decode_request(frame.substr(4));
    ASSERT_EQ(decoded.error, Error::CORRUPT_MESSAGE) << decoded.error_message;
    ASSERT_NE(decoded.request, nullptr);
    auto response = error_response(*decoded.request, decoded.error);
    const auto& body = static_cast<const core::protocol::ProduceResponse&>(*response);
    ASSERT_EQ(body.responses.size(), 1u);
    EXPECT_EQ(body.responses[0].error, Error::CORRUPT_MESSAGE);
    EXPECT_EQ(body.responses[0].topic_partition.topic, "t");
    EXPECT_EQ(response->correlation_id, 8);
    EXPECT_FALSE(encode_response(decoded.header, *response).empty());
}

}  // namespace
}  // namespace wire
