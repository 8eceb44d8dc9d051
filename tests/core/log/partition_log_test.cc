// A partition log as one replica sees it: offsets from 0, reads that never pass the
// bound the broker gives (the high watermark), segments rolled at segment.bytes, and
// follower truncation with the leader-epoch cache (KIP-101/KIP-279).

#include "core/log/partition_log.h"

#include <gtest/gtest.h>

#include "core/log/leader_epoch_cache.h"
#include "log_test_util.h"
#include "sim/disk.h"

namespace core::log {
namespace {

using testing::make_batch;
using Entries = std::vector<EpochEntry>;

class PartitionLogTest : public ::testing::Test {
   protected:
    PartitionLog& make_log(LogConfig config = {}) {
        log_ = std::make_unique<PartitionLog>(disk_, "t-0", config);
        log_->recover();
        return *log_;
    }
    /// Offsets of every record `read` returns, in order.
    static std::vector<Offset> offsets(const ReadResult& result) {
        std::vector<Offset> out;
        for (const auto& batch : result.batches) {
            for (const auto& r : batch.records) out.push_back(r.offset);
        }
        return out;
    }
    sim::Disk disk_;
    std::unique_ptr<PartitionLog> log_;
};

TEST_F(PartitionLogTest, AnEmptyLogStartsAtOffsetZero) {
    PartitionLog& log = make_log();
    EXPECT_EQ(log.log_start_offset(), 0);
    EXPECT_EQ(log.log_end_offset(), 0);
    EXPECT_EQ(log.latest_epoch(), kNoLeaderEpoch);
    EXPECT_TRUE(log.read(0, 100, 1 << 20).batches.empty());
}

TEST_F(PartitionLogTest, LeaderAppendAssignsConsecutiveOffsetsFromZero) {
    PartitionLog& log = make_log();
    const auto& first = log.append_as_leader(make_batch(3), 0, 0);
    EXPECT_EQ(first.base_offset, 0);
    EXPECT_EQ(first.records[2].offset, 2);
    EXPECT_EQ(first.partition_leader_epoch, 0);
    const auto& second = log.append_as_leader(make_batch(2), 0, 0);
    EXPECT_EQ(second.base_offset, 3);
    EXPECT_EQ(log.log_end_offset(), 5);
    EXPECT_EQ(offsets(log.read(0, 5, 1 << 20)), (std::vector<Offset>{0, 1, 2, 3, 4}));
}

TEST_F(PartitionLogTest, EachLogCountsItsOwnOffsets) {
    PartitionLog& log = make_log();
    PartitionLog other(disk_, "t-1", {});
    other.recover();
    log.append_as_leader(make_batch(4), 0, 0);
    EXPECT_EQ(other.append_as_leader(make_batch(1), 0, 0).base_offset, 0);
    EXPECT_EQ(log.append_as_leader(make_batch(1), 0, 0).base_offset, 4);
}

TEST_F(PartitionLogTest, AppendedBatchStaysValidAcrossLaterAppends) {
    PartitionLog& log = make_log(LogConfig{.segment_bytes = 500});
    const protocol::RecordBatch& first = log.append_as_leader(make_batch(2, "first"), 0, 0);
    for (int i = 0; i < 200; ++i) log.append_as_leader(make_batch(3), 0, 0);
    EXPECT_EQ(first.records[1].value, "first1");
    EXPECT_GT(log.segment_count(), 1u);
}

TEST_F(PartitionLogTest, ReadNeverReturnsARecordAtOrAboveMaxOffset) {
    PartitionLog& log = make_log();
    log.append_as_leader(make_batch(3), 0, 0);  // 0..2
    log.append_as_leader(make_batch(2), 0, 0);  // 3..4
    log.append_as_leader(make_batch(5), 0, 0);  // 5..9
    EXPECT_EQ(offsets(log.read(0, 5, 1 << 20)), (std::vector<Offset>{0, 1, 2, 3, 4}));
    // The batch 3..4 reaches the bound 4, so it is withheld whole.
    EXPECT_EQ(offsets(log.read(0, 4, 1 << 20)), (std::vector<Offset>{0, 1, 2}));
    EXPECT_TRUE(log.read(5, 5, 1 << 20).batches.empty());
    EXPECT_TRUE(log.read(0, 0, 1 << 20).batches.empty());
    ReadResult all = log.read(0, 100, 1 << 20);
    EXPECT_EQ(offsets(all).back(), 9);
    EXPECT_EQ(all.log_end_offset, 10);
}

TEST_F(PartitionLogTest, ReadFromInsideABatchReturnsThatWholeBatch) {
    PartitionLog& log = make_log();
    log.append_as_leader(make_batch(3), 0, 0);
    log.append_as_leader(make_batch(3), 0, 0);
    EXPECT_EQ(offsets(log.read(4, 6, 1 << 20)), (std::vector<Offset>{3, 4, 5}));
}

TEST_F(PartitionLogTest, ReadOutsideTheLogReturnsNothing) {
    PartitionLog& log = make_log();
    log.append_as_leader(make_batch(3), 0, 0);
    EXPECT_TRUE(log.read(3, 10, 1 << 20).batches.empty());
    EXPECT_TRUE(log.read(7, 10, 1 << 20).batches.empty());
}

TEST_F(PartitionLogTest, ReadStopsAtMaxBytesButAlwaysReturnsOneBatch) {
    PartitionLog& log = make_log();
    for (int i = 0; i < 5; ++i) log.append_as_leader(make_batch(2), 0, 0);
    EXPECT_EQ(log.read(0, 10, 1).batches.size(), 1u);
    int32_t two_batches = 2 * int32_t(make_batch(2).size_bytes());
    EXPECT_EQ(log.read(0, 10, two_batches).batches.size(), 2u);
}

TEST_F(PartitionLogTest, ReadsAcrossSegmentsInOffsetOrder) {
    PartitionLog& log = make_log(LogConfig{.segment_bytes = 300});
    for (int i = 0; i < 30; ++i) log.append_as_leader(make_batch(2), 0, 0);
    ASSERT_GT(log.segment_count(), 3u);
    std::vector<Offset> got = offsets(log.read(7, 60, 1 << 20));
    ASSERT_EQ(got.size(), 54u);
    for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], Offset(6 + i));
}

