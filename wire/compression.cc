#include "wire/compression.h"

#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>

#include "sim/assert.h"
#include "wire/io.h"

namespace wire {
namespace {

// xerial snappy-java's stream header: magic, version 1, compatible version 1.
constexpr char kXerialMagic[] = {'\x82', 'S', 'N', 'A', 'P', 'P', 'Y', '\0'};
constexpr size_t kXerialHeaderSize = 16;
constexpr size_t kXerialBlockSize = 32 * 1024;  // SnappyOutputStream's default block

std::string gzip_compress(std::string_view input) {
    z_stream stream{};
    int init = deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + 15, 8,
                            Z_DEFAULT_STRATEGY);
    KS_ASSERT(init == Z_OK);
    std::string out(deflateBound(&stream, input.size()) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    int result = deflate(&stream, Z_FINISH);
    KS_ASSERT(result == Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

std::optional<std::string> gzip_decompress(std::string_view input, size_t max_output) {
    z_stream stream{};
    if (inflateInit2(&stream, 16 + 15) != Z_OK) return std::nullopt;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    std::string out;
    char chunk[16384];
    int result = Z_OK;
    while (result != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof(chunk);
        result = inflate(&stream, Z_NO_FLUSH);
        if (result != Z_OK && result != Z_STREAM_END) break;
        out.append(chunk, sizeof(chunk) - stream.avail_out);
        if (out.size() > max_output) break;
        if (result == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) break;
    }
    inflateEnd(&stream);
    if (result != Z_STREAM_END || out.size() > max_output) return std::nullopt;
    return out;
}

// snappy-java's SnappyOutputStream: the header, then [int32 size][raw snappy block]...
std::string snappy_compress(std::string_view input) {
    std::string out(kXerialMagic, sizeof(kXerialMagic));
    Writer writer(out);
    writer.i32(1);
    writer.i32(1);
    for (size_t at = 0; at < input.size(); at += kXerialBlockSize) {
        std::string block;
        snappy::Compress(input.data() + at, std::min(kXerialBlockSize, input.size() - at),
                         &block);
        writer.i32(static_cast<int32_t>(block.size()));
        writer.raw(block);
    }
    return out;
}

bool append_snappy_block(std::string_view block, size_t max_output, std::string& out) {
    size_t length = 0;
    if (!snappy::GetUncompressedLength(block.data(), block.size(), &length)) return false;
    if (length > max_output - out.size()) return false;
    size_t start = out.size();
    out.resize(start + length);
    return snappy::RawUncompress(block.data(), block.size(), out.data() + start);
}

std::optional<std::string> snappy_decompress(std::string_view input, size_t max_output) {
    std::string out;
    bool xerial = input.size() >= kXerialHeaderSize &&
                  std::memcmp(input.data(), kXerialMagic, sizeof(kXerialMagic)) == 0;
    if (!xerial) {
        if (!append_snappy_block(input, max_output, out)) return std::nullopt;
        return out;
    }
    Reader reader(input.substr(kXerialHeaderSize));
    while (reader.remaining() > 0) {
        int32_t size = 0;
        reader.i32(size);
        if (size < 0) return std::nullopt;
        std::string_view block = reader.raw(static_cast<size_t>(size));
        if (!reader.ok() || !append_snappy_block(block, max_output, out)) return std::nullopt;
    }
    if (!reader.ok()) return std::nullopt;
    return out;
}

// Lz4BlockOutputStream: independent 64 KiB blocks, no content size or checksum.
std::string lz4_compress(std::string_view input) {
    LZ4F_preferences_t preferences{};
    preferences.frameInfo.blockSizeID = LZ4F_max64KB;
    preferences.frameInfo.blockMode = LZ4F_blockIndependent;
    std::string out(LZ4F_compressFrameBound(input.size(), &preferences), '\0');
    size_t size = LZ4F_compressFrame(out.data(), out.size(), input.data(), input.size(),
                                     &preferences);
    KS_ASSERT(!LZ4F_isError(size));
    out.resize(size);
    return out;
}

std::optional<std::string> lz4_decompress(std::string_view input, size_t max_output) {
    LZ4F_dctx* context = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&context, LZ4F_VERSION))) {
        return std::nullopt;
    }
    std::string out;
    char chunk[65536];
    const char* next = input.data();
    size_t left = input.size();
    size_t hint = 1;
    while (left > 0 && hint != 0 && out.size() <= max_output) {
        size_t consumed = left;
        size_t produced = sizeof(chunk);
        hint = LZ4F_decompress(context, chunk, &produced, next, &consumed, nullptr);
        if (LZ4F_isError(hint)) break;
        out.append(chunk, produced);
        next += consumed;
        left -= consumed;
        if (consumed == 0 && produced == 0) break;
    }
    LZ4F_freeDecompressionContext(context);
    if (LZ4F_isError(hint) || hint != 0 || out.size() > max_output) return std::nullopt;
    return out;
}

std::string zstd_compress(std::string_view input) {
    std::string out(ZSTD_compressBound(input.size()), '\0');
    size_t size = ZSTD_compress(out.data(), out.size(), input.data(), input.size(), 3);
    KS_ASSERT(!ZSTD_isError(size));
    out.resize(size);
    return out;
}

std::optional<std::string> zstd_decompress(std::string_view input, size_t max_output) {
    ZSTD_DStream* stream = ZSTD_createDStream();
    if (stream == nullptr) return std::nullopt;
    ZSTD_inBuffer in{input.data(), input.size(), 0};
    std::string out;
    char chunk[65536];
    size_t result = 1;
    while (result != 0 && out.size() <= max_output) {
        ZSTD_outBuffer buffer{chunk, sizeof(chunk), 0};
        result = ZSTD_decompressStream(stream, &buffer, &in);
        if (ZSTD_isError(result)) break;
        out.append(chunk, buffer.pos);
        if (in.pos == in.size && buffer.pos < sizeof(chunk)) break;
    }
    ZSTD_freeDStream(stream);
    if (ZSTD_isError(result) || result != 0 || out.size() > max_output) return std::nullopt;
    return out;
}

}  // namespace

std::string compress(Compression codec, std::string_view input) {
    switch (codec) {
        case Compression::none: return std::string(input);
        case Compression::gzip: return gzip_compress(input);
        case Compression::snappy: return snappy_compress(input);
        case Compression::lz4: return lz4_compress(input);
        case Compression::zstd: return zstd_compress(input);
    }
    KS_UNREACHABLE();
}

std::optional<std::string> decompress(Compression codec, std::string_view input,
                                      size_t max_output) {
    switch (codec) {
        case Compression::none: return std::string(input);
        case Compression::gzip: return gzip_decompress(input, max_output);
        case Compression::snappy: return snappy_decompress(input, max_output);
        case Compression::lz4: return lz4_decompress(input, max_output);
        case Compression::zstd: return zstd_decompress(input, max_output);
    }
    return std::nullopt;
}

}  // namespace wire
