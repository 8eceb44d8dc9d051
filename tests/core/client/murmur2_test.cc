// Kafka's murmur2, checked against the vectors in Kafka's own
// clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java (testMurmur2), so
// a key maps to the same partition here as in a real producer.

#include <gtest/gtest.h>

#include "core/client/murmur2.h"

namespace core::client {
namespace {

// Kafka UtilsTest.testMurmur2.
TEST(Murmur2, MatchesKafkaUtilsTestVectors) {
    EXPECT_EQ(murmur2("21"), -973932308);
    EXPECT_EQ(murmur2("foobar"), -790332482);
    EXPECT_EQ(murmur2("a-little-bit-long-string"), -985981536);
    EXPECT_EQ(murmur2("a-little-bit-longer-string"), -1486304829);
    EXPECT_EQ(murmur2("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"), -58897971);
    EXPECT_EQ(murmur2("abc"), 479470107);
}

TEST(Murmur2, HashesBytesNotCharactersSoHighBytesAreUnsigned) {
    // Java masks each byte with 0xff; a signed-char implementation would differ here.
    std::string high("\xff\xfe\x80", 3);
    std::string low("\x7f\x7e\x00", 3);
    EXPECT_NE(murmur2(high), murmur2(low));
    EXPECT_EQ(murmur2(high), murmur2(std::string("\xff\xfe\x80", 3)));
}

TEST(Murmur2, ToPositiveClearsTheSignBitRatherThanNegating) {
    EXPECT_EQ(to_positive(-1), 0x7fffffff);
    EXPECT_EQ(to_positive(INT32_MIN), 0);
    EXPECT_EQ(to_positive(5), 5);
    EXPECT_EQ(to_positive(-973932308), -973932308 & 0x7fffffff);
}

TEST(Murmur2, PartitionForKeyIsToPositiveMurmur2ModuloPartitions) {
    EXPECT_EQ(partition_for_key("foobar", 10), (-790332482 & 0x7fffffff) % 10);
    EXPECT_EQ(partition_for_key("21", 3), (-973932308 & 0x7fffffff) % 3);
    EXPECT_EQ(partition_for_key("abc", 7), 479470107 % 7);
}

}  // namespace
}  // namespace core::client