TEST_F(PartitionLogTest, SegmentFilesAreNamedByTwentyDigitBaseOffset) {
    PartitionLog& log = make_log(LogConfig{.segment_bytes = 200});
    for (int i = 0; i < 4; ++i) log.append_as_leader(make_batch(2), 0, 0);
    std::vector<std::string> files = disk_.list("t-0/");
    EXPECT_EQ(files.front(), "t-0/00000000000000000000.log");
    EXPECT_NE(std::find(files.begin(), files.end(), "t-0/00000000000000000002.log"), files.end());
}

TEST_F(PartitionLogTest, FollowerAppendKeepsTheLeadersOffsetsAndEpoch) {
    PartitionLog& log = make_log();
    log.append_as_follower(testing::leader_batch(0, 3, 2));
    log.append_as_follower(testing::leader_batch(2, 5, 1));
    EXPECT_EQ(log.log_end_offset(), 3);
    EXPECT_EQ(log.latest_epoch(), 5);
    EXPECT_EQ(log.leader_epoch_cache().entries(), (Entries{{3, 0}, {5, 2}}));
    EXPECT_EQ(log.read(2, 3, 1 << 20).batches[0].partition_leader_epoch, 5);
}

TEST_F(PartitionLogTest, TruncateToRemovesRecordsAndEpochsAtAndAboveTheOffset) {
    PartitionLog& log = make_log();
    log.append_as_leader(make_batch(3), 0, 0);
    log.append_as_leader(make_batch(2), 1, 0);
    log.append_as_leader(make_batch(2), 2, 0);
    log.truncate_to(5);
    EXPECT_EQ(log.log_end_offset(), 5);
    EXPECT_EQ(log.leader_epoch_cache().entries(), (Entries{{0, 0}, {1, 3}}));
    log.truncate_to(3);
    EXPECT_EQ(log.latest_epoch(), 0);
    EXPECT_EQ(offsets(log.read(0, 100, 1 << 20)), (std::vector<Offset>{0, 1, 2}));
    EXPECT_EQ(log.append_as_leader(make_batch(1), 4, 0).base_offset, 3);
}

TEST_F(PartitionLogTest, TruncateToAtOrPastTheEndChangesNothing) {
    PartitionLog& log = make_log();
    log.append_as_leader(make_batch(3), 0, 0);
    log.truncate_to(3);
    log.truncate_to(10);
    EXPECT_EQ(log.log_end_offset(), 3);
}

TEST_F(PartitionLogTest, TruncateToAcrossSegmentsDeletesTheirFiles) {
    PartitionLog& log = make_log(LogConfig{.segment_bytes = 200});
    for (int i = 0; i < 10; ++i) log.append_as_leader(make_batch(2), 0, 0);
    size_t before = disk_.list("t-0/").size();
    log.truncate_to(4);
    EXPECT_EQ(log.log_end_offset(), 4);
    EXPECT_LT(disk_.list("t-0/").size(), before);
    EXPECT_EQ(log.size_bytes(), 2 * int64_t(make_batch(2).size_bytes()));
    log.append_as_leader(make_batch(2), 1, 0);
    EXPECT_EQ(offsets(log.read(0, 100, 1 << 20)), (std::vector<Offset>{0, 1, 2, 3, 4, 5}));
}

