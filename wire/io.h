#pragma once
// Kafka's primitive types as a Reader and a Writer with the same member names, so one
// field list per message (a template over the two) both decodes and encodes it and the
// two directions cannot drift apart. Flexible versions (KIP-482) switch strings, bytes
// and arrays to their compact forms and end each struct with tagged fields.
//
// Reader contract: every read is checked against the bytes that remain; the first
// failure is kept (with its byte position) and every later read is a no-op returning
// zeros, so a field list runs to its end on any input and the caller checks ok() once.
// A length is never trusted for an allocation before the bytes it announces are there.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/errors.h"

namespace wire {

/// Defined in wire/record_batch.h: the codec a Writer compresses record batches with.
enum class Compression : int8_t;

/// A Kafka UUID (topic ids, KIP-516): 16 bytes, most significant half first.
struct Uuid {
    uint64_t most_significant = 0;
    uint64_t least_significant = 0;
    auto operator<=>(const Uuid&) const = default;
};

class Reader {
 public:
    static constexpr bool kReading = true;
    explicit Reader(std::string_view bytes, bool flexible = false)
        : bytes_(bytes), flexible_(flexible) {}

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    /// Records the first failure; later reads return zeros.
    void fail(std::string_view what);
    size_t position() const { return position_; }
    size_t remaining() const { return ok() ? bytes_.size() - position_ : 0; }
    bool flexible() const { return flexible_; }
    void set_flexible(bool flexible) { flexible_ = flexible; }
    /// A Produce batch that failed its CRC or decoding: the request still parses.
    core::protocol::Error corrupt = core::protocol::Error::NONE;
    std::string corrupt_message;

    void i8(int8_t& value);
    void i16(int16_t& value);
    void i32(int32_t& value);
    void i64(int64_t& value);
    void u32(uint32_t& value);
    void boolean(bool& value);
    void uuid(Uuid& value);
    void uvarint(uint32_t& value);
    void varint(int32_t& value);
    void varlong(int64_t& value);
    template <class Enum>
    void enum16(Enum& value) {
        int16_t raw = 0;
        i16(raw);
        value = static_cast<Enum>(raw);
    }
    template <class Enum>
    void enum8(Enum& value) {
        int8_t raw = 0;
        i8(raw);
        value = static_cast<Enum>(raw);
    }

    /// string / compact string (non-null: a null reads as empty, as lenient clients do).
    void string(std::string& value);
    void nullable_string(std::optional<std::string>& value);
    /// A nullable string core/ keeps as "" for null.
    void string_or_null(std::string& value);
    void bytes(std::string& value);
    /// The next `size` bytes as a view into the input (empty on failure).
    std::string_view raw(size_t size);
    /// bytes / compact bytes as a view; nullopt for null.
    std::optional<std::string_view> nullable_bytes_view();

    /// Array length (int32, or compact uvarint - 1); -1 for null. A count larger than the
    /// remaining bytes fails here, before anything is allocated.
    int32_t array_length();
    template <class T, class F>
    void array(std::vector<T>& items, F&& each) {
        int32_t count = array_length();
        if (count < 0) return;
        items.clear();
        for (int32_t i = 0; i < count && ok(); ++i) each(items.emplace_back());
    }
    /// A nullable array: nullopt on null.
    template <class T, class F>
    void nullable_array(std::optional<std::vector<T>>& items, F&& each) {
        int32_t count = array_length();
        if (count < 0) {
            items.reset();
            return;
        }
        items.emplace();
        for (int32_t i = 0; i < count && ok(); ++i) each(items->emplace_back());
    }

    /// The tagged fields ending a struct in a flexible version: known tags go to
    /// on_tag(tag, Reader& body), which returns false for unknown ones (skipped).
    template <class F>
    void tagged_fields(F&& on_tag) {
        if (!flexible_) return;
        uint32_t count = 0;
        uvarint(count);
        for (uint32_t i = 0; i < count && ok(); ++i) {
            uint32_t tag = 0, size = 0;
            uvarint(tag);
            uvarint(size);
            std::string_view body = raw(size);
            if (!ok()) return;
            Reader sub(body, true);
            on_tag(tag, sub);
            if (!sub.ok()) fail("tagged field " + std::to_string(tag) + ": " + sub.error());
        }
    }
    void tagged_fields() {
        tagged_fields([](uint32_t, Reader&) { return false; });
    }

 private:
    const char* take(size_t size);
    std::string_view bytes_;
    size_t position_ = 0;
    bool flexible_;
    std::string error_;
};

class Writer {
 public:
    static constexpr bool kReading = false;
    explicit Writer(std::string& out, bool flexible = false) : out_(out), flexible_(flexible) {}

    /// The codec record batches written through this writer use (Produce requests).
    Compression compression{};

    bool ok() const { return true; }
    bool flexible() const { return flexible_; }
    void set_flexible(bool flexible) { flexible_ = flexible; }
    std::string& out() { return out_; }

    void i8(int8_t value) { out_.push_back(static_cast<char>(value)); }
    void i16(int16_t value);
    void i32(int32_t value);
    void i64(int64_t value);
    void u32(uint32_t value);
    void boolean(bool value) { i8(value ? 1 : 0); }
    void uuid(const Uuid& value);
    void uvarint(uint32_t value);
    void varint(int32_t value);
    void varlong(int64_t value);
    template <class Enum>
    void enum16(Enum value) {
        i16(static_cast<int16_t>(value));
    }
    template <class Enum>
    void enum8(Enum value) {
        i8(static_cast<int8_t>(value));
    }

    void string(std::string_view value);
    void nullable_string(const std::optional<std::string>& value);
    /// "" is written as null.
    void string_or_null(const std::string& value);
    void bytes(std::string_view value);
    void nullable_bytes(const std::optional<std::string_view>& value);
    void raw(std::string_view value) { out_.append(value); }

    void array_length(int32_t count);
    template <class T, class F>
    void array(const std::vector<T>& items, F&& each) {
        array_length(static_cast<int32_t>(items.size()));
        for (const T& item : items) each(item);
    }
    template <class T, class F>
    void nullable_array(const std::optional<std::vector<T>>& items, F&& each) {
        if (!items) {
            array_length(-1);
            return;
        }
        array(*items, each);
    }
    /// Writes the tagged fields ending a struct: body(TaggedFieldWriter&) adds each
    /// present field with field(tag, fill) in ascending tag order.
    template <class F>
    void tagged_fields(F&& body);
    void tagged_fields() {
        if (flexible_) uvarint(0);
    }

 private:
    std::string& out_;
    bool flexible_;
};

/// Collects tagged fields so the count can be written before them.
class TaggedFieldWriter {
 public:
    template <class F>
    void field(uint32_t tag, F&& fill) {
        std::string body;
        Writer w(body, true);
        fill(w);
        Writer(encoded_, true).uvarint(tag);
        Writer(encoded_, true).uvarint(static_cast<uint32_t>(body.size()));
        encoded_.append(body);
        ++count_;
    }
    uint32_t count_ = 0;
    std::string encoded_;
};

template <class F>
void Writer::tagged_fields(F&& body) {
    if (!flexible_) return;
    TaggedFieldWriter fields;
    body(fields);
    uvarint(fields.count_);
    raw(fields.encoded_);
}

}  // namespace wire
