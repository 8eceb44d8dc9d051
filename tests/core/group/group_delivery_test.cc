// Delivery guarantees of consumer groups under faults, over many seeds: consumers crash
// and restart, pause past their session (zombies), and brokers — the coordinator among
// them — crash and come back. Checked on every seed:
// - at-least-once (commit after processing): every acknowledged record is processed;
// - at-most-once (commit before processing): no record is processed twice;
// - within one generation no partition is owned by two members, and after the faults
//   heal the live members own every partition;
// - the group's committed offset of each partition never goes backwards (sampled from
//   whichever broker coordinates the group, across coordinator failovers).

#include <cstdio>
#include <cstdlib>

#include "sim/rng.h"
#include "tests/core/group/group_cluster.h"

namespace kafkasim_test {
namespace {

constexpr int32_t kPartitions = 3;
constexpr int kConsumers = 3;

struct SweepResult {
    std::set<std::string> acked;
    std::map<std::string, int> processed;
    bool overlap = false;
    bool regressed = false;
    bool all_owned_at_end = false;
    std::string detail;
    int32_t max_generation = -1;
    size_t rejected_commits = 0;
    size_t commits = 0;
};

/// Partitions owned by two members in the same generation, from the ownership log.
bool has_overlap(const GroupLog& log, std::string* detail) {
    std::map<int32_t, std::map<sim::NodeId, std::set<TopicPartition>>> by_generation;
    for (const auto& o : log.ownership) {
        if (o.generation < 0) continue;
        by_generation[o.generation][o.member].insert(o.owned.begin(), o.owned.end());
    }
    for (const auto& [generation, members] : by_generation) {
        std::map<TopicPartition, sim::NodeId> owner;
        for (const auto& [member, parts] : members) {
            for (const auto& tp : parts) {
                auto [it, fresh] = owner.emplace(tp, member);
                if (!fresh) {
                    *detail = tp.str() + " owned by " + std::to_string(it->second) + " and " +
                              std::to_string(member) + " in generation " +
                              std::to_string(generation);
                    return true;
                }
            }
        }
    }
    return false;
}

void inject_fault(GroupCluster& c, sim::Rng& rng, std::vector<std::pair<sim::Time, sim::NodeId>>&
                                                      restarts) {
    const sim::Time now = c.world().now();
    const uint64_t kind = rng.uniform(4);
    if (std::getenv("KGROUP_DEBUG") != nullptr) {
        const auto* g = c.group_on_coordinator("g");
        std::printf("t=%lld fault %llu coordinator %d generation %d state %s\n",
                    static_cast<long long>(now / kMillisecond),
                    static_cast<unsigned long long>(kind), c.coordinator_of("g"),
                    g ? g->generation_id : -1,
                    g ? std::string(group::group_state_name(g->state())).c_str() : "-");
    }
    if (kind == 0) {  // consumer crash, restarted later
        const sim::NodeId id = kFirstConsumer + static_cast<sim::NodeId>(rng.uniform(kConsumers));
        if (c.world().crash(id)) restarts.push_back({now + rng.between(1, 4) * kSecond, id});
    } else if (kind == 1) {  // consumer pause past (or within) its session
        const sim::NodeId id = kFirstConsumer + static_cast<sim::NodeId>(rng.uniform(kConsumers));
        if (c.world().pause(id)) restarts.push_back({now + rng.between(1, 9) * kSecond, -id});
    } else if (kind == 2) {  // the coordinator's broker crashes
        const int32_t id = c.coordinator_of("g");
        if (id > 0 && c.world().crash(id)) restarts.push_back({now + 3 * kSecond, id});
    } else {  // any broker crashes
        const sim::NodeId id = 1 + static_cast<sim::NodeId>(rng.uniform(3));
        if (c.world().crash(id)) restarts.push_back({now + 3 * kSecond, id});
    }
}

void summarize(uint64_t seed, const GroupLog& log, SweepResult& result) {
    for (const auto& o : log.ownership) {
        result.max_generation = std::max(result.max_generation, o.generation);
    }
    result.rejected_commits = log.rejected_commits.size();
    result.commits = log.commits.size();
    std::printf("seed %llu: acked %zu processed %zu generations %d commits %zu rejected %zu\n",
                static_cast<unsigned long long>(seed), result.acked.size(),
                result.processed.size(), result.max_generation, result.commits,
                result.rejected_commits);
}

SweepResult run_seed(uint64_t seed, CommitStrategy strategy, const std::string& assignor) {
    GroupCluster c(seed);
    c.create_topic("t", kPartitions, 3);
    std::vector<sim::NodeId> ids;
    for (int i = 0; i < kConsumers; ++i) {
        ConsumerAppOptions options;
        options.strategy = strategy;
        options.assignors = {assignor};
        ids.push_back(c.add_consumer(options));
    }
    sim::Rng rng(seed * 7919 + 17);
    std::vector<std::pair<sim::Time, sim::NodeId>> restarts;
    std::map<TopicPartition, Offset> last_committed;
    SweepResult result;
    auto sample_commits = [&] {
        const auto* g = c.group_on_coordinator("g");
        if (g == nullptr) return;
        for (const auto& [tp, value] : g->offsets) {
            Offset& last = last_committed[tp];
            if (value.committed_offset < last) {
                result.regressed = true;
                result.detail = tp.str() + " went back from " + std::to_string(last) + " to " +
                                std::to_string(value.committed_offset);
            }
            last = std::max(last, value.committed_offset);
        }
    };
    auto heal_due = [&](bool all) {
        for (auto it = restarts.begin(); it != restarts.end();) {
            if (!all && it->first > c.world().now()) {
                ++it;
                continue;
            }
            if (it->second < 0) {
                c.world().resume(-it->second);
            } else {
                c.world().restart(it->second);
            }
            it = restarts.erase(it);
        }
    };
    for (int step = 0; step < 60; ++step) {  // 30 s of load and faults
        c.produce("t", kPartitions, 6, "v");
        if (step % 6 == 5) inject_fault(c, rng, restarts);
        for (int k = 0; k < 5; ++k) {
            c.run_for(100 * kMillisecond);
            sample_commits();
        }
        heal_due(false);
    }
    heal_due(true);
    for (int k = 0; k < 250; ++k) {  // 25 s drain
        c.run_for(100 * kMillisecond);
        sample_commits();
    }
    result.acked = c.producer().acked;
    result.processed = c.log.processed;
    result.overlap = has_overlap(c.log, &result.detail);
    std::set<TopicPartition> owned;
    for (sim::NodeId id : ids) {
        ConsumerApp* app = c.consumer(id);
        if (app == nullptr) continue;
        owned.insert(app->member().owned().begin(), app->member().owned().end());
    }
    result.all_owned_at_end = owned.size() == kPartitions;
    summarize(seed, c.log, result);
    return result;
}

TEST(GroupDelivery, AtLeastOnceLosesNothingAcrossConsumerCrashesAndCoordinatorFailover) {
    const std::vector<std::string> assignors = {"range", "roundrobin", "cooperative-sticky"};
    for (uint64_t seed = 1; seed <= 40; ++seed) {
        const std::string& assignor = assignors[seed % assignors.size()];
        SweepResult r = run_seed(seed, CommitStrategy::AfterProcessing, assignor);
        EXPECT_GT(r.acked.size(), 50u) << "seed " << seed;
        for (const auto& value : r.acked) {
            EXPECT_GE(r.processed[value], 1) << "seed " << seed << " lost " << value;
        }
        EXPECT_FALSE(r.overlap) << "seed " << seed << ": " << r.detail;
        EXPECT_FALSE(r.regressed) << "seed " << seed << ": " << r.detail;
        EXPECT_TRUE(r.all_owned_at_end) << "seed " << seed << " " << assignor;
    }
}

TEST(GroupDelivery, AtMostOnceNeverProcessesARecordTwice) {
    for (uint64_t seed = 101; seed <= 130; ++seed) {
        SweepResult r = run_seed(seed, CommitStrategy::BeforeProcessing, "range");
        for (const auto& [value, times] : r.processed) {
            EXPECT_EQ(times, 1) << "seed " << seed << " processed " << value << " twice";
        }
        EXPECT_FALSE(r.overlap) << "seed " << seed << ": " << r.detail;
        EXPECT_FALSE(r.regressed) << "seed " << seed << ": " << r.detail;
        EXPECT_TRUE(r.all_owned_at_end) << "seed " << seed;
    }
}

}  // namespace
}  // namespace kafkasim_test
