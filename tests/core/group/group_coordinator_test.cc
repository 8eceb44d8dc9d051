// The coordinator's protocol, driven with raw requests against a simulated cluster: the
// first FindCoordinator creates __consumer_offsets (50 partitions, RF min(3, brokers)), a
// JoinGroup without a member id gets MEMBER_ID_REQUIRED (KIP-394), brokers other than
// the coordinator answer NOT_COORDINATOR, a standalone commit survives the coordinator's
// crash (it is reloaded from the replicated log), and heartbeats carry generations.

#include "core/protocol/group.h"
#include "core/protocol/offsets.h"
#include "tests/core/group/group_cluster.h"

namespace kafkasim_test {
namespace {

template <typename Response>
std::shared_ptr<const Response> call(GroupCluster& c, sim::NodeId to,
                                     std::shared_ptr<KafkaMessage> request) {
    const int32_t id = c.producer().send_request(to, std::move(request));
    c.run_until([&] { return c.producer().responses().count(id) != 0; }, 10 * kSecond);
    auto it = c.producer().responses().find(id);
    if (it == c.producer().responses().end()) return nullptr;
    return std::dynamic_pointer_cast<const Response>(it->second);
}

/// Asks until the coordinator is known (the first ask creates __consumer_offsets).
int32_t find_coordinator(GroupCluster& c, const std::string& group) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto request = std::make_shared<FindCoordinatorRequest>();
        request->key = group;
        auto r = call<FindCoordinatorResponse>(c, 1 + attempt % 3, request);
        if (r != nullptr && r->error == Error::NONE) return r->node_id;
        c.run_for(200 * kMillisecond);
    }
    return -1;
}

std::shared_ptr<JoinGroupRequest> join_request(const std::string& member_id) {
    auto request = std::make_shared<JoinGroupRequest>();
    request->group_id = "g";
    request->member_id = member_id;
    request->session_timeout_ms = 10000;
    request->rebalance_timeout_ms = 10000;
    request->client_id = "raw";
    request->protocols.push_back({"range", {{"t"}, {}, -1}});
    return request;
}

TEST(GroupCoordinator, FirstFindCoordinatorCreatesTheOffsetsTopic) {
    GroupCluster c(11);
    c.create_topic("t", 3, 3);
    const int32_t coordinator = find_coordinator(c, "g");
    ASSERT_GT(coordinator, 0);
    const auto* topic = c.controller_image().topic("__consumer_offsets");
    ASSERT_NE(topic, nullptr);
    EXPECT_EQ(topic->partitions.size(), 50u);
    EXPECT_EQ(topic->partitions.begin()->second.replicas.size(), 3u);
    EXPECT_EQ(coordinator, c.leader_of({"__consumer_offsets", group::partition_for("g", 50)}));
}

TEST(GroupCoordinator, JoinWithoutMemberIdAnswersMemberIdRequiredThenJoins) {
    GroupCluster c(12);
    c.create_topic("t", 3, 3);
    const int32_t coordinator = find_coordinator(c, "g");
    ASSERT_GT(coordinator, 0);
    ASSERT_TRUE(c.run_until([&] { return c.coordinator_of("g") == coordinator; }, 5 * kSecond));
    auto first = call<JoinGroupResponse>(c, coordinator, join_request(""));
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->error, Error::MEMBER_ID_REQUIRED);
    EXPECT_EQ(first->member_id.rfind("raw-", 0), 0u);
    auto second = call<JoinGroupResponse>(c, coordinator, join_request(first->member_id));
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(second->error, Error::NONE);
    EXPECT_EQ(second->generation_id, 1);
    EXPECT_EQ(second->leader, first->member_id);
    EXPECT_EQ(second->protocol_name, "range");
    ASSERT_EQ(second->members.size(), 1u);  // the leader learns every member

    // A heartbeat from an older generation is ILLEGAL_GENERATION; an unknown id,
    // UNKNOWN_MEMBER_ID.
    auto heartbeat = std::make_shared<HeartbeatRequest>();
    heartbeat->group_id = "g";
    heartbeat->member_id = first->member_id;
    heartbeat->generation_id = 0;
    auto stale = call<HeartbeatResponse>(c, coordinator, heartbeat);
    ASSERT_NE(stale, nullptr);
    EXPECT_EQ(stale->error, Error::ILLEGAL_GENERATION);
    auto unknown_hb = std::make_shared<HeartbeatRequest>(*heartbeat);
    unknown_hb->member_id = "nobody";
    unknown_hb->generation_id = 1;
    auto unknown = call<HeartbeatResponse>(c, coordinator, unknown_hb);
    ASSERT_NE(unknown, nullptr);
    EXPECT_EQ(unknown->error, Error::UNKNOWN_MEMBER_ID);
}

TEST(GroupCoordinator, OtherBrokersAnswerNotCoordinator) {
    GroupCluster c(13);
    c.create_topic("t", 3, 3);
    const int32_t coordinator = find_coordinator(c, "g");
    ASSERT_GT(coordinator, 0);
    const sim::NodeId other = coordinator % 3 + 1;
    auto r = call<JoinGroupResponse>(c, other, join_request(""));
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->error, Error::NOT_COORDINATOR);
    auto fetch = std::make_shared<OffsetFetchRequest>();
    fetch->group_id = "g";
    auto f = call<OffsetFetchResponse>(c, other, fetch);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->error, Error::NOT_COORDINATOR);
}

TEST(GroupCoordinator, CommittedOffsetSurvivesCoordinatorCrash) {
    GroupCluster c(14);
    c.create_topic("t", 3, 3);
    const int32_t coordinator = find_coordinator(c, "g");
    ASSERT_GT(coordinator, 0);
    ASSERT_TRUE(c.run_until([&] { return c.coordinator_of("g") == coordinator; }, 5 * kSecond));
    auto commit = std::make_shared<OffsetCommitRequest>();
    commit->group_id = "g";  // a standalone consumer: generation -1, no member id
    commit->partitions.push_back({{"t", 1}, 42, -1, "m"});
    auto committed = call<OffsetCommitResponse>(c, coordinator, commit);
    ASSERT_NE(committed, nullptr);
    ASSERT_EQ(committed->partitions.size(), 1u);
    ASSERT_EQ(committed->partitions[0].error, Error::NONE);

    c.world().crash(coordinator);
    int32_t next = -1;
    ASSERT_TRUE(c.run_until(
        [&] {
            next = c.coordinator_of("g");
            return next > 0 && next != coordinator;
        },
        30 * kSecond));
    auto fetch = std::make_shared<OffsetFetchRequest>();
    fetch->group_id = "g";
    fetch->partitions = std::vector<TopicPartition>{{"t", 1}, {"t", 2}};
    auto f = call<OffsetFetchResponse>(c, next, fetch);
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(f->error, Error::NONE);
    ASSERT_EQ(f->partitions.size(), 2u);
    EXPECT_EQ(f->partitions[0].committed_offset, 42);
    EXPECT_EQ(f->partitions[0].metadata, "m");
    EXPECT_EQ(f->partitions[1].committed_offset, -1);
}

}  // namespace
}  // namespace kafkasim_test
