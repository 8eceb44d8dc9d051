// What a replica's log holds after it restarts: a process crash keeps everything written
// (the page cache survives), a power loss keeps only what was fsynced, and a torn or
// corrupt tail is cut off rather than read. Each test fails the disk, then builds a
// fresh PartitionLog and calls recover(), as a restarting broker does.

#include <gtest/gtest.h>

#include "core/log/leader_epoch_cache.h"
#include "core/log/partition_log.h"
#include "core/log/record_codec.h"
#include "log_test_util.h"
#include "sim/disk.h"

namespace core::log {
namespace {

using testing::make_batch;
using Entries = std::vector<EpochEntry>;

class LogRecoveryTest : public ::testing::Test {
   protected:
    PartitionLog& open(LogConfig config = {}) {
        log_ = std::make_unique<PartitionLog>(disk_, "t-0/", config);
        log_->recover();
        return *log_;
    }
    std::vector<std::string> values(Offset from = 0) const {
        std::vector<std::string> out;
        for (const auto& batch : log_->read(from, INT64_MAX, INT32_MAX).batches) {
            for (const auto& r : batch.records) out.push_back(r.value);
        }
        return out;
    }
    sim::Disk disk_;
    std::unique_ptr<PartitionLog> log_;
};

TEST_F(LogRecoveryTest, ProcessCrashKeepsEverythingWritten) {
    PartitionLog& log = open(LogConfig{.segment_bytes = 250});
    for (int i = 0; i < 12; ++i) log.append_as_leader(make_batch(2), i / 4, 0);
    std::vector<std::string> before = values();
    Entries epochs = log.leader_epoch_cache().entries();
    disk_.on_process_crash();

    PartitionLog& recovered = open(LogConfig{.segment_bytes = 250});
    EXPECT_EQ(recovered.log_end_offset(), 24);
    EXPECT_EQ(values(), before);
    EXPECT_EQ(recovered.leader_epoch_cache().entries(), epochs);
    EXPECT_EQ(recovered.append_as_leader(make_batch(1), 3, 0).base_offset, 24);
}

TEST_F(LogRecoveryTest, PowerLossWithoutFlushLosesTheUnsyncedTailAndItsEpochs) {
    PartitionLog& log = open();
    log.append_as_leader(make_batch(3, "kept"), 0, 0);
    log.flush();
    EXPECT_EQ(log.flushed_offset(), 3);
    log.append_as_leader(make_batch(2, "lost"), 1, 0);
    EXPECT_EQ(log.flushed_offset(), 3);
    disk_.on_power_loss();

    PartitionLog& recovered = open();
    EXPECT_EQ(recovered.log_end_offset(), 3);
    EXPECT_EQ(values(), (std::vector<std::string>{"kept0", "kept1", "kept2"}));
    // The epoch-1 entry was checkpointed, but its records are gone: no epoch past the end.
    EXPECT_EQ(recovered.leader_epoch_cache().entries(), (Entries{{0, 0}}));
    EXPECT_EQ(recovered.end_offset_for_epoch(1), std::make_pair(kNoLeaderEpoch, kNoOffset));
}

TEST_F(LogRecoveryTest, DefaultFlushPolicyNeverFsyncsSoPowerLossLosesEverything) {
    PartitionLog& log = open();
    for (int i = 0; i < 5; ++i) {
        log.append_as_leader(make_batch(1), 0, i);
        EXPECT_EQ(log.maybe_flush(int64_t{1} << 50), 0);
    }
    disk_.on_power_loss();
    EXPECT_EQ(open().log_end_offset(), 0);
}

TEST_F(LogRecoveryTest, FlushMessagesOneLosesNothingOnPowerLoss) {
    PartitionLog& log = open(LogConfig{.flush_messages = 1});
    for (int i = 0; i < 5; ++i) {
        log.append_as_leader(make_batch(2), 0, i);
        EXPECT_GT(log.maybe_flush(i), 0);
        EXPECT_EQ(log.flushed_offset(), log.log_end_offset());
    }
    disk_.on_power_loss();
    EXPECT_EQ(open().log_end_offset(), 10);
}

TEST_F(LogRecoveryTest, FlushMessagesCountsUnflushedMessagesNotBatches) {
    PartitionLog& log = open(LogConfig{.flush_messages = 5});
    log.append_as_leader(make_batch(3), 0, 0);
    EXPECT_EQ(log.maybe_flush(0), 0);
    log.append_as_leader(make_batch(2), 0, 0);
    EXPECT_GT(log.maybe_flush(0), 0);
    EXPECT_EQ(log.maybe_flush(0), 0);
}

TEST_F(LogRecoveryTest, FlushMsFsyncsOnceUnflushedDataIsOldEnough) {
    PartitionLog& log = open(LogConfig{.flush_ms = 1000});
    EXPECT_EQ(log.maybe_flush(5000), 0);  // nothing to flush
    log.append_as_leader(make_batch(1), 0, 100);
    EXPECT_EQ(log.maybe_flush(100), 0);
    EXPECT_EQ(log.maybe_flush(1099), 0);
    EXPECT_GT(log.maybe_flush(1100), 0);
    EXPECT_EQ(log.flushed_offset(), 1);
}

TEST_F(LogRecoveryTest, PowerLossDropsASegmentFileNeverSynced) {
    PartitionLog& log = open(LogConfig{.segment_bytes = 200});
    for (int i = 0; i < 3; ++i) log.append_as_leader(make_batch(2), 0, 0);
    log.flush();
    Offset flushed = log.log_end_offset();
    for (int i = 0; i < 6; ++i) log.append_as_leader(make_batch(2), 0, 0);
    ASSERT_GT(log.segment_count(), 2u);
    disk_.on_power_loss();
    EXPECT_EQ(open(LogConfig{.segment_bytes = 200}).log_end_offset(), flushed);
}

TEST_F(LogRecoveryTest, TornTailIsCutOffAndTheLogContinuesFromTheLastWholeBatch) {
    PartitionLog& log = open();
    log.append_as_leader(make_batch(2, "whole"), 0, 0);
    std::string frame;
    encode_batch(testing::leader_batch(2, 0, 3), frame);
    const std::string file = "t-0/00000000000000000000.log";
    disk_.append(file, std::string_view(frame).substr(0, frame.size() / 2));

    PartitionLog& recovered = open();
    EXPECT_EQ(recovered.log_end_offset(), 2);
    EXPECT_EQ(values(), (std::vector<std::string>{"whole0", "whole1"}));
    recovered.append_as_leader(make_batch(1, "after"), 0, 0);
    EXPECT_EQ(open().log_end_offset(), 3);
    EXPECT_EQ(values().back(), "after0");
}

TEST_F(LogRecoveryTest, CorruptBatchEndsTheLogAndLaterSegmentsGo) {
    // Two batches a segment: the damage leaves the first segment's first batch whole.
    PartitionLog& log = open(LogConfig{.segment_bytes = 250});
    for (int i = 0; i < 6; ++i) log.append_as_leader(make_batch(2), 0, 0);
    ASSERT_EQ(log.segment_count(), 3u);
    const std::string first = "t-0/00000000000000000000.log";
    std::string bytes = *disk_.read(first);
    bytes[bytes.size() - 3] ^= 0x01;  // inside the first segment's last batch
    disk_.write_file(first, bytes);

    PartitionLog& recovered = open(LogConfig{.segment_bytes = 250});
    EXPECT_EQ(recovered.log_end_offset(), 2);
    EXPECT_EQ(recovered.segment_count(), 1u);
    EXPECT_EQ(disk_.list("t-0/0").size(), 1u);
    EXPECT_EQ(values().size(), size_t(recovered.log_end_offset()));
}

TEST_F(LogRecoveryTest, TruncateFullyIsRememberedAcrossACrash) {
    PartitionLog& log = open();
    log.append_as_leader(make_batch(3), 0, 0);
    log.flush();
    log.truncate_fully_and_start_at(50);
    disk_.on_power_loss();
    PartitionLog& recovered = open();
    EXPECT_EQ(recovered.log_start_offset(), 50);
    EXPECT_EQ(recovered.log_end_offset(), 50);
    EXPECT_TRUE(values(50).empty());
}

TEST_F(LogRecoveryTest, AdvancedLogStartOffsetSurvivesARestart) {
    PartitionLog& log = open();
    log.append_as_leader(make_batch(5), 0, 0);
    log.append_as_leader(make_batch(5), 1, 0);
    log.advance_log_start_offset(7);
    disk_.on_power_loss();  // nothing of the segment was synced, so it is gone too
    PartitionLog& after_power_loss = open();
    EXPECT_EQ(after_power_loss.log_start_offset(), 7);
    EXPECT_EQ(after_power_loss.log_end_offset(), 7);

    after_power_loss.append_as_leader(make_batch(5), 2, 0);
    after_power_loss.advance_log_start_offset(9);
    disk_.on_process_crash();
    PartitionLog& after_crash = open();
    EXPECT_EQ(after_crash.log_start_offset(), 9);
    EXPECT_EQ(after_crash.log_end_offset(), 12);
    EXPECT_EQ(after_crash.leader_epoch_cache().entries(), (Entries{{2, 9}}));
}

TEST_F(LogRecoveryTest, FlushAfterTruncationMakesTheNewHistoryDurable) {
    // One batch a segment: truncating inside the first batch drops every segment.
    PartitionLog& log = open(LogConfig{.segment_bytes = 10});
    for (int i = 0; i < 3; ++i) log.append_as_leader(make_batch(2, "old"), 0, 0);
    log.flush();
    log.append_as_leader(make_batch(2, "old"), 0, 0);
    log.truncate_to(1);
    ASSERT_EQ(log.log_end_offset(), 0);
    log.append_as_follower(testing::leader_batch(0, 1, 2, "new"));
    log.flush();
    disk_.on_power_loss();

    PartitionLog& recovered = open(LogConfig{.segment_bytes = 10});
    EXPECT_EQ(recovered.log_end_offset(), 2);
    EXPECT_EQ(values(), (std::vector<std::string>{"new0", "new1"}));
    EXPECT_EQ(recovered.leader_epoch_cache().entries(), (Entries{{1, 0}}));
}

TEST_F(LogRecoveryTest, PowerLossRevertsToTheLogAsOfTheLastFlush) {
    PartitionLog& log = open(LogConfig{.segment_bytes = 250});
    for (int i = 0; i < 4; ++i) log.append_as_leader(make_batch(2, "old"), 0, 0);
    log.flush();
    std::vector<std::string> at_flush = values();
    log.truncate_to(2);
    log.append_as_leader(make_batch(3, "new"), 1, 0);
    disk_.on_power_loss();

    PartitionLog& recovered = open(LogConfig{.segment_bytes = 250});
    EXPECT_EQ(recovered.log_end_offset(), 8);
    EXPECT_EQ(values(), at_flush);
    EXPECT_EQ(recovered.latest_epoch(), 0);
}

TEST_F(LogRecoveryTest, RecoveredDataCountsAsUnflushedUntilTheNextFlush) {
    PartitionLog& log = open(LogConfig{.flush_messages = 1});
    log.append_as_leader(make_batch(2), 0, 0);  // crash before maybe_flush ran
    disk_.on_process_crash();
    PartitionLog& recovered = open(LogConfig{.flush_messages = 1});
    EXPECT_EQ(recovered.flushed_offset(), 0);
    EXPECT_GT(recovered.maybe_flush(0), 0);
    disk_.on_power_loss();
    EXPECT_EQ(open().log_end_offset(), 2);
}

}  // namespace
}  // namespace core::log
