// The metadata log on the sim disk: what survives a process crash (everything written),
// what survives a power loss (only what was fsynced), truncation, compaction into a
// snapshot, and the quorum-state file. Each test writes, then rebuilds a RaftLog from the
// same Disk as a restart would.

#include "core/controller/raft_log.h"

#include <gtest/gtest.h>

namespace core::controller {
namespace {

const std::string kDirectory = "__cluster_metadata-0/";

RaftEntry data_entry(int64_t epoch, int64_t index, std::string payload) {
    return RaftEntry{epoch, index, RaftRecordType::Data, std::move(payload)};
}

RaftLog reopen(sim::Disk& disk) {
    RaftLog log(disk, kDirectory);
    log.recover();
    return log;
}

TEST(RaftLog, FlushedEntriesSurvivePowerLossAndUnflushedOnesDoNot) {
    sim::Disk disk;
    RaftLog log(disk, kDirectory);
    log.recover();
    log.append(data_entry(1, 1, "a"));
    log.append(data_entry(1, 2, "b"));
    log.flush();
    log.append(data_entry(1, 3, "c"));
    EXPECT_EQ(reopen(disk).last_index(), 3);  // a crash keeps the page cache
    disk.on_power_loss();
    RaftLog recovered = reopen(disk);
    EXPECT_EQ(recovered.last_index(), 2);
    EXPECT_EQ(recovered.entry(2).payload, "b");
}

TEST(RaftLog, QuorumStateIsDurableAtOnce) {
    sim::Disk disk;
    RaftLog log(disk, kDirectory);
    log.recover();
    log.persist_quorum_state(7, 3);
    disk.on_power_loss();
    RaftLog recovered = reopen(disk);
    EXPECT_EQ(recovered.epoch(), 7);
    EXPECT_EQ(recovered.voted_for(), std::optional<sim::NodeId>(3));
    recovered.persist_quorum_state(8, std::nullopt);
    EXPECT_FALSE(reopen(disk).voted_for().has_value());
}

TEST(RaftLog, TruncationRemovesTheSuffixOnDiskToo) {
    sim::Disk disk;
    RaftLog log(disk, kDirectory);
    log.recover();
    for (int64_t i = 1; i <= 5; ++i) log.append(data_entry(1, i, "x" + std::to_string(i)));
    log.flush();
    log.truncate_from(3);
    log.append(data_entry(2, 3, "new"));
    log.flush();
    disk.on_power_loss();
    RaftLog recovered = reopen(disk);
    EXPECT_EQ(recovered.last_index(), 3);
    EXPECT_EQ(recovered.entry(3).payload, "new");
    EXPECT_EQ(recovered.epoch_at(3), std::optional<int64_t>(2));
}

TEST(RaftLog, CompactionKeepsTheSuffixAndTheSnapshotAcrossRestart) {
    sim::Disk disk;
    RaftLog log(disk, kDirectory);
    log.recover();
    for (int64_t i = 1; i <= 10; ++i) log.append(data_entry(i < 6 ? 1 : 2, i, "e"));
    log.flush();
    log.compact(6, "state@6");
    disk.on_power_loss();
    RaftLog recovered = reopen(disk);
    EXPECT_EQ(recovered.snapshot_index(), 6);
    EXPECT_EQ(recovered.snapshot_epoch(), 2);
    EXPECT_EQ(recovered.snapshot_data(), "state@6");
    EXPECT_EQ(recovered.last_index(), 10);
    EXPECT_FALSE(recovered.epoch_at(5).has_value());
    EXPECT_EQ(recovered.entry(7).index, 7);
}

TEST(RaftLog, InstalledSnapshotDiscardsAConflictingLog) {
    sim::Disk disk;
    RaftLog log(disk, kDirectory);
    log.recover();
    for (int64_t i = 1; i <= 4; ++i) log.append(data_entry(1, i, "old"));
    log.flush();
    log.install_snapshot(3, 2, "leader-state");
    EXPECT_EQ(log.last_index(), 3);
    EXPECT_EQ(log.last_epoch(), 2);
    RaftLog recovered = reopen(disk);
    EXPECT_EQ(recovered.last_index(), 3);
    EXPECT_EQ(recovered.snapshot_data(), "leader-state");
}

TEST(RaftLog, InstalledSnapshotKeepsAMatchingSuffix) {
    sim::Disk disk;
    RaftLog log(disk, kDirectory);
    log.recover();
    for (int64_t i = 1; i <= 4; ++i) log.append(data_entry(1, i, "same"));
    log.flush();
    log.install_snapshot(2, 1, "leader-state");
    EXPECT_EQ(log.last_index(), 4);
    EXPECT_EQ(reopen(disk).last_index(), 4);
}

TEST(RaftLog, TornTailIsCutOffAtRecovery) {
    sim::Disk disk;
    RaftLog log(disk, kDirectory);
    log.recover();
    log.append(data_entry(1, 1, "whole"));
    log.flush();
    disk.append(kDirectory + "log", "\x05\x00\x00");  // a record cut short
    RaftLog recovered = reopen(disk);
    EXPECT_EQ(recovered.last_index(), 1);
    recovered.append(data_entry(1, 2, "next"));
    recovered.flush();
    EXPECT_EQ(reopen(disk).entry(2).payload, "next");
}

}  // namespace
}  // namespace core::controller
