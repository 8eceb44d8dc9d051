// Kafka's primitive encodings (ByteUtils, the protocol guide): unsigned varints, zigzag
// varints and varlongs against Kafka's ByteUtilsTest values, compact lengths (n + 1), and
// a Reader that keeps its first failure and reads zeros after it.
#include <gtest/gtest.h>

#include <limits>

#include "wire/io.h"

namespace wire {
namespace {

std::string unsigned_varint(uint32_t value) {
    std::string out;
    Writer(out).uvarint(value);
    return out;
}

TEST(Io, UnsignedVarintsUseSevenBitsAByteLowFirst) {
    EXPECT_EQ(unsigned_varint(0), std::string("\x00", 1));
    EXPECT_EQ(unsigned_varint(300), "\xac\x02");
    EXPECT_EQ(unsigned_varint(0xffffffffu), "\xff\xff\xff\xff\x0f");
}

TEST(Io, ZigzagVarintsAndVarlongsRoundTripTheirExtremes) {
    for (int32_t value : {0, -1, 1, -64, 64, std::numeric_limits<int32_t>::min(),
                          std::numeric_limits<int32_t>::max()}) {
        std::string out;
        Writer(out).varint(value);
        Reader r(out);
        int32_t read = 7;
        r.varint(read);
        EXPECT_TRUE(r.ok());
        EXPECT_EQ(read, value);
    }
    for (int64_t value : {int64_t{0}, int64_t{-1}, std::numeric_limits<int64_t>::min(),
                          std::numeric_limits<int64_t>::max()}) {
        std::string out;
        Writer(out).varlong(value);
        Reader r(out);
        int64_t read = 7;
        r.varlong(read);
        EXPECT_TRUE(r.ok());
        EXPECT_EQ(read, value);
    }
    std::string minus_one;
    Writer(minus_one).varint(-1);
    EXPECT_EQ(minus_one, "\x01");  // zigzag: -1 -> 1
}

TEST(Io, AVarintOfSixBytesIsAnError) {
    Reader r("\xff\xff\xff\xff\xff\x01");
    uint32_t value = 0;
    r.uvarint(value);
    EXPECT_FALSE(r.ok());
}

TEST(Io, CompactStringsCountLengthPlusOneAndZeroIsNull) {
    std::string out;
    Writer w(out, true);
    w.string("ab");
    w.nullable_string(std::nullopt);
    EXPECT_EQ(out, std::string("\x03" "ab" "\x00", 4));
    Reader r(out, true);
    std::optional<std::string> a, b;
    r.nullable_string(a);
    r.nullable_string(b);
    EXPECT_EQ(a, "ab");
    EXPECT_EQ(b, std::nullopt);
}

TEST(Io, TheFirstFailureIsKeptAndLaterReadsAreZero) {
    Reader r("\x01");
    int32_t value = 9;
    r.i32(value);
    EXPECT_FALSE(r.ok());
    std::string first = r.error();
    int8_t small = 9;
    r.i8(small);
    EXPECT_EQ(small, 0);
    EXPECT_EQ(r.error(), first);
}

TEST(Io, UnknownTaggedFieldsAreSkipped) {
    std::string out;
    Writer w(out, true);
    w.tagged_fields([](TaggedFieldWriter& fields) {
        fields.field(5, [](Writer& body) { body.i32(77); });
    });
    w.i8(3);
    Reader r(out, true);
    r.tagged_fields();
    int8_t after = 0;
    r.i8(after);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(after, 3);
}

}  // namespace
}  // namespace wire
