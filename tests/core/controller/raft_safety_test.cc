// Raft safety and liveness of the controller quorum under random faults, over many seeds.
//
// Goal: show that no schedule of crashes, power losses, pauses and partitions breaks Election
// Safety (one leader per epoch), Log Matching / State Machine Safety (every node commits the same
// entry at each index, in order; committed entries never change or vanish, also across power loss),
// and that the quorum recovers once faults stop.
//
// Method: each seed builds a World of voters (1000 seeds of 3, 1000 of 5; KRaft's timeouts:
// election 1 s, fetch 2 s; snapshot threshold 10-80 entries; fsync 0-10 ms; a third of the seeds
// send one entry per request) and a seeded nemesis that, for kFaultPhase = 30 s of virtual time,
// fires a fault about every half second, half of them at the leader: crash, power loss, pause,
// isolate a node, split the voters in two, cut one link both ways or one way; each is undone
// after 0.1-3 s. Every 50 ms each node that believes it leads proposes an entry (so stale leaders
// write entries that must later be truncated). The QuorumChecker sees every election and commit
// as it happens. Then every fault heals and the liveness bound applies: within kLivenessBound =
// 5 s of virtual time (five election timeouts; the slowest seed measured 2.11 s) a leader is
// elected, every voter's commit index equals the leader's log end, that covers every entry ever
// committed, and all state machines agree. Coverage probes prove the sweep reached
// resignations, refused pre-votes, truncations and snapshot installs.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "tests/core/controller/raft_cluster.h"

namespace core::controller::testing {
namespace {

using namespace sim::literals;

constexpr sim::Duration kFaultPhase = 30_s;
constexpr sim::Duration kStep = 50_ms;
constexpr sim::Duration kLivenessBound = 5_s;

enum class Undo { Restart, Resume, Heal };

struct PendingUndo {
    sim::Time at = 0;
    Undo kind = Undo::Heal;
    sim::NodeId node = sim::kNoNode;
    std::vector<std::pair<sim::NodeId, sim::NodeId>> links;
    bool one_way = false;
};

class Nemesis {
   public:
    Nemesis(RaftCluster& cluster, sim::Rng rng) : cluster_(cluster), rng_(rng) {}

    void step() {
        undo_due();
        if (rng_.chance({1, 10})) inject();
    }

    void heal_everything() {
        sim::World& world = cluster_.world();
        world.network().heal_all();
        for (sim::NodeId id : cluster_.ids()) {
            world.resume(id);
            world.restart(id);
        }
        pending_.clear();
    }

   private:
    void inject() {
        sim::World& world = cluster_.world();
        // Half the faults hit the leader: that is where elections and truncation happen.
        const auto leader = cluster_.leader();
        const sim::NodeId node =
            leader && rng_.chance({1, 2}) ? *leader : rng_.pick(cluster_.ids());
        PendingUndo undo;
        undo.at = world.now() + rng_.between(100_ms, 3_s);
        undo.node = node;
        switch (rng_.uniform(7)) {
            case 0:
                if (!world.crash(node)) return;
                undo.kind = Undo::Restart;
                break;
            case 1:
                world.power_loss(node);
                undo.kind = Undo::Restart;
                break;
            case 2:
                if (!world.pause(node)) return;
                undo.kind = Undo::Resume;
                break;
            case 3:
                for (sim::NodeId other : cluster_.ids()) {
                    if (other != node) undo.links.emplace_back(node, other);
                }
                break;
            case 4:
                undo.links = split_in_two();
                break;
            case 5:
                // One way only: `node` still hears the others but is not heard.
                undo.one_way = true;
                undo.links.emplace_back(node, rng_.pick(cluster_.ids()));
                break;
            default:
                undo.links.emplace_back(node, rng_.pick(cluster_.ids()));
                break;
        }
        for (const auto& [a, b] : undo.links) {
            if (a == b) continue;
            undo.one_way ? world.network().cut_one_way(a, b) : world.network().cut(a, b);
        }
        pending_.push_back(std::move(undo));
    }

    std::vector<std::pair<sim::NodeId, sim::NodeId>> split_in_two() {
        std::vector<sim::NodeId> ids = cluster_.ids();
        rng_.shuffle(ids);
        const size_t cut = 1 + rng_.uniform(ids.size() - 1);
        std::vector<std::pair<sim::NodeId, sim::NodeId>> links;
        for (size_t i = 0; i < cut; ++i) {
            for (size_t j = cut; j < ids.size(); ++j) links.emplace_back(ids[i], ids[j]);
        }
        return links;
    }

    void undo_due() {
        sim::World& world = cluster_.world();
        std::vector<PendingUndo> keep;
        for (PendingUndo& undo : pending_) {
            if (undo.at > world.now()) {
                keep.push_back(std::move(undo));
                continue;
            }
            if (undo.kind == Undo::Restart) world.restart(undo.node);
            if (undo.kind == Undo::Resume) world.resume(undo.node);
            for (const auto& [a, b] : undo.links) {
                if (a != b) world.network().heal(a, b);
            }
        }
        pending_ = std::move(keep);
    }

