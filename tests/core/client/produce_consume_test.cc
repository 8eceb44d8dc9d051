// Producing and consuming through a simulated cluster, as a user would: offsets count
// from 0 in each partition; order holds within a partition and not across partitions;
// one key always lands on one partition while null keys spread over all of them; a
// console-style consumer (auto.offset.reset=latest) sees nothing old until it reads from
// the beginning.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "sim/world.h"
#include "tests/support/test_cluster.h"

namespace kafkasim::test {
namespace {

using namespace sim::literals;

TEST(ProduceConsume, OffsetsArePerPartitionAndOrderHoldsWithinAPartitionOnly) {
    TestCluster t({.brokers = 3, .seed = 7});
    t.create_topic("t", 3, 1);
    ProducerHandle& p = t.producer("p", {{"linger.ms", "0"}});
    for (int i = 0; i < 60; ++i) p.send("key-" + std::to_string(i % 7), std::to_string(i));
    ASSERT_TRUE(t.run_until([&] { return p.pending() == 0; }));
    ASSERT_EQ(p.acked(), 60);

    std::map<int32_t, std::vector<core::Offset>> offsets;
    for (const SentRecord& s : p.sent()) offsets[s.partition].push_back(s.offset);
    EXPECT_EQ(offsets.size(), 3u) << "7 keys over 3 partitions use every partition";
    for (auto& [partition, list] : offsets) {
        std::sort(list.begin(), list.end());
        for (size_t i = 0; i < list.size(); ++i) EXPECT_EQ(list[i], static_cast<int64_t>(i));
    }

    ConsumerHandle& c = t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
    ASSERT_TRUE(t.run_until([&] { return c.records().size() == 60; }));
    std::map<int32_t, int> last_value;
    bool interleaved = false;
    int previous = -1;
    for (const auto& r : c.records()) {
        const int value = std::stoi(r.value);
        auto it = last_value.find(r.partition);
        if (it != last_value.end()) {
            EXPECT_LT(it->second, value) << "order within a partition";
        }
        last_value[r.partition] = value;
        if (value < previous) interleaved = true;
        previous = value;
    }
    EXPECT_TRUE(interleaved) << "across partitions the consumer sees another order";
}

TEST(ProduceConsume, SameKeySamePartitionAndNullKeysSpreadOverAllPartitions) {
    TestCluster t({.brokers = 3, .seed = 11});
    t.create_topic("t", 6, 2);
    ProducerHandle& p = t.producer("p");
    for (int i = 0; i < 30; ++i) p.send("truck_" + std::to_string(i % 5), "v" + std::to_string(i));
    for (int i = 0; i < 300; ++i) {
        p.send_null_key("n" + std::to_string(i));
        t.run_for(2_ms);
    }
    ASSERT_TRUE(t.run_until([&] { return p.pending() == 0; }));
    std::map<std::string, std::set<int32_t>> partitions_of_key;
    std::set<int32_t> null_key_partitions;
    for (const SentRecord& s : p.sent()) {
        ASSERT_TRUE(s.acked());
        if (s.has_key) partitions_of_key[s.key].insert(s.partition);
        else null_key_partitions.insert(s.partition);
    }
    for (const auto& [key, partitions] : partitions_of_key) {
        EXPECT_EQ(partitions.size(), 1u) << key << " went to several partitions";
    }
    EXPECT_EQ(null_key_partitions.size(), 6u);
}

TEST(ProduceConsume, AConsoleConsumerSeesOnlyNewRecordsUnlessFromBeginning) {
    TestCluster t({.brokers = 1, .seed = 3});
    t.create_topic("first_topic", 3, 1);
    ProducerHandle& p = t.producer("p", {}, "first_topic");
    for (int i = 0; i < 10; ++i) p.send_null_key("old" + std::to_string(i));
    ASSERT_TRUE(t.run_until([&] { return p.pending() == 0; }));
    ConsumerHandle& latest = t.consumer("latest", "first_topic");
    ConsumerHandle& beginning =
        t.consumer("beginning", "first_topic", {{"auto.offset.reset", "earliest"}});
    t.run_for(2_s);
    EXPECT_TRUE(latest.records().empty());
    EXPECT_EQ(beginning.records().size(), 10u);
    p.send_null_key("new");
    ASSERT_TRUE(t.run_until([&] { return latest.records().size() == 1; }));
    EXPECT_EQ(latest.records()[0].value, "new");
}

}  // namespace
}  // namespace kafkasim::test

