// Frames and headers (Kafka's RequestHeader, ResponseHeader, RequestContext) and the
// dispatch from an API key to its codec in wire/*_codec.cc.
#include "wire/codec.h"

#include "core/protocol/group.h"
#include "sim/assert.h"
#include "wire/message_codec.h"

namespace wire {

using core::protocol::ApiKey;
using detail::ApiCodec;

namespace {

ApiCodec codec_of(ApiKey key) {
    switch (key) {
        case ApiKey::Produce: return detail::produce_codec();
        case ApiKey::Fetch: return detail::fetch_codec();
        case ApiKey::ListOffsets: return detail::list_offsets_codec();
        case ApiKey::Metadata: return detail::metadata_codec();
        case ApiKey::ApiVersions: return detail::api_versions_codec();
        case ApiKey::CreateTopics: return detail::create_topics_codec();
        case ApiKey::DeleteTopics: return detail::delete_topics_codec();
        case ApiKey::InitProducerId: return detail::init_producer_id_codec();
        case ApiKey::OffsetForLeaderEpoch: return detail::offset_for_leader_epoch_codec();
        case ApiKey::DescribeConfigs: return detail::describe_configs_codec();
        case ApiKey::DescribeCluster: return detail::describe_cluster_codec();
        case ApiKey::FindCoordinator: return detail::find_coordinator_codec();
        case ApiKey::JoinGroup: return detail::join_group_codec();
        case ApiKey::SyncGroup: return detail::sync_group_codec();
        case ApiKey::Heartbeat: return detail::heartbeat_codec();
        case ApiKey::LeaveGroup: return detail::leave_group_codec();
        case ApiKey::OffsetCommit: return detail::offset_commit_codec();
        case ApiKey::OffsetFetch: return detail::offset_fetch_codec();
        default: return ApiCodec{};
    }
}

bool version_supported(int16_t api_key, int16_t api_version) {
    std::optional<ApiVersionRange> range = supported_versions(api_key);
    return range && api_version >= range->min_version && api_version <= range->max_version;
}

bool is_flexible(int16_t api_key, int16_t api_version) {
    return request_header_version(api_key, api_version) == 2;
}

// Kafka answers an ApiVersions request at a version it does not know with a v0 body.
int16_t response_body_version(int16_t api_key, int16_t api_version) {
    if (api_key == static_cast<int16_t>(ApiKey::ApiVersions) &&
        !version_supported(api_key, api_version)) {
        return 0;
    }
    return api_version;
}

std::string with_size(std::string payload) {
    std::string frame;
    frame.reserve(payload.size() + 4);
    Writer(frame).i32(static_cast<int32_t>(payload.size()));
    frame.append(payload);
    return frame;
}

std::string api_label(const RequestHeader& header) {
    return std::string(core::protocol::api_name(static_cast<ApiKey>(header.api_key))) + " v" +
           std::to_string(header.api_version);
}

}  // namespace

std::optional<int32_t> frame_size(std::string_view first_four_bytes, int32_t max_bytes) {
    Reader reader(first_four_bytes);
    int32_t size = 0;
    reader.i32(size);
    if (!reader.ok() || size < 0 || size > max_bytes) return std::nullopt;
    return size;
}

namespace {

// The header's fixed part; client_id is a nullable int16 string even in header v2.
void read_header(Reader& reader, DecodedRequest& out) {
    reader.i16(out.header.api_key);
    reader.i16(out.header.api_version);
    reader.i32(out.header.correlation_id);
    out.header_valid = reader.ok();
    reader.nullable_string(out.header.client_id);
}

}  // namespace

DecodedRequest decode_request(std::string_view payload) {
    DecodedRequest out;
    Reader reader(payload);
    read_header(reader, out);
    const RequestHeader& h = out.header;
    auto fail = [&](std::string what) {
        out.error = Error::INVALID_REQUEST;
        out.error_message = std::move(what);
        out.request.reset();
        return out;
    };
    if (!reader.ok()) return fail("request header: " + reader.error());
    ApiCodec codec = codec_of(static_cast<ApiKey>(h.api_key));
    if (!codec.read_request) return fail("unknown api key " + std::to_string(h.api_key));
    if (!version_supported(h.api_key, h.api_version)) {
        if (h.api_key == static_cast<int16_t>(ApiKey::ApiVersions)) {
            out.error = Error::UNSUPPORTED_VERSION;  // answered with a v0 body, as Kafka does
            out.error_message = api_label(h) + ": unsupported version";
            return out;
        }
        return fail(api_label(h) + ": unsupported version");
    }
    bool flexible = is_flexible(h.api_key, h.api_version);
    if (flexible) {
        reader.set_flexible(true);
        reader.tagged_fields();
    }
    out.request = codec.read_request(reader, h.api_version);
    if (reader.ok() && reader.remaining() != 0) reader.fail("bytes after the request body");
    if (!reader.ok()) return fail(api_label(h) + ": " + reader.error());
    out.request->correlation_id = h.correlation_id;
    if (h.api_key == static_cast<int16_t>(ApiKey::JoinGroup)) {
        // core/ names members after the client id (Kafka's "<client.id>-<uuid>").
        auto& join = static_cast<core::protocol::JoinGroupRequest&>(*out.request);
        join.client_id = h.client_id.value_or("");
    }
    if (reader.corrupt != Error::NONE) {
        out.error = reader.corrupt;
        out.error_message = api_label(h) + ": " + reader.corrupt_message;
    }
    return out;
}

std::string encode_response(const RequestHeader& header, const KafkaMessage& response) {
    KS_ASSERT(response.is_response());
    KS_ASSERT(static_cast<int16_t>(response.api_key()) == header.api_key);
    int16_t version = response_body_version(header.api_key, header.api_version);
    KS_ASSERT(version_supported(header.api_key, version));
    std::string payload;
    Writer writer(payload);
    writer.i32(header.correlation_id);
    if (response_header_version(header.api_key, version) == 1) {
        writer.set_flexible(true);
        writer.tagged_fields();
    }
    writer.set_flexible(is_flexible(header.api_key, version));
    codec_of(response.api_key()).write_response(writer, response, version);
    return with_size(std::move(payload));
}

std::shared_ptr<KafkaMessage> error_response(const KafkaMessage& request, Error error) {
    KS_ASSERT(!request.is_response());
    ApiCodec codec = codec_of(request.api_key());
    KS_ASSERT(codec.error_response != nullptr);
    std::shared_ptr<KafkaMessage> response = codec.error_response(request, error);
    response->correlation_id = request.correlation_id;
    return response;
}

std::string encode_request(const RequestHeader& header, const KafkaMessage& request) {
    KS_ASSERT(!request.is_response());
    KS_ASSERT(static_cast<int16_t>(request.api_key()) == header.api_key);
    KS_ASSERT(version_supported(header.api_key, header.api_version));
    std::string payload;
    Writer writer(payload);
    writer.i16(header.api_key);
    writer.i16(header.api_version);
    writer.i32(header.correlation_id);
    writer.nullable_string(header.client_id);
    bool flexible = is_flexible(header.api_key, header.api_version);
    writer.set_flexible(flexible);
    if (flexible) writer.tagged_fields();
    codec_of(request.api_key()).write_request(writer, request, header.api_version);
    return with_size(std::move(payload));
}

DecodedResponse decode_response(int16_t api_key, int16_t api_version, std::string_view payload) {
    DecodedResponse out;
    ApiCodec codec = codec_of(static_cast<ApiKey>(api_key));
    Reader reader(payload);
    reader.i32(out.correlation_id);
    if (codec.read_response && version_supported(api_key, api_version)) {
        if (response_header_version(api_key, api_version) == 1) {
            reader.set_flexible(true);
            reader.tagged_fields();
        }
        reader.set_flexible(is_flexible(api_key, api_version));
        out.response = codec.read_response(reader, api_version);
        if (reader.ok() && reader.remaining() != 0) reader.fail("bytes after the response");
    } else {
        reader.fail("unsupported api key or version");
    }
    if (!reader.ok() || reader.corrupt != Error::NONE) {
        out.error = reader.ok() ? reader.corrupt : Error::CORRUPT_MESSAGE;
        out.error_message = reader.ok() ? reader.corrupt_message : reader.error();
        out.response.reset();
        return out;
    }
    out.response->correlation_id = out.correlation_id;
    return out;
}

}  // namespace wire
