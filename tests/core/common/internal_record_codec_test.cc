// The internal record codec: what is put reads back in order (any bytes in a string,
// int64's extremes), and a value that is torn, overflows its field, or holds a count
// beyond its bytes fails instead of decoding to something else. Also the three families
// on it: a torn metadata log tail is dropped, an offsets or transaction record with an
// overflowing field is ignored.

#include "core/common/internal_record_codec.h"

#include <gtest/gtest.h>

#include <limits>

#include "core/controller/record_codec.h"
#include "core/group/offsets_topic.h"
#include "core/transaction/transaction_log.h"

namespace core {
namespace {

TEST(InternalRecordCodec, FieldsReadBackInOrder) {
    const std::string text("a;b:c\n\0d", 8);
    std::string bytes = InternalRecordWriter()
                            .put(std::numeric_limits<int64_t>::min())
                            .put(text)
                            .put(std::numeric_limits<int64_t>::max())
                            .put("")
                            .put_bool(true)
                            .take();
    InternalRecordReader in(bytes);
    EXPECT_EQ(in.get_int(), std::numeric_limits<int64_t>::min());
    EXPECT_EQ(in.get_string(), text);
    EXPECT_EQ(in.get_int(), std::numeric_limits<int64_t>::max());
    EXPECT_EQ(in.get_string(), "");
    EXPECT_TRUE(in.get_bool());
    EXPECT_TRUE(in.ok());
    EXPECT_TRUE(in.at_end());
}

TEST(InternalRecordCodec, IntegerBeyondInt64Fails) {
    InternalRecordReader in("99999999999999999999;");
    EXPECT_EQ(in.get_int(), 0);
    EXPECT_FALSE(in.ok());
}

TEST(InternalRecordCodec, NarrowFieldOutOfRangeFails) {
    InternalRecordReader wide("2147483648;");
    wide.get_int32();
    EXPECT_FALSE(wide.ok());
    InternalRecordReader epoch("32768;");
    epoch.get_int16();
    EXPECT_FALSE(epoch.ok());
    InternalRecordReader flag("2;");
    flag.get_bool();
    EXPECT_FALSE(flag.ok());
    InternalRecordReader fits("-2147483648;");
    EXPECT_EQ(fits.get_int32(), std::numeric_limits<int32_t>::min());
    EXPECT_TRUE(fits.ok());
}

TEST(InternalRecordCodec, MalformedIntegersFail) {
    for (const char* bad : {"", ";", "12", "+1;", "1x;", " 1;", "--1;"}) {
        InternalRecordReader in(bad);
        in.get_int();
        EXPECT_FALSE(in.ok()) << '"' << bad << '"';
    }
}

TEST(InternalRecordCodec, StringLongerThanItsBytesFails) {
    InternalRecordReader torn("5:abc");
    EXPECT_EQ(torn.get_string(), "");
    EXPECT_FALSE(torn.ok());
    InternalRecordReader huge("18446744073709551615:abc");
    huge.get_string();
    EXPECT_FALSE(huge.ok());
    InternalRecordReader beyond("99999999999999999999999:abc");
    beyond.get_string();
    EXPECT_FALSE(beyond.ok());
    InternalRecordReader negative("-1:abc");
    negative.get_string();
    EXPECT_FALSE(negative.ok());
}

TEST(InternalRecordCodec, CountBeyondTheBytesLeftFails) {
    InternalRecordReader in("1000000;1;");
    EXPECT_EQ(in.get_count(), 0);
    EXPECT_FALSE(in.ok());
    InternalRecordReader negative("-1;");
    negative.get_count();
    EXPECT_FALSE(negative.ok());
}

TEST(InternalRecordCodec, EveryReadAfterAFailureFails) {
    InternalRecordReader in("x;1;");
    in.get_int();
    EXPECT_EQ(in.get_int(), 0);
    EXPECT_FALSE(in.ok());
}

TEST(InternalRecordCodec, MetadataLogDropsOnlyTheTornTail) {
    using namespace core::protocol;
    ConfigRecord config;
    config.resource_name = "t";
    config.name = "k";
    config.value = "line one\nline two";  // a newline inside a value is not an entry end
    std::string bytes =
        controller::encode_entry({0, TopicRecord{"t", 7}}) + controller::encode_entry({1, config});
    const std::string torn = controller::encode_entry({2, TopicRecord{"u", 8}});
    bytes += torn.substr(0, torn.size() - 1);
    auto entries = controller::decode_entries(bytes);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(std::get<ConfigRecord>(entries[1].record).value, "line one\nline two");
}

TEST(InternalRecordCodec, OffsetCommitWithAnOverflowingFieldIsIgnored) {
    auto record = group::offset_commit_record("g", {"t", 0}, {42, 1, "", 5});
    ASSERT_TRUE(group::parse_offsets_topic_record(record).has_value());
    // The committed offset's digits grown past int64.
    record.value = "4200000000000000000000;" + record.value.substr(3);
    EXPECT_FALSE(group::parse_offsets_topic_record(record).has_value());
}

TEST(InternalRecordCodec, TransactionRecordWithAnOutOfRangeEpochIsIgnored) {
    transaction::TransactionMetadata m;
    m.transactional_id = "etl";
    m.producer_id = 1;
    m.producer_epoch = 3;
    auto record = transaction::transaction_log_record(m);
    ASSERT_TRUE(transaction::parse_transaction_log_record(record).has_value());
    const std::string epoch = ";3;";
    const size_t at = record.value.find(epoch);
    ASSERT_NE(at, std::string::npos);
    record.value.replace(at, epoch.size(), ";40000;");
    EXPECT_FALSE(transaction::parse_transaction_log_record(record).has_value());
}

}  // namespace
}  // namespace core
