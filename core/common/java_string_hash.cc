#include "core/common/java_string_hash.h"

namespace core {

int32_t java_string_hash(std::string_view text) {
    // Decode UTF-8 to UTF-16 code units, as Java strings hold them; h = 31*h + unit.
    uint32_t hash = 0;
    auto mix = [&hash](uint32_t unit) { hash = hash * 31u + unit; };
    for (size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        uint32_t code = byte;
        size_t extra = 0;
        if (byte >= 0xF0) {
            code = byte & 0x07u;
            extra = 3;
        } else if (byte >= 0xE0) {
            code = byte & 0x0Fu;
            extra = 2;
        } else if (byte >= 0xC0) {
            code = byte & 0x1Fu;
            extra = 1;
        }
        for (size_t k = 1; k <= extra && i + k < text.size(); ++k) {
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
        }
        i += extra + 1;
        if (code >= 0x10000) {
            code -= 0x10000;
            mix(0xD800u + (code >> 10));
            mix(0xDC00u + (code & 0x3FFu));
        } else {
            mix(code);
        }
    }
    return static_cast<int32_t>(hash);
}

}  // namespace core
