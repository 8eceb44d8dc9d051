#pragma once
// Test support for the controller quorum: RaftNodes hosted in sim::Processes of one
// sim::World, a small state machine, and a checker that watches every election and every
// commit for Election Safety and State Machine Safety as they happen.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/controller/raft_node.h"
#include "sim/rng.h"
#include "sim/world.h"

namespace core::controller::testing {

/// Applies entries by folding them into a hash; the snapshot is (count, last index, hash).
class HashStateMachine final : public RaftStateMachine {
   public:
    void apply(int64_t index, const std::string& payload) override {
        EXPECT_GT(index, last_index);
        last_index = index;
        ++count;
        hash = sim::fnv1a64(payload, hash ^ static_cast<uint64_t>(index));
    }
    std::string snapshot() const override {
        return std::to_string(count) + " " + std::to_string(last_index) + " " +
               std::to_string(hash);
    }
    void restore(const std::string& data) override {
        const size_t first = data.find(' ');
        const size_t second = data.find(' ', first + 1);
        count = std::stoll(data.substr(0, first));
        last_index = std::stoll(data.substr(first + 1, second - first - 1));
        hash = std::stoull(data.substr(second + 1));
    }

    void on_leader_change(std::optional<sim::NodeId> new_leader, int64_t epoch) override {
        EXPECT_GE(epoch, leader_epoch);
        leader = new_leader;
        leader_epoch = epoch;
        ++leader_changes;
    }

    int64_t count = 0;
    int64_t last_index = 0;
    uint64_t hash = 0;
    std::optional<sim::NodeId> leader;
    int64_t leader_epoch = 0;
    int leader_changes = 0;
};

/// Records elections and commits of every node, across restarts, and checks:
/// - Election Safety: at most one node becomes leader in any epoch;
/// - State Machine Safety / Log Matching: every node commits, at each index, the same
///   (epoch, payload) as every other node ever did, and commits indices in order.
class QuorumChecker final : public RaftObserver {
   public:
    void on_became_leader(sim::NodeId node, int64_t epoch) override {
        auto [it, inserted] = leaders.emplace(epoch, node);
        if (!inserted) {
            ADD_FAILURE() << "two leaders in epoch " << epoch << ": " << it->second << " and "
                          << node;
            ++violations;
        }
    }
    void on_committed(sim::NodeId node, const CommittedEntry& entry) override {
        auto [it, inserted] = committed.emplace(entry.index, entry);
        if (!inserted && (it->second.epoch != entry.epoch ||
                          it->second.payload_hash != entry.payload_hash)) {
            ADD_FAILURE() << "node " << node << " committed index " << entry.index
                          << " epoch " << entry.epoch << ", another committed epoch "
                          << it->second.epoch;
            ++violations;
        }
        auto last = node_last_committed.find(node);
        if (last != node_last_committed.end() && last->second + 1 != entry.index) {
            ADD_FAILURE() << "node " << node << " committed " << entry.index << " after "
                          << last->second;
            ++violations;
        }
        node_last_committed[node] = entry.index;
    }
    void on_snapshot_installed(sim::NodeId node, int64_t index, int64_t epoch) override {
        auto it = committed.find(index);
        if (it == committed.end() || it->second.epoch != epoch) {
            ADD_FAILURE() << "node " << node << " installed a snapshot at " << index
                          << " that no node committed in epoch " << epoch;
            ++violations;
        }
        node_last_committed[node] = index;
    }
    /// A (re)started node resumes committing after its snapshot.
    void on_node_started(sim::NodeId node, int64_t snapshot_index) {
        node_last_committed[node] = snapshot_index;
    }
    int64_t max_committed() const {
        return committed.empty() ? 0 : committed.rbegin()->first;
    }

    std::map<int64_t, sim::NodeId> leaders;
    std::map<int64_t, CommittedEntry> committed;
    std::map<sim::NodeId, int64_t> node_last_committed;
    int violations = 0;
};

/// The host Process: everything it receives goes to Raft.
class RaftProcess final : public sim::Process {
   public:
    RaftProcess(sim::NodeEnv& env, const RaftConfig& config, QuorumChecker& checker)
        : raft(env, config, state_machine), checker_(checker), self_(env.self()) {
        raft.set_observer(&checker);
    }
    void on_start() override {
        raft.on_start();
        checker_.on_node_started(self_, raft.snapshot_index());
    }
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override {
        EXPECT_TRUE(raft.on_message(from, message));
    }

    HashStateMachine state_machine;
    RaftNode raft;

   private:
    QuorumChecker& checker_;
    sim::NodeId self_;
};

/// A World running one RaftProcess per voter (ids 1..voters).
class RaftCluster {
   public:
    RaftCluster(uint64_t seed, int voters, RaftConfig config,
                sim::Duration fsync_latency = 2 * sim::kMillisecond)
        : config_(std::move(config)) {
        sim::WorldOptions options;
        options.seed = seed;
        options.disk.fsync_latency_ns = fsync_latency;
        options.network.one_way_latency_ns_mean = sim::kMillisecond;
        options.network.jitter_ns = 300 * sim::kMicrosecond;
        world_ = std::make_unique<sim::World>(options);
        for (sim::NodeId id = 1; id <= voters; ++id) config_.voters.push_back(id);
        for (sim::NodeId id : config_.voters) {
            world_->add_node(id, "controller-" + std::to_string(id), [this](sim::NodeEnv& env) {
                return std::make_unique<RaftProcess>(env, config_, checker_);
            });
        }
    }

    sim::World& world() { return *world_; }
    QuorumChecker& checker() { return checker_; }
    const std::vector<sim::NodeId>& ids() const { return config_.voters; }
    /// The running (maybe paused) node's Raft, or nullptr when it is down.
    RaftNode* raft(sim::NodeId id) {
        auto* process = world_->process_as<RaftProcess>(id);
        return process == nullptr ? nullptr : &process->raft;
    }
    HashStateMachine* state_machine(sim::NodeId id) {
        auto* process = world_->process_as<RaftProcess>(id);
        return process == nullptr ? nullptr : &process->state_machine;
    }
    /// The running leader with the highest epoch, if any.
    std::optional<sim::NodeId> leader() {
        std::optional<sim::NodeId> found;
        int64_t best = -1;
        for (sim::NodeId id : ids()) {
            RaftNode* node = raft(id);
            if (node == nullptr || world_->node_state(id) != sim::NodeState::Running) continue;
            if (node->is_leader() && node->epoch() > best) {
                best = node->epoch();
                found = id;
            }
        }
        return found;
    }
    /// Runs until some node leads, at most `limit`; returns it.
    std::optional<sim::NodeId> await_leader(sim::Duration limit) {
        const sim::Time end = world_->now() + limit;
        while (world_->now() < end) {
            if (auto id = leader()) return id;
            world_->run_for(10 * sim::kMillisecond);
        }
        return leader();
    }
    /// Isolates `id` from every other voter (both directions).
    void isolate(sim::NodeId id) {
        for (sim::NodeId other : ids()) {
            if (other != id) world_->network().cut(id, other);
        }
    }

   private:
    RaftConfig config_;
    QuorumChecker checker_;
    std::unique_ptr<sim::World> world_;
};

}  // namespace core::controller::testing
