// The disk: a write is visible at once and survives a process crash (page cache); only
// fsync makes it survive a power loss, which reverts every file to its last synced state.

#include "sim/disk.h"

#include <gtest/gtest.h>

namespace sim {
namespace {

using namespace sim::literals;

TEST(Disk, WritesAreVisibleBeforeFsync) {
    Disk disk;
    disk.append("log", "abc");
    ASSERT_NE(disk.read("log"), nullptr);
    EXPECT_EQ(*disk.read("log"), "abc");
    EXPECT_EQ(disk.bytes_written(), 3u);
}

TEST(Disk, ProcessCrashKeepsUnsyncedWrites) {
    Disk disk;
    disk.append("log", "abc");
    disk.on_process_crash();
    EXPECT_EQ(*disk.read("log"), "abc");
}

TEST(Disk, PowerLossDropsEverythingAfterTheLastFsync) {
    Disk disk;
    disk.append("log", "abc");
    disk.fsync("log");
    disk.append("log", "def");
    disk.on_power_loss();
    EXPECT_EQ(*disk.read("log"), "abc");
}

TEST(Disk, PowerLossRemovesFilesNeverSynced) {
    Disk disk;
    disk.append("kept", "x");
    disk.fsync("kept");
    disk.append("lost", "y");
    disk.on_power_loss();
    EXPECT_TRUE(disk.exists("kept"));
    EXPECT_FALSE(disk.exists("lost"));
}

TEST(Disk, PowerLossUndoesUnsyncedTruncateRewriteAndRemove) {
    Disk disk;
    disk.append("a", "12345");
    disk.write_file("b", "old");
    disk.append("c", "c");
    disk.fsync_all();
    disk.truncate("a", 2);
    disk.write_file("b", "new");
    disk.remove("c");
    EXPECT_FALSE(disk.exists("c"));
    disk.on_power_loss();
    EXPECT_EQ(*disk.read("a"), "12345");
    EXPECT_EQ(*disk.read("b"), "old");
    EXPECT_EQ(*disk.read("c"), "c");
}

TEST(Disk, SyncedTruncateAndRemoveSurvivePowerLoss) {
    Disk disk;
    disk.append("a", "12345");
    disk.append("c", "c");
    disk.fsync_all();
    disk.truncate("a", 2);
    disk.append("a", "xy");
    disk.remove("c");
    disk.fsync_all();
    disk.on_power_loss();
    EXPECT_EQ(*disk.read("a"), "12xy");
    EXPECT_FALSE(disk.exists("c"));
}

TEST(Disk, RepeatedAppendAndFsyncKeepsTheWholeFileDurable) {
    Disk disk;
    std::string expected;
    for (int i = 0; i < 100; ++i) {
        const std::string chunk = std::to_string(i) + ",";
        disk.append("log", chunk);
        expected += chunk;
        if (i % 3 == 0) disk.fsync("log");
    }
    disk.fsync("log");
    disk.append("log", "tail");
    disk.on_power_loss();
    EXPECT_EQ(*disk.read("log"), expected);
}

TEST(Disk, FsyncReturnsItsLatencyPlusAnySlowDiskDelay) {
    Disk disk(DiskOptions{3_ms});
    EXPECT_EQ(disk.fsync("x"), 3_ms);
    disk.set_extra_latency(50_ms);
    EXPECT_EQ(disk.fsync_all(), 53_ms);
    EXPECT_EQ(disk.fsync_count(), 2u);
}

TEST(Disk, ListReturnsFilesWithThePrefixSorted) {
    Disk disk;
    disk.append("t-0/2.log", "");
    disk.append("t-0/1.log", "");
    disk.append("t-1/1.log", "");
    EXPECT_EQ(disk.list("t-0/"), (std::vector<std::string>{"t-0/1.log", "t-0/2.log"}));
}

}  // namespace
}  // namespace sim