namespace kafkasim::test {
namespace {

TEST(ProduceConsume, FlushCompletesOnceEveryEarlierRecordIsAcknowledged) {
    TestCluster t({.brokers = 3, .seed = 4});
    t.create_topic("t", 2, 3);
    ProducerHandle& p = t.producer("p", {{"linger.ms", "60000"}, {"batch.size", "1000000"}});
    for (int i = 0; i < 5; ++i) p.send_null_key("v" + std::to_string(i));
    t.run_for(sim::kSecond);
    EXPECT_EQ(p.pending(), 5) << "linger.ms holds the batch";
    bool flushed = false;
    p.client()->flush([&] { flushed = true; });
    ASSERT_TRUE(t.run_until([&] { return flushed; }, 5 * sim::kSecond));
    EXPECT_EQ(p.acked(), 5);
}

TEST(ProduceConsume, TheHistoryRecordsEveryInvokeAndOutcomeAsCsvRows) {
    TestCluster t({.brokers = 1, .seed = 4});
    t.create_topic("t", 1, 1);
    ProducerHandle& p = t.producer("p");
    p.send("k", "hello, world");
    ASSERT_TRUE(t.run_until([&] { return p.pending() == 0; }));
    ConsumerHandle& c = t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
    ASSERT_TRUE(t.run_until([&] { return c.records().size() == 1; }));
    const auto& ops = t.history().ops();
    ASSERT_EQ(ops.size(), 3u);
    EXPECT_EQ(ops[0].type, "invoke");
    EXPECT_EQ(ops[1].type, "ok");
    EXPECT_EQ(ops[1].offset, 0);
    EXPECT_EQ(ops[2].f, "poll");
    const std::string csv = t.history().to_csv();
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "index,time_ns,process,type,f,topic,partition,key,value,offset,error");
    EXPECT_NE(csv.find(",p,ok,send,t,0,k,\"hello, world\",0,\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace kafkasim::test

namespace kafkasim::test {
namespace {

TEST(ProduceConsume, BrokersWithKafkaStyleIdsServeClients) {
    TestCluster t({.brokers = 3, .seed = 8, .broker_ids = {101, 102, 103}});
    t.create_topic("t", 3, 3);
    ProducerHandle& p = t.producer("p");
    for (int i = 0; i < 30; ++i) p.send("k" + std::to_string(i), "v" + std::to_string(i));
    ASSERT_TRUE(t.run_until([&] { return p.pending() == 0; }));
    EXPECT_EQ(p.acked(), 30);
    const int32_t leader = t.leader_of("t", 0);
    EXPECT_GE(leader, 101);
    EXPECT_LE(leader, 103);
}

}  // namespace
}  // namespace kafkasim::test

namespace kafkasim::test {
namespace {

std::pair<uint64_t, std::string> run_once(uint64_t seed) {
    TestCluster t({.brokers = 3, .seed = seed});
    t.create_topic("t", 3, 3);
    ProducerHandle& p = t.producer("p");
    for (int i = 0; i < 50; ++i) {
        p.send_null_key(std::to_string(i));
        t.run_for(3 * sim::kMillisecond);
    }
    t.broker(t.leader_of("t", 0)).crash();
    ConsumerHandle& c = t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
    t.run_for(15 * sim::kSecond);
    EXPECT_FALSE(c.records().empty());
    return {t.world().trace_hash(), t.history().to_csv()};
}

TEST(ProduceConsume, TheSameSeedGivesTheSameTraceAndHistory) {
    auto first = run_once(21);
    auto second = run_once(21);
    EXPECT_EQ(first.first, second.first);
    EXPECT_EQ(first.second, second.second);
    EXPECT_NE(run_once(22).first, first.first);
}

}  // namespace
}  // namespace kafkasim::test
