// The leader's ISR and high-watermark rules (Kafka's Partition): a follower at the
// leader's log end is caught up however long it is silent; one behind for more than
// replica.lag.time.max.ms falls out; it may rejoin once at the high watermark and the
// leader epoch's start; the high watermark is the least log end over the maximal ISR and
// never goes back.

#include "core/broker/isr.h"

#include <gtest/gtest.h>

namespace core::broker {
namespace {

constexpr sim::Duration kLag = 30 * sim::kSecond;

TEST(Isr, FollowerAtLeaderLogEndIsCaughtUpEvenWhenSilent) {
    FollowerState f;
    record_follower_fetch(f, 10, 10, 0, 1);
    EXPECT_TRUE(is_caught_up(f, 10, 100 * sim::kSecond, kLag));
}

TEST(Isr, FollowerBehindForLongerThanTheLagFallsOut) {
    std::map<int32_t, FollowerState> followers;
    record_follower_fetch(followers[2], 10, 10, 0, 1);
    record_follower_fetch(followers[3], 10, 10, 0, 1);
    record_follower_fetch(followers[3], 12, 12, 25 * sim::kSecond, 1);
    // Leader's log end is now 12; follower 2 stopped at 10 at time 0.
    auto out = out_of_sync_replicas({1, 2, 3}, 1, followers, 12, 31 * sim::kSecond, kLag);
    EXPECT_EQ(out, std::vector<int32_t>{2});
}

TEST(Isr, FollowerMayJoinOnlyAtHighWatermarkAndEpochStart) {
    FollowerState f;
    record_follower_fetch(f, 5, 10, 0, 1);
    EXPECT_FALSE(can_join_isr(f, 6, 0));
    EXPECT_TRUE(can_join_isr(f, 5, 5));
    EXPECT_FALSE(can_join_isr(f, 5, 8));
}

TEST(Isr, HighWatermarkIsLeastLogEndOverIsrAndNeverDecreases) {
    std::map<int32_t, FollowerState> followers;
    record_follower_fetch(followers[2], 7, 10, 0, 1);
    record_follower_fetch(followers[3], 9, 10, 0, 1);
    EXPECT_EQ(compute_high_watermark(3, 10, {1, 2, 3}, 1, followers, 0, kLag), 7);
    EXPECT_EQ(compute_high_watermark(8, 10, {1, 2, 3}, 1, followers, 0, kLag), 8);
}

TEST(Isr, UnknownFollowerInIsrHoldsTheHighWatermark) {
    std::map<int32_t, FollowerState> followers;
    followers[2] = FollowerState{};
    EXPECT_EQ(compute_high_watermark(4, 10, {1, 2}, 1, followers, 0, kLag), 4);
}

}  // namespace
}  // namespace core::broker