TEST_F(PartitionLogTest, TruncateFullyRestartsTheLogAtTheOffset) {
    PartitionLog& log = make_log();
    log.append_as_leader(make_batch(3), 0, 0);
    log.truncate_fully_and_start_at(100);
    EXPECT_EQ(log.log_start_offset(), 100);
    EXPECT_EQ(log.log_end_offset(), 100);
    EXPECT_EQ(log.latest_epoch(), kNoLeaderEpoch);
    EXPECT_TRUE(log.read(0, 200, 1 << 20).batches.empty());
    log.append_as_follower(testing::leader_batch(100, 2, 1));
    EXPECT_EQ(offsets(log.read(100, 200, 1 << 20)), (std::vector<Offset>{100}));
}

TEST_F(PartitionLogTest, Kip101FollowerTruncatesToTheNewLeadersEpochStart) {
    // Epoch 0: A leads and writes 0..2; B fetched only 0..1 when A died.
    sim::Disk disk_b;
    PartitionLog& a = make_log();
    PartitionLog b(disk_b, "t-0", {});
    b.recover();
    a.append_as_leader(make_batch(2, "m"), 0, 0);
    a.append_as_leader(make_batch(1, "lost"), 0, 0);
    b.append_as_follower(a.read(0, 2, 1 << 20).batches[0]);
    // Epoch 1: B leads and writes a different record at offset 2.
    b.assign_epoch_start_offset(1, b.log_end_offset());
    b.append_as_leader(make_batch(1, "new"), 1, 0);
    // A comes back as B's follower and asks where its latest epoch ended on B.
    auto [epoch, end_offset] = b.end_offset_for_epoch(a.latest_epoch());
    EXPECT_EQ(epoch, 0);
    EXPECT_EQ(end_offset, 2);
    a.truncate_to(end_offset);
    a.append_as_follower(b.read(a.log_end_offset(), 100, 1 << 20).batches[0]);
    EXPECT_EQ(a.read(2, 3, 1 << 20).batches[0].records[0].value, "new0");
    EXPECT_EQ(a.leader_epoch_cache().entries(), b.leader_epoch_cache().entries());
}

TEST_F(PartitionLogTest, Kip279FollowerUsesTheSmallerOfBothEpochEnds) {
    // The follower wrote epoch 1 (3..5) that the leader never saw; the leader went from
    // epoch 0 (0..4) straight to epoch 2.
    PartitionLog& follower = make_log();
    sim::Disk leader_disk;
    PartitionLog leader(leader_disk, "t-0", {});
    leader.recover();
    follower.append_as_follower(testing::leader_batch(0, 0, 3));
    follower.append_as_follower(testing::leader_batch(3, 1, 3));
    leader.append_as_follower(testing::leader_batch(0, 0, 3));
    leader.append_as_follower(testing::leader_batch(3, 0, 2));
    leader.append_as_follower(testing::leader_batch(5, 2, 2));

    auto [leader_epoch, leader_end] = leader.end_offset_for_epoch(follower.latest_epoch());
    EXPECT_EQ(leader_epoch, 0);
    EXPECT_EQ(leader_end, 5);
    // The leader answered an older epoch: the follower bounds it by its own end of that
    // epoch, and truncates there.
    auto [own_epoch, own_end] = follower.end_offset_for_epoch(leader_epoch);
    EXPECT_EQ(own_epoch, 0);
    EXPECT_EQ(own_end, 3);
    follower.truncate_to(std::min(leader_end, own_end));
    EXPECT_EQ(follower.log_end_offset(), 3);
    EXPECT_EQ(follower.leader_epoch_cache().entries(), (Entries{{0, 0}}));
}

TEST_F(PartitionLogTest, EndOffsetForEpochOfTheLatestEpochIsTheLogEnd) {
    PartitionLog& log = make_log();
    log.append_as_leader(make_batch(2), 4, 0);
    log.append_as_leader(make_batch(2), 4, 0);
    EXPECT_EQ(log.end_offset_for_epoch(4), std::make_pair(4, Offset{4}));
    EXPECT_EQ(log.end_offset_for_epoch(9), std::make_pair(kNoLeaderEpoch, kNoOffset));
}

}  // namespace
}  // namespace core::log
