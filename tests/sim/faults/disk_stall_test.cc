// Fault "disk-stall": while it lasts, an fsync on the target's disk completes only when
// the stall ends (then after its own latency); other disks and reads are untouched; a
// heal resumes the disk at once; and a stall needs a duration.

#include <gtest/gtest.h>

#include "sim/faults/fault.h"
#include "sim/faults/schedule.h"
#include "sim/world.h"
#include "tests/sim/chatter.h"

namespace sim {
namespace {

using namespace sim::literals;
using testing::add_chatters;

constexpr Duration kFsync = 2 * kMillisecond;  // DiskOptions' default latency

TEST(DiskStall, FsyncDuringTheStallWaitsUntilItEnds) {
    World world(WorldOptions{});
    add_chatters(world, {1, 2}, 10_ms);
    FaultSchedule schedule(world);
    ASSERT_TRUE(
        schedule.add({{"kind", "disk-stall"}, {"at", "1s"}, {"duration", "3s"}, {"target", "1"}})
            .ok());
    world.run_until(1500_ms);
    world.disk(1).append("log", "abc");
    EXPECT_EQ(world.disk(1).fsync("log"), 2500_ms + kFsync);
    world.disk(2).append("log", "abc");
    EXPECT_EQ(world.disk(2).fsync("log"), kFsync);  // only the target stalls
    EXPECT_EQ(*world.disk(1).read("log"), "abc");   // reads come from the page cache
    world.run_until(4_s + 1_ms);
    EXPECT_EQ(world.disk(1).fsync("log"), kFsync);  // resumed
}

TEST(DiskStall, HealingEarlyResumesTheDisk) {
    World world(WorldOptions{});
    add_chatters(world, {1}, 10_ms);
    Result<std::unique_ptr<Fault>> fault =
        parse_fault({{"kind", "disk-stall"}, {"duration", "10s"}});
    ASSERT_TRUE(fault.ok());
    Rng rng(1);
    fault.value()->apply(world, {1}, rng);
    EXPECT_EQ(world.disk(1).fsync_all(), 10_s + kFsync);
    world.run_until(1_s);
    EXPECT_EQ(world.disk(1).fsync_all(), 9_s + kFsync);
    fault.value()->heal(world);
    EXPECT_EQ(world.disk(1).fsync_all(), kFsync);
}

TEST(DiskStall, StallWithoutADurationIsAnError) {
    Result<std::unique_ptr<Fault>> fault = parse_fault({{"kind", "disk-stall"}});
    ASSERT_FALSE(fault.ok());
    EXPECT_EQ(fault.error().what,
              "fault \"disk-stall\" needs a \"duration\" longer than 0 (\"2s\")");
}

}  // namespace
}  // namespace sim
