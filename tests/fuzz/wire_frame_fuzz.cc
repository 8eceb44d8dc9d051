// libFuzzer target: the wire codec's frame decoders on arbitrary bytes. The first byte
// picks the direction: even = a request payload (what serve reads from a socket), odd =
// a response payload for the API and version in the next four bytes. Any input must
// decode to a value or an error with a message; a value must re-encode, and after that
// one normalisation (null strings read as empty, a v0 empty topic list as "all") encoding
// is a fixpoint: decode(encode(m)) encodes to the same bytes again.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "wire/codec.h"

namespace {

void fuzz_request(std::string_view payload) {
    wire::DecodedRequest decoded = wire::decode_request(payload);
    if (decoded.error != wire::Error::NONE) {
        if (decoded.error_message.empty()) std::abort();
        return;
    }
    std::string once = wire::encode_request(decoded.header, *decoded.request);
    wire::DecodedRequest again = wire::decode_request(std::string_view(once).substr(4));
    if (again.error != wire::Error::NONE) std::abort();
    if (wire::encode_request(again.header, *again.request) != once) std::abort();
}

void fuzz_response(std::string_view bytes) {
    if (bytes.size() < 4) return;
    auto key = static_cast<int16_t>((static_cast<uint8_t>(bytes[0]) << 8) |
                                    static_cast<uint8_t>(bytes[1]));
    auto version = static_cast<int16_t>((static_cast<uint8_t>(bytes[2]) << 8) |
                                        static_cast<uint8_t>(bytes[3]));
    wire::DecodedResponse decoded = wire::decode_response(key, version, bytes.substr(4));
    if (decoded.error != wire::Error::NONE) {
        if (decoded.error_message.empty()) std::abort();
        return;
    }
    wire::RequestHeader header{key, version, decoded.correlation_id, std::nullopt};
    std::string once = wire::encode_response(header, *decoded.response);
    wire::DecodedResponse again =
        wire::decode_response(key, version, std::string_view(once).substr(4));
    if (again.error != wire::Error::NONE) std::abort();
    if (wire::encode_response(header, *again.response) != once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0) {
        fuzz_request(bytes);
    } else {
        fuzz_response(bytes);
    }
    return 0;
}
