// Retention deletes whole old segments, by the largest record timestamp against
// retention.ms and by total size against retention.bytes, and moves the log start
// offset; the active segment is never deleted, so the log end never moves.

#include <gtest/gtest.h>

#include "core/log/leader_epoch_cache.h"
#include "core/log/partition_log.h"
#include "log_test_util.h"
#include "sim/disk.h"

namespace core::log {
namespace {

using testing::make_batch;

/// segment.bytes below one batch: every batch gets its own segment.
constexpr int64_t kOneBatchSegments = 10;

class RetentionTest : public ::testing::Test {
   protected:
    PartitionLog& open(LogConfig config) {
        config.segment_bytes = kOneBatchSegments;
        log_ = std::make_unique<PartitionLog>(disk_, "t-0", config);
        log_->recover();
        return *log_;
    }
    sim::Disk disk_;
    std::unique_ptr<PartitionLog> log_;
};

TEST_F(RetentionTest, TimeRetentionDeletesSegmentsWhoseNewestRecordIsTooOld) {
    PartitionLog& log = open(LogConfig{.retention_ms = 1500});
    for (int i = 0; i < 4; ++i) log.append_as_leader(make_batch(2, "v", i * 1000), 0, i * 1000);
    ASSERT_EQ(log.segment_count(), 4u);
    log.apply_retention(3000);
    // 3000 - 1000 > 1500 expires the segments of t=0 and t=1000; t=2000 is kept.
    EXPECT_EQ(log.segment_count(), 2u);
    EXPECT_EQ(log.log_start_offset(), 4);
    EXPECT_EQ(log.log_end_offset(), 8);
    EXPECT_TRUE(log.read(0, 8, 1 << 20).batches.empty());
    EXPECT_EQ(log.read(4, 8, 1 << 20).batches.front().base_offset, 4);
}

TEST_F(RetentionTest, TimeRetentionNeverDeletesTheActiveSegment) {
    PartitionLog& log = open(LogConfig{.retention_ms = 10});
    for (int i = 0; i < 3; ++i) log.append_as_leader(make_batch(2), 0, 0);
    log.apply_retention(1'000'000);
    EXPECT_EQ(log.segment_count(), 1u);
    EXPECT_EQ(log.log_start_offset(), 4);
    EXPECT_EQ(log.log_end_offset(), 6);
}

TEST_F(RetentionTest, NegativeRetentionMsKeepsForever) {
    PartitionLog& log = open(LogConfig{.retention_ms = -1});
    for (int i = 0; i < 3; ++i) log.append_as_leader(make_batch(2), 0, 0);
    log.apply_retention(int64_t{1} << 60);
    EXPECT_EQ(log.segment_count(), 3u);
    EXPECT_EQ(log.log_start_offset(), 0);
}

TEST_F(RetentionTest, SizeRetentionDeletesOldestSegmentsDownToTheLimit) {
    int64_t batch_bytes = make_batch(2).size_bytes();
    PartitionLog& log = open(LogConfig{.retention_bytes = 2 * batch_bytes});
    for (int i = 0; i < 5; ++i) log.append_as_leader(make_batch(2), 0, 0);
    log.apply_retention(0);
    EXPECT_EQ(log.segment_count(), 2u);
    EXPECT_EQ(log.size_bytes(), 2 * batch_bytes);
    EXPECT_EQ(log.log_start_offset(), 6);
}

TEST_F(RetentionTest, SizeRetentionKeepsASegmentWhoseDeletionWouldGoBelowTheLimit) {
    // Kafka deletes a segment only while the log stays at or above retention.bytes.
    int64_t batch_bytes = make_batch(2).size_bytes();
    PartitionLog& log = open(LogConfig{.retention_bytes = 2 * batch_bytes + 1});
    for (int i = 0; i < 5; ++i) log.append_as_leader(make_batch(2), 0, 0);
    log.apply_retention(0);
    EXPECT_EQ(log.segment_count(), 3u);
    EXPECT_EQ(log.log_start_offset(), 4);
}

TEST_F(RetentionTest, SizeRetentionNeverDeletesTheActiveSegment) {
    PartitionLog& log = open(LogConfig{.retention_bytes = 0});
    for (int i = 0; i < 3; ++i) log.append_as_leader(make_batch(2), 0, 0);
    log.apply_retention(0);
    EXPECT_EQ(log.segment_count(), 1u);
    EXPECT_EQ(log.log_start_offset(), 4);
}

TEST_F(RetentionTest, RetentionMovesTheEpochCacheStart) {
    PartitionLog& log = open(LogConfig{.retention_bytes = 0});
    log.append_as_leader(make_batch(2), 0, 0);
    log.append_as_leader(make_batch(2), 1, 0);
    log.append_as_leader(make_batch(2), 1, 0);
    log.apply_retention(0);
    EXPECT_EQ(log.leader_epoch_cache().entries(), (std::vector<EpochEntry>{{1, 4}}));
}

TEST_F(RetentionTest, LogStartOffsetOnlyMovesForward) {
    PartitionLog& log = open(LogConfig{});
    log.append_as_leader(make_batch(4), 0, 0);
    log.append_as_leader(make_batch(4), 0, 0);
    log.advance_log_start_offset(3);
    log.advance_log_start_offset(1);
    EXPECT_EQ(log.log_start_offset(), 3);
    EXPECT_TRUE(log.read(2, 8, 1 << 20).batches.empty());
    // The batch holding the new start is returned whole; the reader skips below it.
    EXPECT_EQ(log.read(3, 8, 1 << 20).batches.front().base_offset, 0);
}

TEST_F(RetentionTest, SegmentsWhollyBelowTheLogStartGoAtTheNextRetentionPass) {
    PartitionLog& log = open(LogConfig{});
    for (int i = 0; i < 4; ++i) log.append_as_leader(make_batch(2), 0, 0);
    log.advance_log_start_offset(5);
    EXPECT_EQ(log.segment_count(), 4u);
    log.apply_retention(0);
    EXPECT_EQ(log.segment_count(), 2u);
    EXPECT_EQ(log.log_start_offset(), 5);
    EXPECT_EQ(disk_.list("t-0/0").size(), 2u);
}

}  // namespace
}  // namespace core::log
