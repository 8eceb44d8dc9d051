// The leader-epoch cache answers OffsetsForLeaderEpoch (KIP-101/KIP-279): these tests pin
// Kafka's LeaderEpochFileCache semantics for assign, both truncations, the end-offset
// lookup and the checkpoint file that carries the cache across restarts.

#include "core/log/leader_epoch_cache.h"

#include <gtest/gtest.h>

#include "sim/disk.h"

namespace core::log {
namespace {

using Entries = std::vector<EpochEntry>;

class LeaderEpochCacheTest : public ::testing::Test {
   protected:
    sim::Disk disk_;
    const std::string file_ = "t-0/leader-epoch-checkpoint";
    LeaderEpochCache cache_{disk_, file_};
};

TEST_F(LeaderEpochCacheTest, StartsEmptyWithNoLatestEpoch) {
    EXPECT_TRUE(cache_.entries().empty());
    EXPECT_EQ(cache_.latest_epoch(), kNoLeaderEpoch);
    EXPECT_EQ(cache_.end_offset_for(0, 10), std::make_pair(kNoLeaderEpoch, kNoOffset));
}

TEST_F(LeaderEpochCacheTest, AssignKeepsOnlyTheFirstOffsetOfAnEpoch) {
    EXPECT_TRUE(cache_.assign(0, 0));
    EXPECT_FALSE(cache_.assign(0, 5));
    EXPECT_TRUE(cache_.assign(2, 10));
    EXPECT_EQ(cache_.entries(), (Entries{{0, 0}, {2, 10}}));
    EXPECT_EQ(cache_.latest_epoch(), 2);
}

TEST_F(LeaderEpochCacheTest, AssignRemovesEntriesThatWouldBreakMonotonicity) {
    cache_.assign(1, 0);
    cache_.assign(3, 10);
    cache_.assign(4, 20);
    // A lower epoch at a later offset replaces every epoch >= it.
    cache_.assign(3, 25);
    EXPECT_EQ(cache_.entries(), (Entries{{1, 0}, {3, 25}}));
    // A higher epoch at an earlier offset replaces every entry starting at or after it.
    cache_.assign(5, 5);
    EXPECT_EQ(cache_.entries(), (Entries{{1, 0}, {5, 5}}));
}

TEST_F(LeaderEpochCacheTest, EndOffsetOfTheLatestEpochIsTheLogEnd) {
    cache_.assign(0, 0);
    cache_.assign(1, 10);
    EXPECT_EQ(cache_.end_offset_for(1, 17), std::make_pair(1, Offset{17}));
}

TEST_F(LeaderEpochCacheTest, EndOffsetOfAnOlderEpochIsTheStartOfTheNextOne) {
    cache_.assign(0, 0);
    cache_.assign(2, 10);
    cache_.assign(5, 30);
    EXPECT_EQ(cache_.end_offset_for(0, 40), std::make_pair(0, Offset{10}));
    // Epochs this log never saw answer with the largest smaller one it did.
    EXPECT_EQ(cache_.end_offset_for(1, 40), std::make_pair(0, Offset{10}));
    EXPECT_EQ(cache_.end_offset_for(3, 40), std::make_pair(2, Offset{30}));
    EXPECT_EQ(cache_.end_offset_for(4, 40), std::make_pair(2, Offset{30}));
}

TEST_F(LeaderEpochCacheTest, EndOffsetOfAnEpochOlderThanAllAnswersTheFirstStart) {
    cache_.assign(3, 100);
    cache_.assign(4, 150);
    EXPECT_EQ(cache_.end_offset_for(1, 200), std::make_pair(1, Offset{100}));
}

TEST_F(LeaderEpochCacheTest, EndOffsetOfAnUnknownLargerOrUndefinedEpochIsUndefined) {
    cache_.assign(0, 0);
    cache_.assign(2, 10);
    EXPECT_EQ(cache_.end_offset_for(3, 20), std::make_pair(kNoLeaderEpoch, kNoOffset));
    EXPECT_EQ(cache_.end_offset_for(kNoLeaderEpoch, 20), std::make_pair(kNoLeaderEpoch, kNoOffset));
}

TEST_F(LeaderEpochCacheTest, TruncateFromEndRemovesEntriesStartingAtOrAfterTheOffset) {
    cache_.assign(0, 0);
    cache_.assign(1, 10);
    cache_.assign(2, 20);
    cache_.truncate_from_end(20);
    EXPECT_EQ(cache_.entries(), (Entries{{0, 0}, {1, 10}}));
    cache_.truncate_from_end(11);
    EXPECT_EQ(cache_.entries(), (Entries{{0, 0}, {1, 10}}));
    cache_.truncate_from_end(5);
    EXPECT_EQ(cache_.entries(), (Entries{{0, 0}}));
}

TEST_F(LeaderEpochCacheTest, TruncateFromStartKeepsTheEpochHoldingTheNewStart) {
    cache_.assign(0, 0);
    cache_.assign(1, 10);
    cache_.assign(2, 20);
    cache_.truncate_from_start(15);
    EXPECT_EQ(cache_.entries(), (Entries{{1, 15}, {2, 20}}));
    // Exclusive of later entries: truncating to exactly an entry's start keeps it.
    cache_.truncate_from_start(20);
    EXPECT_EQ(cache_.entries(), (Entries{{2, 20}}));
    cache_.truncate_from_start(3);
    EXPECT_EQ(cache_.entries(), (Entries{{2, 20}}));
}

TEST_F(LeaderEpochCacheTest, CheckpointCarriesEntriesToANewCache) {
    cache_.assign(0, 0);
    cache_.assign(4, 12);
    LeaderEpochCache reloaded(disk_, file_);
    EXPECT_EQ(reloaded.entries(), (Entries{{0, 0}, {4, 12}}));
    EXPECT_EQ(*disk_.read(file_), "0\n2\n0 0\n4 12\n");
}

TEST_F(LeaderEpochCacheTest, CheckpointIsDurableAcrossPowerLoss) {
    cache_.assign(0, 0);
    cache_.assign(1, 7);
    disk_.on_power_loss();
    LeaderEpochCache reloaded(disk_, file_);
    EXPECT_EQ(reloaded.entries(), (Entries{{0, 0}, {1, 7}}));
}

TEST_F(LeaderEpochCacheTest, MalformedOrNonMonotonicCheckpointLoadsEmpty) {
    std::vector<EpochEntry> parsed;
    EXPECT_FALSE(parse_epoch_checkpoint("0\n2\n1 0\n", parsed));
    EXPECT_FALSE(parse_epoch_checkpoint("0\n2\n3 0\n2 5\n", parsed));
    EXPECT_FALSE(parse_epoch_checkpoint("1\n0\n", parsed));
    disk_.write_file(file_, "garbage");
    LeaderEpochCache reloaded(disk_, file_);
    EXPECT_TRUE(reloaded.entries().empty());
}

}  // namespace
}  // namespace core::log
