// Record batch v2 (Kafka's DefaultRecordBatch): CRC-32C against Kafka's test vector, every
// compression codec round-trips a batch field by field, control batches keep their
// marker, and corrupt or partial input comes back as Kafka's clients and broker treat it.
#include <gtest/gtest.h>

#include "core/protocol/control_record.h"
#include "tests/wire/random_messages.h"
#include "wire/compression.h"
#include "wire/record_batch.h"

namespace wire {
namespace {

using core::protocol::RecordBatch;

void expect_same_batch(const RecordBatch& a, const RecordBatch& b) {
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
        EXPECT_EQ(a.records[i].headers, b.records[i].headers);
    }
}

TEST(RecordBatch, Crc32cIsCastagnoliAsInKafkasCrc32CTest) {
    EXPECT_EQ(crc32c("123456789"), 0xE3069283u);
    EXPECT_EQ(crc32c(""), 0u);
    EXPECT_EQ(crc32c("6789", crc32c("12345")), 0xE3069283u);
}

TEST(RecordBatch, EveryCompressionCodecRoundTripsEveryField) {
    for (Compression codec : {Compression::none, Compression::gzip, Compression::snappy,
                              Compression::lz4, Compression::zstd}) {
        for (int seed = 0; seed < 40; ++seed) {
            sim::Rng rng(seed);
            RecordBatch batch = testing::random_batch(rng);
            std::string bytes;
            encode_record_batch(batch, codec, bytes);
            DecodedBatches decoded = decode_record_batches(bytes);
            ASSERT_EQ(decoded.error, Error::NONE) << decoded.error_message;
            ASSERT_EQ(decoded.batches.size(), 1u);
            EXPECT_EQ(decoded.compression, codec);
            expect_same_batch(batch, decoded.batches[0]);
        }
    }
}

TEST(RecordBatch, AControlBatchKeepsItsCommitMarkerAndFlags) {
    RecordBatch marker = core::protocol::end_transaction_marker_batch(
        7, 2, {core::protocol::ControlRecordType::COMMIT, 5}, 1000);
    marker.base_offset = 10;
    std::string bytes;
    encode_record_batch(marker, Compression::none, bytes);
    EXPECT_EQ(bytes[21 + 1] & (kControlFlagMask | kTransactionalFlagMask),
              kControlFlagMask | kTransactionalFlagMask);  // attributes' low byte
    DecodedBatches decoded = decode_record_batches(bytes);
    ASSERT_EQ(decoded.error, Error::NONE) << decoded.error_message;
    auto read = core::protocol::end_transaction_marker(decoded.batches.at(0));
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->control_type, core::protocol::ControlRecordType::COMMIT);
    EXPECT_EQ(read->coordinator_epoch, 5);
}

TEST(RecordBatch, ABadCrcIsCorruptMessage) {
    sim::Rng rng(1);
    std::string bytes;
    encode_record_batch(testing::random_batch(rng), Compression::none, bytes);
    bytes.back() ^= 1;
    DecodedBatches decoded = decode_record_batches(bytes);
    EXPECT_EQ(decoded.error, Error::CORRUPT_MESSAGE);
    EXPECT_NE(decoded.error_message.find("CRC"), std::string::npos);
}

TEST(RecordBatch, APartialTrailingBatchIsDroppedAndTheWholeOnesKept) {
    sim::Rng rng(2);
    std::string bytes;
    encode_record_batch(testing::random_batch(rng), Compression::lz4, bytes);
    size_t whole = bytes.size();
    encode_record_batch(testing::random_batch(rng), Compression::zstd, bytes);
    DecodedBatches decoded = decode_record_batches(std::string_view(bytes).substr(0, whole + 20));
    EXPECT_EQ(decoded.error, Error::NONE);
    EXPECT_TRUE(decoded.partial_tail);
    EXPECT_EQ(decoded.batches.size(), 1u);
}

TEST(RecordBatch, MagicOtherThanTwoIsCorruptMessage) {
    sim::Rng rng(3);
    std::string bytes;
    encode_record_batch(testing::random_batch(rng), Compression::none, bytes);
    bytes[16] = 1;  // message format v1
    EXPECT_EQ(decode_record_batches(bytes).error, Error::CORRUPT_MESSAGE);
}

TEST(Compression, DecompressionStopsAtItsOutputBound) {
    std::string zeros(1 << 20, '\0');
    for (Compression codec : {Compression::gzip, Compression::snappy, Compression::lz4,
                              Compression::zstd}) {
        std::string packed = compress(codec, zeros);
        EXPECT_EQ(decompress(codec, packed), zeros);
        EXPECT_EQ(decompress(codec, packed, 1000), std::nullopt);
        EXPECT_EQ(decompress(codec, packed.substr(0, packed.size() / 2)), std::nullopt);
    }
}

TEST(Compression, SnappyReadsXerialFramingAndRawBlocks) {
    std::string text = "the same text, twice: the same text, twice";
    std::string framed = compress(Compression::snappy, text);
    EXPECT_EQ(framed.substr(0, 8), std::string("\x82SNAPPY\0", 8));
    EXPECT_EQ(decompress(Compression::snappy, framed), text);
    std::string raw = framed.substr(20);  // librdkafka's form: one raw snappy block
    EXPECT_EQ(decompress(Compression::snappy, raw), text);
}

}  // namespace
}  // namespace wire
