// The frame codec, property-tested: every API the version table lists, at every version,
// decodes what it encodes (requests and responses, random field values from sim::Rng),
// re-encodes to the same bytes, keeps every field at the newest version, and turns every
// truncation of a valid frame into INVALID_REQUEST rather than a crash.
#include <gtest/gtest.h>

#include "core/protocol/metadata.h"
#include "tests/wire/random_messages.h"
#include "wire/codec.h"

namespace wire {
namespace {

using core::protocol::ApiKey;

constexpr int kSeedsPerVersion = 25;

RequestHeader header_for(const ApiVersionRange& range, int16_t version, int32_t correlation) {
    return RequestHeader{static_cast<int16_t>(range.api_key), version, correlation, "test"};
}

std::string payload_of(const std::string& frame) { return frame.substr(4); }

TEST(CodecRoundTrip, EveryRequestAtEveryVersionDecodesAndReencodesToTheSameBytes) {
    for (const ApiVersionRange& range : supported_apis()) {
        for (int16_t v = range.min_version; v <= range.max_version; ++v) {
            for (int seed = 0; seed < kSeedsPerVersion; ++seed) {
                sim::Rng rng(static_cast<uint64_t>(seed) * 131 + v);
                auto request = testing::random_request(range.api_key, rng);
                ASSERT_NE(request, nullptr) << core::protocol::api_name(range.api_key);
                RequestHeader header = header_for(range, v, request->correlation_id);
                std::string frame = encode_request(header, *request);
                DecodedRequest decoded = decode_request(payload_of(frame));
                ASSERT_EQ(decoded.error, Error::NONE)
                    << api_name(range.api_key) << " v" << v << ": " << decoded.error_message;
                EXPECT_EQ(decoded.header.client_id, "test");
                EXPECT_EQ(decoded.request->correlation_id, request->correlation_id);
                EXPECT_EQ(encode_request(decoded.header, *decoded.request), frame)
                    << api_name(range.api_key) << " v" << v;
                if (v == range.max_version) {
                    EXPECT_EQ(decoded.request->digest(), request->digest())
                        << api_name(range.api_key) << " v" << v;
                }
            }
        }
    }
}

TEST(CodecRoundTrip, EveryResponseAtEveryVersionDecodesAndReencodesToTheSameBytes) {
    for (const ApiVersionRange& range : supported_apis()) {
        for (int16_t v = range.min_version; v <= range.max_version; ++v) {
            for (int seed = 0; seed < kSeedsPerVersion; ++seed) {
                sim::Rng rng(static_cast<uint64_t>(seed) * 977 + v);
                auto response = testing::random_response(range.api_key, rng);
                ASSERT_NE(response, nullptr) << api_name(range.api_key);
                RequestHeader header = header_for(range, v, response->correlation_id);
                std::string frame = encode_response(header, *response);
                DecodedResponse decoded =
                    decode_response(header.api_key, v, payload_of(frame));
                ASSERT_EQ(decoded.error, Error::NONE)
                    << api_name(range.api_key) << " v" << v << ": " << decoded.error_message;
                EXPECT_EQ(decoded.correlation_id, response->correlation_id);
                EXPECT_EQ(encode_response(header, *decoded.response), frame)
                    << api_name(range.api_key) << " v" << v;
                if (v == range.max_version) {
                    EXPECT_EQ(decoded.response->digest(), response->digest())
                        << api_name(range.api_key) << " v" << v;
                }
            }
        }
    }
}

TEST(CodecRoundTrip, EveryTruncationOfAValidRequestIsInvalidRequest) {
    for (const ApiVersionRange& range : supported_apis()) {
        for (int16_t v = range.min_version; v <= range.max_version; ++v) {
            sim::Rng rng(v);
            auto request = testing::random_request(range.api_key, rng);
            std::string payload =
                payload_of(encode_request(header_for(range, v, 7), *request));
            for (size_t size = 0; size < payload.size(); ++size) {
                DecodedRequest decoded = decode_request(payload.substr(0, size));
                ASSERT_NE(decoded.error, Error::NONE)
                    << api_name(range.api_key) << " v" << v << " cut at " << size;
                EXPECT_FALSE(decoded.error_message.empty());
            }
        }
    }
}

TEST(CodecRoundTrip, FlexibleVersionsUseTheCompactFormsAndHeaderVersionTwo) {
    // Metadata v9 is the first flexible Metadata: header v2 ends with an empty tag
    // section (0x00) after the int16 client id, and the topic array is compact (n + 1).
    core::protocol::MetadataRequest request;
    request.topics = std::vector<std::string>{"ab"};
    std::string frame = encode_request({3, 9, 1, "c"}, request);
    std::string expected("\x00\x03\x00\x09\x00\x00\x00\x01\x00\x01" "c" "\x00"  // header v2
                         "\x02" "\x03" "ab" "\x00"  // topics: 1 topic "ab", no tags
                         "\x00\x00\x00" "\x00",     // allow, two include-ops, no tags
                         21);
    EXPECT_EQ(payload_of(frame), expected);
    EXPECT_EQ(request_header_version(3, 8), 1);
    EXPECT_EQ(response_header_version(3, 9), 1);
    EXPECT_EQ(response_header_version(18, 3), 0);  // ApiVersions: always v0
}

}  // namespace
}  // namespace wire
