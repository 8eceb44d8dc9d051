// The producer's partitioner: keys by murmur2 (stable while the partition count is), null
// keys sticky to one partition until its batch completes and then to a different available
// partition (KIP-480), round-robin over available partitions, and an even spread of null
// keys over many batches.

#include <gtest/gtest.h>

#include <set>

#include "core/client/murmur2.h"
#include "core/client/partitioner.h"

namespace core::client {
namespace {

TopicPartitions all_available(int32_t count) {
    TopicPartitions partitions{count, {}};
    for (int32_t p = 0; p < count; ++p) partitions.available.push_back(p);
    return partitions;
}

TEST(Partitioner, SameKeySamePartitionWhilePartitionCountIsConstant) {
    Partitioner partitioner(PartitionerKind::BuiltIn);
    sim::Rng rng(1);
    TopicPartitions partitions = all_available(10);
    for (int i = 0; i < 50; ++i) {
        std::string key = "truck_" + std::to_string(i);
        int32_t first = partitioner.partition("trucks_gps", &key, partitions, rng);
        EXPECT_EQ(first, partition_for_key(key, 10));
        EXPECT_EQ(partitioner.partition("trucks_gps", &key, partitions, rng), first);
    }
}

TEST(Partitioner, KeysHashOverAllPartitionsEvenUnavailableOnes) {
    Partitioner partitioner(PartitionerKind::BuiltIn);
    sim::Rng rng(1);
    TopicPartitions partitions{10, {0}};
    std::string key = "foobar";
    EXPECT_EQ(partitioner.partition("t", &key, partitions, rng), partition_for_key(key, 10));
}

TEST(Partitioner, NullKeysStickToOnePartitionUntilANewBatch) {
    Partitioner partitioner(PartitionerKind::BuiltIn);
    sim::Rng rng(7);
    TopicPartitions partitions = all_available(6);
    int32_t sticky = partitioner.partition("t", nullptr, partitions, rng);
    for (int i = 0; i < 100; ++i) {
        EXPECT_EQ(partitioner.partition("t", nullptr, partitions, rng), sticky);
    }
    partitioner.on_new_batch("t", partitions, sticky, rng);
    int32_t next = partitioner.partition("t", nullptr, partitions, rng);
    EXPECT_NE(next, sticky);
}

TEST(Partitioner, NewBatchForAnOldPartitionDoesNotMoveTheStickyPartition) {
    Partitioner partitioner(PartitionerKind::BuiltIn);
    sim::Rng rng(3);
    TopicPartitions partitions = all_available(6);
    int32_t sticky = partitioner.partition("t", nullptr, partitions, rng);
    partitioner.on_new_batch("t", partitions, (sticky + 1) % 6, rng);
    EXPECT_EQ(partitioner.partition("t", nullptr, partitions, rng), sticky);
}

TEST(Partitioner, StickySwitchPicksOnlyAvailablePartitions) {
    Partitioner partitioner(PartitionerKind::BuiltIn);
    sim::Rng rng(11);
    TopicPartitions partitions{8, {1, 4, 6}};
    std::set<int32_t> seen;
    int32_t current = partitioner.partition("t", nullptr, partitions, rng);
    for (int i = 0; i < 200; ++i) {
        seen.insert(current);
        partitioner.on_new_batch("t", partitions, current, rng);
        int32_t next = partitioner.partition("t", nullptr, partitions, rng);
        EXPECT_NE(next, current);
        current = next;
    }
    EXPECT_EQ(seen, (std::set<int32_t>{1, 4, 6}));
}

TEST(Partitioner, SingleAvailablePartitionIsKeptAcrossBatches) {
    Partitioner partitioner(PartitionerKind::BuiltIn);
    sim::Rng rng(5);
    TopicPartitions partitions{4, {2}};
    EXPECT_EQ(partitioner.partition("t", nullptr, partitions, rng), 2);
    partitioner.on_new_batch("t", partitions, 2, rng);
    EXPECT_EQ(partitioner.partition("t", nullptr, partitions, rng), 2);
}

TEST(Partitioner, NullKeysSpreadOverAllPartitionsAcrossBatches) {
    Partitioner partitioner(PartitionerKind::BuiltIn);
    sim::Rng rng(42);
    TopicPartitions partitions = all_available(10);
    std::vector<int> batches(10, 0);
    for (int batch = 0; batch < 10000; ++batch) {
        int32_t p = partitioner.partition("t", nullptr, partitions, rng);
        ++batches[size_t(p)];
        partitioner.on_new_batch("t", partitions, p, rng);
    }
    for (int count : batches) {
        EXPECT_GT(count, 800);  // 1000 expected per partition
        EXPECT_LT(count, 1200);
    }
}

TEST(Partitioner, StickyStateIsPerTopic) {
    Partitioner partitioner(PartitionerKind::UniformSticky);
    sim::Rng rng(9);
    TopicPartitions partitions = all_available(50);
    int32_t a = partitioner.partition("a", nullptr, partitions, rng);
    partitioner.on_new_batch("b", partitions, a, rng);
    EXPECT_EQ(partitioner.partition("a", nullptr, partitions, rng), a);
}

TEST(Partitioner, UniformStickyIgnoresKeys) {
    Partitioner partitioner(partitioner_kind("", /*ignore_keys=*/true));
    EXPECT_EQ(partitioner.kind(), PartitionerKind::UniformSticky);
    sim::Rng rng(2);
    TopicPartitions partitions = all_available(10);
    std::set<int32_t> seen;
    for (int i = 0; i < 20; ++i) {
        std::string key = "k" + std::to_string(i);
        seen.insert(partitioner.partition("t", &key, partitions, rng));
    }
    EXPECT_EQ(seen.size(), 1u);
}

TEST(Partitioner, RoundRobinCyclesThroughAvailablePartitionsIgnoringKeys) {
    Partitioner partitioner(
        partitioner_kind("org.apache.kafka.clients.producer.RoundRobinPartitioner", false));
    sim::Rng rng(2);
    TopicPartitions partitions{5, {0, 2, 3}};
    std::string key = "same";
    std::vector<int32_t> got;
    for (int i = 0; i < 6; ++i) got.push_back(partitioner.partition("t", &key, partitions, rng));
    EXPECT_EQ(got, (std::vector<int32_t>{0, 2, 3, 0, 2, 3}));
}

TEST(Partitioner, RoundRobinUsesAllPartitionsWhenNoneIsAvailable) {
    Partitioner partitioner(PartitionerKind::RoundRobin);
    sim::Rng rng(2);
    TopicPartitions partitions{3, {}};
    std::vector<int32_t> got;
    for (int i = 0; i < 4; ++i) got.push_back(partitioner.partition("t", nullptr, partitions, rng));
    EXPECT_EQ(got, (std::vector<int32_t>{0, 1, 2, 0}));
}

TEST(Partitioner, SameSeedSameStickySequence) {
    auto sequence = [](uint64_t seed) {
        Partitioner partitioner(PartitionerKind::BuiltIn);
        sim::Rng rng(seed);
        TopicPartitions partitions = all_available(12);
        std::vector<int32_t> out;
        for (int i = 0; i < 20; ++i) {
            out.push_back(partitioner.partition("t", nullptr, partitions, rng));
            partitioner.on_new_batch("t", partitions, out.back(), rng);
        }
        return out;
    };
    EXPECT_EQ(sequence(17), sequence(17));
    EXPECT_NE(sequence(17), sequence(18));
}

}  // namespace
}  // namespace core::client
