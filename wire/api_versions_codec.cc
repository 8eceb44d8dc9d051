// ApiVersions (18), from ApiVersionsRequest.json / ApiVersionsResponse.json: versions 0-4,
// flexible from 3. The response's feature tags (0-3) are skipped when read and not written:
// kafkasim finalizes no features, and clients treat their absence as none.
#include "core/protocol/api_versions.h"
#include "wire/message_codec.h"

namespace wire::detail {
namespace {

using core::protocol::ApiVersionsRequest;
using core::protocol::ApiVersionsResponse;

struct RequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        if (v >= 3) {
            io.string(m.client_software_name);
            io.string(m.client_software_version);
        }
        end_struct(io);
    }
};

struct ResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.enum16(m.error);
        io.array(m.api_keys, [&](auto& key) {
            io.i16(key.api_key);
            io.i16(key.min_version);
            io.i16(key.max_version);
            end_struct(io);
        });
        if (v >= 1) io.i32(m.throttle_time_ms);
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> error_response(const KafkaMessage&, Error error) {
    auto response = std::make_shared<ApiVersionsResponse>();
    response->error = error;
    return response;
}

}  // namespace

ApiCodec api_versions_codec() {
    return make_codec<ApiVersionsRequest, RequestFields, ApiVersionsResponse, ResponseFields,
                      &error_response>();
}

}  // namespace wire::detail