    RaftCluster& cluster_;
    sim::Rng rng_;
    std::vector<PendingUndo> pending_;
};

void propose_on_every_leader(RaftCluster& cluster, int64_t* proposals) {
    for (sim::NodeId id : cluster.ids()) {
        RaftNode* node = cluster.raft(id);
        if (node == nullptr || !node->is_leader()) continue;
        if (cluster.world().node_state(id) != sim::NodeState::Running) continue;
        node->propose("p" + std::to_string(id) + "-" + std::to_string((*proposals)++));
    }
}

/// True when a leader leads, every voter has committed its whole log, and nothing
/// committed earlier is missing.
bool converged(RaftCluster& cluster) {
    const auto leader = cluster.leader();
    if (!leader) return false;
    const RaftNode& lead = *cluster.raft(*leader);
    if (lead.commit_index() != lead.last_index()) return false;
    if (lead.commit_index() < cluster.checker().max_committed()) return false;
    for (sim::NodeId id : cluster.ids()) {
        if (cluster.raft(id)->commit_index() != lead.commit_index()) return false;
    }
    return true;
}

struct SeedOutcome {
    sim::Duration convergence = 0;
    int64_t committed = 0;
    int64_t epochs = 0;
};

using ProbeCounts = std::map<std::string, uint64_t, std::less<>>;

void add_probes(RaftCluster& cluster, ProbeCounts* probes) {
    for (sim::NodeId id : cluster.ids()) {
        for (const auto& [name, count] : cluster.world().find_node(id)->probes()) {
            (*probes)[name] += count;
        }
    }
}

SeedOutcome run_seed(uint64_t seed, int voters, ProbeCounts* probes) {
    sim::Rng rng = sim::Rng(seed).child("raft-nemesis");
    RaftConfig config;
    config.snapshot_threshold_entries = rng.between(10, 80);
    // One entry a request sometimes: acks then cover old-epoch entries without the new
    // leader's LeaderChange record, the case where Raft §5.4.2's commit rule matters.
    config.max_entries_per_request = rng.chance({1, 3}) ? 1 : 64;
    RaftCluster cluster(seed, voters, config, rng.between(0, 10_ms));
    Nemesis nemesis(cluster, rng.child("faults"));
    int64_t proposals = 0;
    while (cluster.world().now() < kFaultPhase) {
        nemesis.step();
        propose_on_every_leader(cluster, &proposals);
        cluster.world().run_for(kStep);
    }
    nemesis.heal_everything();
    const sim::Time healed = cluster.world().now();
    while (!converged(cluster) && cluster.world().now() - healed <= kLivenessBound) {
        cluster.world().run_for(10_ms);
    }
    SeedOutcome outcome{cluster.world().now() - healed, cluster.checker().max_committed(),
                        static_cast<int64_t>(cluster.checker().leaders.size())};
    EXPECT_TRUE(converged(cluster)) << "seed " << seed << ": no convergence within "
                                    << sim::format_duration(kLivenessBound);
    const auto leader = cluster.leader();
    for (sim::NodeId id : cluster.ids()) {
        if (!leader) break;
        EXPECT_EQ(cluster.state_machine(id)->hash, cluster.state_machine(*leader)->hash)
            << "seed " << seed << " node " << id;
    }
    EXPECT_EQ(cluster.checker().violations, 0) << "seed " << seed;
    add_probes(cluster, probes);
    return outcome;
}

void sweep(uint64_t first_seed, int seeds, int voters) {
    sim::Duration slowest = 0;
    int64_t committed = 0;
    int64_t epochs = 0;
    ProbeCounts probes;
    for (uint64_t seed = first_seed; seed < first_seed + seeds; ++seed) {
        const SeedOutcome outcome = run_seed(seed, voters, &probes);
        slowest = std::max(slowest, outcome.convergence);
        committed += outcome.committed;
        epochs += outcome.epochs;
        if (::testing::Test::HasFailure()) return;
    }
    // Guard against a vacuous sweep: faults must cause many elections and commits.
    EXPECT_GT(epochs, 3 * seeds);
    EXPECT_GT(committed, 50 * seeds);
    // Coverage: the sweep reached every protocol state the safety argument depends on.
    for (const char* probe : {"raft-leader-resigned-no-majority",
                              "raft-pre-vote-refused-leader-alive",
                              "raft-follower-log-diverged",
                              "raft-follower-truncated-uncommitted",
                              "raft-log-compacted",
                              "raft-snapshot-sent",
                              "raft-follower-installed-snapshot"}) {
        EXPECT_GT(probes[probe], 0u) << probe;
    }
    for (const auto& [name, count] : probes) {
        std::printf("  %-60s %llu\n", name.c_str(), static_cast<unsigned long long>(count));
    }
    std::printf("%d voters, %d seeds: slowest convergence %s, %lld epochs, %lld committed\n",
                voters, seeds, sim::format_duration(slowest).c_str(),
                static_cast<long long>(epochs), static_cast<long long>(committed));
}

TEST(RaftSafety, ThreeVotersStaySafeAndRecoverUnderRandomFaults) { sweep(1, 1000, 3); }

TEST(RaftSafety, FiveVotersStaySafeAndRecoverUnderRandomFaults) { sweep(100001, 1000, 5); }

}  // namespace
}  // namespace core::controller::testing
