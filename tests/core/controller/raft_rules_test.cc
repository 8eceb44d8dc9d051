// Single Raft rules, checked on one RaftNode driven message by message through a scripted
// NodeEnv (voters 1, 2, 3; the node under test is 1): the current-epoch commit rule (Raft
// §5.4.2), durable votes, pre-votes that change no epoch, stale leaders told the newer
// epoch, and routing of what is not Raft's back to the host.

#include <gtest/gtest.h>

#include "core/controller/raft_messages.h"
#include "core/controller/raft_node.h"
#include "tests/core/controller/raft_cluster.h"
#include "tests/core/controller/scripted_env.h"

namespace core::controller::testing {
namespace {

RaftConfig three_voters() {
    RaftConfig config;
    config.voters = {1, 2, 3};
    return config;
}

void deliver_vote(RaftNode& node, sim::NodeId from, bool pre_vote, int64_t epoch) {
    auto response = std::make_shared<VoteResponse>();
    response->epoch = epoch;
    response->vote_granted = true;
    response->pre_vote = pre_vote;
    EXPECT_TRUE(node.on_message(from, response));
}

/// Times out, wins the pre-vote and the vote with node 2's help.
void elect(ScriptedEnv& env, RaftNode& node) {
    ASSERT_TRUE(env.fire_timer_with(static_cast<uint64_t>(RaftTimer::Election)));
    const auto pre_votes = env.take_sent<VoteRequest>();
    ASSERT_EQ(pre_votes.size(), 2u);
    ASSERT_TRUE(pre_votes[0].second->pre_vote);
    deliver_vote(node, 2, true, pre_votes[0].second->candidate_epoch);
    const auto votes = env.take_sent<VoteRequest>();
    ASSERT_EQ(votes.size(), 2u);
    ASSERT_FALSE(votes[0].second->pre_vote);
    deliver_vote(node, 2, false, node.epoch());
    ASSERT_TRUE(node.is_leader());
    env.take_sent<sim::Message>();
}

void deliver_ack(RaftNode& node, sim::NodeId from, int64_t epoch, int64_t match_index) {
    auto response = std::make_shared<AppendEntriesResponse>();
    response->epoch = epoch;
    response->success = true;
    response->match_index = match_index;
    EXPECT_TRUE(node.on_message(from, response));
}

std::shared_ptr<VoteRequest> vote_request(sim::NodeId candidate, int64_t epoch, int64_t last_epoch,
                                          int64_t last_index, bool pre_vote) {
    auto request = std::make_shared<VoteRequest>();
    request->candidate_epoch = epoch;
    request->candidate_id = candidate;
    request->last_epoch = last_epoch;
    request->last_index = last_index;
    request->pre_vote = pre_vote;
    return request;
}

bool granted(ScriptedEnv& env) {
    const auto responses = env.take_sent<VoteResponse>();
    EXPECT_EQ(responses.size(), 1u);
    return !responses.empty() && responses[0].second->vote_granted;
}

TEST(RaftRules, LeaderCommitsAnOldEpochEntryOnlyThroughAnEntryOfItsOwnEpoch) {
    ScriptedEnv env(1);
    HashStateMachine state_machine;
    RaftNode node(env, three_voters(), state_machine);
    node.on_start();
    elect(env, node);                       // epoch 1, LeaderChange at index 1
    ASSERT_EQ(node.propose("old"), 2);      // epoch 1, never acknowledged in epoch 1
    // Node 3 wins epoch 2 with node 1's vote, then node 1 leads again in epoch 3.
    EXPECT_TRUE(node.on_message(3, vote_request(3, 2, 1, 2, false)));
    EXPECT_TRUE(granted(env));
    EXPECT_FALSE(node.is_leader());
    elect(env, node);
    ASSERT_EQ(node.epoch(), 3);
    ASSERT_EQ(node.last_index(), 3);  // LeaderChange of epoch 3
    // A majority (1 and 2) now holds index 2, but it is from epoch 1: Raft §5.4.2 forbids
    // committing it by counting (Figure 8: a later leader could still overwrite it).
    deliver_ack(node, 2, 3, 2);
    EXPECT_EQ(node.commit_index(), 0);
    deliver_ack(node, 2, 3, 3);
    EXPECT_EQ(node.commit_index(), 3);
    EXPECT_EQ(state_machine.count, 1);
}

TEST(RaftRules, AVoteSurvivesPowerLossSoNoSecondCandidateGetsOneInTheSameEpoch) {
    ScriptedEnv env(1);
    {
        HashStateMachine state_machine;
        RaftNode node(env, three_voters(), state_machine);
        node.on_start();
        EXPECT_TRUE(node.on_message(2, vote_request(2, 5, 0, 0, false)));
        EXPECT_TRUE(granted(env));
    }
    env.disk().on_power_loss();
    HashStateMachine state_machine;
    RaftNode restarted(env, three_voters(), state_machine);
    restarted.on_start();
    EXPECT_EQ(restarted.epoch(), 5);
    EXPECT_TRUE(restarted.on_message(3, vote_request(3, 5, 0, 0, false)));
    EXPECT_FALSE(granted(env));
    EXPECT_TRUE(restarted.on_message(2, vote_request(2, 5, 0, 0, false)));
    EXPECT_TRUE(granted(env));  // the same candidate may ask again
}

TEST(RaftRules, PreVoteIsGrantedWithoutChangingTheVotersEpoch) {
    ScriptedEnv env(1);
    HashStateMachine state_machine;
    RaftNode node(env, three_voters(), state_machine);
    node.on_start();
    EXPECT_TRUE(node.on_message(2, vote_request(2, 1, 0, 0, true)));
    EXPECT_TRUE(granted(env));
    EXPECT_EQ(node.epoch(), 0);
}

TEST(RaftRules, VoteIsRefusedToACandidateWithAShorterLog) {
    ScriptedEnv env(1);
    HashStateMachine state_machine;
    RaftNode node(env, three_voters(), state_machine);
    node.on_start();
    elect(env, node);  // index 1 in epoch 1
    EXPECT_TRUE(node.on_message(2, vote_request(2, 2, 0, 0, false)));
    EXPECT_FALSE(granted(env));
    EXPECT_EQ(node.epoch(), 2);  // the higher epoch still deposes this leader
    EXPECT_FALSE(node.is_leader());
}

TEST(RaftRules, StaleLeaderIsAnsweredWithTheNewerEpoch) {
    ScriptedEnv env(1);
    HashStateMachine state_machine;
    RaftNode node(env, three_voters(), state_machine);
    node.on_start();
    EXPECT_TRUE(node.on_message(2, vote_request(2, 4, 0, 0, false)));
    env.take_sent<sim::Message>();
    auto append = std::make_shared<AppendEntriesRequest>();
    append->epoch = 3;
    append->leader_id = 3;
    EXPECT_TRUE(node.on_message(3, append));
    const auto responses = env.take_sent<AppendEntriesResponse>();
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_FALSE(responses[0].second->success);
    EXPECT_EQ(responses[0].second->epoch, 4);
    EXPECT_EQ(node.leader(), std::nullopt);
}

struct NotRaft final : sim::Message {
    const char* name() const override { return "NotRaft"; }
};

TEST(RaftRules, MessagesThatAreNotRaftsGoBackToTheHost) {
    ScriptedEnv env(1);
    HashStateMachine state_machine;
    RaftNode node(env, three_voters(), state_machine);
    node.on_start();
    EXPECT_FALSE(node.on_message(2, std::make_shared<NotRaft>()));
    node.on_timer(static_cast<uint64_t>(RaftTimer::Heartbeat));  // not the leader: ignored
    EXPECT_TRUE(env.take_sent<VoteRequest>().empty());
}

}  // namespace
}  // namespace core::controller::testing
