// The batch codec is what recovery trusts after a crash: every field must survive a round
// trip, and any torn or flipped byte must be reported, never decoded as a batch.

#include "core/log/record_codec.h"

#include <gtest/gtest.h>

#include "log_test_util.h"

namespace core::log {
namespace {

protocol::RecordBatch full_batch() {
    protocol::RecordBatch batch = testing::leader_batch(42, 7, 3);
    batch.producer_id = 9001;
    batch.producer_epoch = 3;
    batch.base_sequence = 17;
    batch.is_transactional = true;
    batch.records[0].timestamp_ms = 1000;
    batch.records[1].timestamp_ms = 990;  // timestamps need not increase within a batch
    batch.records[2].timestamp_ms = 1'700'000'000'000;
    batch.records[1].has_key = false;
    batch.records[1].key.clear();
    batch.records[2].value = std::string(300, '\0');  // binary values, longer than a varint byte
    return batch;
}

void expect_same(const protocol::RecordBatch& a, const protocol::RecordBatch& b) {
    EXPECT_EQ(a.base_offset, b.base_offset);
    EXPECT_EQ(a.partition_leader_epoch, b.partition_leader_epoch);
    EXPECT_EQ(a.producer_id, b.producer_id);
    EXPECT_EQ(a.producer_epoch, b.producer_epoch);
    EXPECT_EQ(a.base_sequence, b.base_sequence);
    EXPECT_EQ(a.is_transactional, b.is_transactional);
    EXPECT_EQ(a.is_control, b.is_control);
    ASSERT_EQ(a.records.size(), b.records.size());
    for (size_t i = 0; i < a.records.size(); ++i) {
        EXPECT_EQ(a.records[i].offset, b.records[i].offset);
        EXPECT_EQ(a.records[i].timestamp_ms, b.records[i].timestamp_ms);
        EXPECT_EQ(a.records[i].has_key, b.records[i].has_key);
        EXPECT_EQ(a.records[i].key, b.records[i].key);
        EXPECT_EQ(a.records[i].value, b.records[i].value);
    }
}

TEST(RecordCodec, RoundTripKeepsEveryField) {
    protocol::RecordBatch batch = full_batch();
    std::string bytes;
    encode_batch(batch, bytes);
    DecodeResult decoded = decode_batch(bytes);
    ASSERT_EQ(decoded.status, DecodeStatus::Ok);
    EXPECT_EQ(decoded.frame_bytes, bytes.size());
    expect_same(batch, decoded.batch);
}

TEST(RecordCodec, RoundTripKeepsNoProducerAndNoEpochSentinels) {
    protocol::RecordBatch batch = testing::make_batch(1);
    batch.base_offset = 0;
    batch.is_control = true;
    std::string bytes;
    encode_batch(batch, bytes);
    DecodeResult decoded = decode_batch(bytes);
    ASSERT_EQ(decoded.status, DecodeStatus::Ok);
    batch.records[0].offset = 0;
    expect_same(batch, decoded.batch);
}

TEST(RecordCodec, FramesDecodeOneAfterAnother) {
    std::string bytes;
    encode_batch(testing::leader_batch(0, 1, 2), bytes);
    encode_batch(testing::leader_batch(2, 1, 5), bytes);
    DecodeResult first = decode_batch(bytes);
    ASSERT_EQ(first.status, DecodeStatus::Ok);
    DecodeResult second = decode_batch(std::string_view(bytes).substr(first.frame_bytes));
    ASSERT_EQ(second.status, DecodeStatus::Ok);
    EXPECT_EQ(second.batch.base_offset, 2);
    EXPECT_EQ(second.batch.records.size(), 5u);
    EXPECT_EQ(first.frame_bytes + second.frame_bytes, bytes.size());
}

TEST(RecordCodec, EveryTruncatedPrefixIsIncompleteNotABatch) {
    std::string bytes;
    encode_batch(full_batch(), bytes);
    for (size_t n = 0; n < bytes.size(); ++n) {
        DecodeResult decoded = decode_batch(std::string_view(bytes).substr(0, n));
        EXPECT_EQ(decoded.status, DecodeStatus::Incomplete) << "prefix of " << n << " bytes";
    }
}

TEST(RecordCodec, EveryFlippedByteIsDetected) {
    std::string bytes;
    encode_batch(full_batch(), bytes);
    for (size_t i = 0; i < bytes.size(); ++i) {
        std::string damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x40);
        DecodeResult decoded = decode_batch(damaged);
        EXPECT_NE(decoded.status, DecodeStatus::Ok) << "flipped byte " << i;
    }
}

TEST(RecordCodec, ZeroedTailIsNotABatch) {
    // A power loss can leave a file extended with zeros past the last write.
    std::string zeros(64, '\0');
    EXPECT_NE(decode_batch(zeros).status, DecodeStatus::Ok);
}

TEST(RecordCodec, Crc32cMatchesTheCastagnoliCheckValue) {
    // The standard check value of CRC-32C over "123456789" (RFC 3720, appendix B.4).
    EXPECT_EQ(crc32c("123456789"), 0xE3069283u);
    EXPECT_EQ(crc32c(""), 0u);
    // Lengths around the 8-byte stride agree with a byte-at-a-time reference.
    std::string data = "The quick brown fox jumps over the lazy dog";
    EXPECT_EQ(crc32c(data), 0x22620404u);
}

}  // namespace
}  // namespace core::log
