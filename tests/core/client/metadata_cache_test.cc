// The client's metadata as Kafka's Metadata keeps it: the first request goes to a
// bootstrap broker, refreshes wait retry.backoff.ms, a failed request is retried, and a
// response with an older leader epoch than one already seen is ignored (KIP-320).

#include "core/client/metadata_cache.h"

#include <gtest/gtest.h>

#include "core/client/network_client.h"
#include "core/protocol/metadata.h"
#include "tests/core/client/cluster_fixture.h"
#include "tests/core/client/fake_env.h"

namespace core::client {
namespace {

using sim::kMillisecond;
using testing::FakeEnv;

struct MetadataCacheTest : ::testing::Test {
    FakeEnv env;
    NetworkClient network{env, 30 * sim::kSecond};
    MetadataCache metadata{network, {7}, {}};

    void answer(const std::shared_ptr<protocol::MetadataResponse>& response) {
        auto requests = env.take<protocol::MetadataRequest>();
        ASSERT_EQ(requests.size(), 1u);
        response->correlation_id = requests[0].second->correlation_id;
        ASSERT_TRUE(network.on_message(requests[0].first, response));
    }
};

TEST_F(MetadataCacheTest, TheFirstRequestGoesToABootstrapBrokerForTheWantedTopics) {
    metadata.add_topic("t");
    metadata.poll();
    auto requests = env.take<protocol::MetadataRequest>();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].first, 7);
    ASSERT_TRUE(requests[0].second->topics.has_value());
    EXPECT_EQ(*requests[0].second->topics, std::vector<std::string>{"t"});
}

TEST_F(MetadataCacheTest, AnswersGiveLeadersAndBrokers) {
    metadata.add_topic("t");
    metadata.poll();
    answer(testing::metadata_response("t", {2, 3}));
    EXPECT_EQ(metadata.leader({"t", 0}), 2);
    EXPECT_EQ(metadata.leader({"t", 1}), 3);
    EXPECT_EQ(metadata.partition_count("t"), 2);
    EXPECT_EQ(metadata.brokers(), (std::vector<sim::NodeId>{1, 2, 3}));
}

TEST_F(MetadataCacheTest, ARequestedUpdateWaitsTheRetryBackoff) {
    metadata.poll();
    answer(testing::metadata_response("t", {1}));
    metadata.request_update();
    EXPECT_EQ(metadata.poll(), 100 * kMillisecond);
    EXPECT_TRUE(env.sent.empty());
    env.advance_to(100 * kMillisecond);
    metadata.poll();
    EXPECT_EQ(env.take<protocol::MetadataRequest>().size(), 1u);
}

TEST_F(MetadataCacheTest, AFailedRequestIsRetriedOnAnotherBroker) {
    metadata.poll();
    answer(testing::metadata_response("t", {1}));
    env.advance_to(200 * kMillisecond);
    metadata.request_update();
    metadata.poll();
    auto first = env.take<protocol::MetadataRequest>();
    ASSERT_EQ(first.size(), 1u);
    network.on_disconnected(first[0].first);
    EXPECT_TRUE(metadata.update_requested());
    env.advance_to(400 * kMillisecond);
    metadata.poll();
    auto second = env.take<protocol::MetadataRequest>();
    ASSERT_EQ(second.size(), 1u);
    EXPECT_NE(second[0].first, first[0].first);
}

TEST_F(MetadataCacheTest, AnOlderLeaderEpochThanOneSeenIsIgnored) {
    metadata.update(*testing::metadata_response("t", {2}, 5));
    metadata.update(*testing::metadata_response("t", {1}, 4));
    EXPECT_EQ(metadata.leader({"t", 0}), 2);
    EXPECT_EQ(metadata.partition({"t", 0})->leader_epoch, 5);
    EXPECT_TRUE(metadata.update_requested());
    metadata.update(*testing::metadata_response("t", {3}, 6));
    EXPECT_EQ(metadata.leader({"t", 0}), 3);
}

TEST_F(MetadataCacheTest, AnUnknownTopicIsForgotten) {
    metadata.update(*testing::metadata_response("t", {2}));
    auto gone = testing::metadata_response("t", {});
    gone->topics[0].error = protocol::Error::UNKNOWN_TOPIC_OR_PARTITION;
    metadata.update(*gone);
    EXPECT_EQ(metadata.partition_count("t"), -1);
    EXPECT_EQ(metadata.leader({"t", 0}), sim::kNoNode);
}

}  // namespace
}  // namespace core::client
