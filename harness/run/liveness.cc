// The liveness phase: heal at `after`, poll every 100ms, and name what never converged.
//
// A condition counts as reached when it held at one poll of the window, each on its own:
// producers may still write until `duration`, so the high watermark and a consumer's
// position trail the log end offset by the records in flight, and requiring every
// condition at one instant would fail healthy runs by chance. A cluster that never
// recovers (a replica that never rejoins the ISR, a group that never stabilises, a
// consumer that stops reading) still never meets its condition, which is what liveness
// is about.
#include "harness/run/liveness.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/broker/broker.h"
#include "core/broker/partition.h"
#include "core/broker/replica_manager.h"
#include "core/group/group_coordinator.h"
#include "core/group/group_metadata.h"
#include "harness/run/cluster.h"
#include "harness/scenario/scenario.h"
#include "harness/workload/consumer.h"
#include "sim/world.h"

namespace harness {
namespace {

using core::broker::Broker;

std::string ids(std::vector<int32_t> list) {
    std::sort(list.begin(), list.end());
    return fmt::format("[{}]", fmt::join(list, ","));
}

/// The running broker with the freshest metadata image; nullptr when none runs.
Broker* freshest_broker(RunCluster& cluster) {
    Broker* freshest = nullptr;
    for (sim::NodeId id : cluster.brokers()) {
        auto* broker = cluster.world().process_as<Broker>(id);
        if (broker == nullptr || cluster.world().node_state(id) != sim::NodeState::Running) {
            continue;
        }
        if (freshest == nullptr || broker->metadata_offset() > freshest->metadata_offset()) {
            freshest = broker;
        }
    }
    return freshest;
}

/// The leader's replica of `tp` when the image's leader runs and acts as leader.
core::broker::Partition* leader_replica(RunCluster& cluster, const core::TopicPartition& tp,
                                        int32_t leader) {
    if (leader < 0 || cluster.world().node_state(leader) != sim::NodeState::Running) {
        return nullptr;
    }
    auto* broker = cluster.world().process_as<Broker>(leader);
    if (broker == nullptr) return nullptr;
    auto* partition = broker->replica_manager().partition(tp);
    if (partition == nullptr || partition->role() != core::broker::ReplicaRole::Leader) {
        return nullptr;
    }
    return partition;
}

/// Leader, full ISR and high watermark of every partition the image knows; records each
/// partition's log end offset for the lag conditions.
void partition_conditions(RunCluster& cluster, const Broker& freshest,
                          std::map<core::TopicPartition, core::Offset>& log_end_offsets,
                          std::vector<LivenessCondition>& out) {
    for (const auto& [id, topic] : freshest.image().topics()) {
        for (const auto& [p, registration] : topic.partitions) {
            const core::TopicPartition tp{topic.name, p};
            const std::string name = "partition " + tp.str();
            auto* leader = leader_replica(cluster, tp, registration.leader);
            out.push_back({"leader " + tp.str(),
                           leader != nullptr ? "" : name + " has no acting leader"});
            std::set<int32_t> isr(registration.isr.begin(), registration.isr.end());
            std::set<int32_t> replicas(registration.replicas.begin(),
                                       registration.replicas.end());
            out.push_back({"isr " + tp.str(),
                           isr == replicas ? ""
                                           : fmt::format("{} ISR {} is not the full replica "
                                                         "set {}",
                                                         name, ids(registration.isr),
                                                         ids(registration.replicas))});
            if (leader == nullptr) continue;
            log_end_offsets[tp] = leader->log_end_offset();
            const bool reached = leader->high_watermark() >= leader->log_end_offset();
            out.push_back({"high watermark " + tp.str(),
                           reached ? ""
                                   : fmt::format("{} high watermark {} is below the log end "
                                                 "offset {}",
                                                 name, leader->high_watermark(),
                                                 leader->log_end_offset())});
        }
    }
}

const core::group::GroupMetadata* coordinator_view(RunCluster& cluster,
                                                   const std::string& group) {
    for (sim::NodeId id : cluster.brokers()) {
        if (cluster.world().node_state(id) != sim::NodeState::Running) continue;
        auto* broker = cluster.world().process_as<Broker>(id);
        if (broker == nullptr) continue;
        if (const auto* metadata = broker->group_coordinator().group(group)) return metadata;
    }
    return nullptr;
}

std::string group_unmet(const core::group::GroupMetadata* metadata, const ConsumerSpec& spec,
                        int32_t partitions) {
    if (metadata == nullptr) return "group " + spec.group + " has no loaded coordinator";
    if (!metadata->is(core::group::GroupState::Stable)) {
        return fmt::format("group {} is {}, not Stable", spec.group,
                           core::group::group_state_name(metadata->state()));
    }
    std::set<int32_t> owned;
    for (const auto& [member_id, member] : metadata->members) {
        for (const core::TopicPartition& tp : member.assignment.assigned_partitions) {
            if (tp.topic == spec.topic) owned.insert(tp.partition);
        }
    }
    std::vector<int32_t> unowned;
    for (int32_t p = 0; p < partitions; ++p) {
        if (owned.count(p) == 0) unowned.push_back(p);
    }
    if (unowned.empty()) return "";
    return fmt::format("group {} is Stable but leaves partitions {} of {} unowned", spec.group,
                       ids(unowned), spec.topic);
}

/// The furthest position any running member of the consumer has on `tp`.
std::optional<core::Offset> best_position(RunCluster& cluster, const ConsumerSpec& spec,
                                          const core::TopicPartition& tp) {
    std::optional<core::Offset> best;
    for (int32_t member = 1; member <= spec.members; ++member) {
        const std::optional<sim::NodeId> node = cluster.consumer_node(spec.group, member);
        if (!node || cluster.world().node_state(*node) != sim::NodeState::Running) continue;
        auto* app = cluster.world().process_as<ConsumerApp>(*node);
        if (app == nullptr || app->consumer() == nullptr) continue;
        const auto assigned = app->consumer()->assignment();
        if (std::find(assigned.begin(), assigned.end(), tp) == assigned.end()) continue;
        const std::optional<core::Offset> position = app->consumer()->position(tp);
        if (position && (!best || *position > *best)) best = position;
    }
    return best;
}

void consumer_conditions(RunCluster& cluster, const Scenario& scenario, const Broker& freshest,
                         const std::map<core::TopicPartition, core::Offset>& log_end_offsets,
                         std::vector<LivenessCondition>& out) {
    for (const ConsumerSpec& spec : scenario.consumers) {
        const auto* topic = freshest.image().topic(spec.topic);
        const int32_t partitions = topic == nullptr ? 0
                                                    : static_cast<int32_t>(
                                                          topic->partitions.size());
        const core::group::GroupMetadata* metadata = nullptr;
        if (!spec.partition) {
            metadata = coordinator_view(cluster, spec.group);
            out.push_back({"group " + spec.group, group_unmet(metadata, spec, partitions)});
        }
        for (int32_t p = 0; p < partitions; ++p) {
            if (spec.partition && *spec.partition != p) continue;
            const core::TopicPartition tp{spec.topic, p};
            auto end = log_end_offsets.find(tp);
            if (end == log_end_offsets.end()) continue;  // no leader: reported above
            std::optional<core::Offset> committed;
            if (metadata != nullptr) {
                auto it = metadata->offsets.find(tp);
                if (it != metadata->offsets.end()) committed = it->second.committed_offset;
            }
            const std::optional<core::Offset> position = best_position(cluster, spec, tp);
            const bool drained = (committed && *committed >= end->second) ||
                                 (position && *position >= end->second);
            auto text = [](std::optional<core::Offset> o) {
                return o ? std::to_string(*o) : std::string("none");
            };
            out.push_back({"lag " + spec.group + " " + tp.str(),
                           drained ? ""
                                   : fmt::format("group {} lag on {} is not 0 (committed {}, "
                                                 "position {}, log end offset {})",
                                                 spec.group, tp.str(), text(committed),
                                                 text(position), end->second)});
        }
    }
}

}  // namespace

std::vector<LivenessCondition> liveness_conditions(RunCluster& cluster,
                                                   const Scenario& scenario) {
    std::vector<LivenessCondition> out;
    const Broker* freshest = freshest_broker(cluster);
    if (freshest == nullptr) return {{"brokers", "no broker is running"}};
    std::map<core::TopicPartition, core::Offset> log_end_offsets;
    partition_conditions(cluster, *freshest, log_end_offsets, out);
    consumer_conditions(cluster, scenario, *freshest, log_end_offsets, out);
    return out;
}

LivenessMonitor::LivenessMonitor(RunCluster& cluster, const Scenario& scenario,
                                 sim::Time workload_start,
                                 std::function<void(bool heal_faults)> heal)
    : cluster_(cluster), scenario_(scenario), heal_(std::move(heal)) {
    KS_ASSERT(scenario.liveness.has_value());
    after_ = workload_start + scenario.liveness->after;
    deadline_ = after_ + scenario.liveness->within;
    KS_ASSERT(after_ >= cluster.world().now());
    cluster.world().loop().schedule_at(after_, this, 0, kHeal);
    cluster.world().loop().schedule_at(std::min(after_ + kPollInterval, deadline_), this, 0,
                                       kPoll);
}

LivenessMonitor::~LivenessMonitor() = default;

void LivenessMonitor::on_event(uint64_t, uint64_t b) {
    switch (b) {
        case kHeal: heal_everything(); break;
        case kPoll: poll(); break;
        default: KS_UNREACHABLE();
    }
}

void LivenessMonitor::heal_everything() {
    sim::World& world = cluster_.world();
    world.note("liveness: heal");
    heal_(scenario_.liveness->heal);
    if (!scenario_.liveness->heal) return;
    // A node a fault left down (or one whose fault already ended without bringing it
    // back) comes back too: liveness asks whether the cluster recovers once allowed to.
    for (sim::NodeId id : world.node_ids()) {
        if (world.node_state(id) == sim::NodeState::Crashed) world.restart(id);
        if (world.node_state(id) == sim::NodeState::Paused) world.resume(id);
    }
}

void LivenessMonitor::poll() {
    if (finished_) return;
    const sim::Time now = cluster_.world().now();
    last_poll_ = now;
    last_unmet_.clear();
    for (const LivenessCondition& condition : liveness_conditions(cluster_, scenario_)) {
        bool& held = held_[condition.key];
        if (condition.unmet.empty()) {
            held = true;
        } else {
            last_unmet_[condition.key] = condition.unmet;
        }
    }
    const bool all_held = std::all_of(held_.begin(), held_.end(),
                                      [](const auto& entry) { return entry.second; });
    if (all_held && !held_.empty()) {
        converged_at_ = now;
        finished_ = true;
        cluster_.world().note("liveness: converged");
        return;
    }
    if (now >= deadline_) {
        finished_ = true;
        return;
    }
    cluster_.world().loop().schedule_at(std::min(now + kPollInterval, deadline_), this, 0,
                                        kPoll);
}

std::vector<std::string> LivenessMonitor::unmet() const {
    std::vector<std::string> out;
    if (converged_at_) return out;
    for (const auto& [key, held] : held_) {
        if (held) continue;
        auto it = last_unmet_.find(key);
        const std::string why = it != last_unmet_.end() ? it->second : key + " never held";
        out.push_back(fmt::format("{} at {}.{:03}s", why, last_poll_ / sim::kSecond,
                                  (last_poll_ % sim::kSecond) / sim::kMillisecond));
    }
    if (out.empty() && !finished_) out.push_back("the run ended before the liveness deadline");
    return out;
}

}  // namespace harness
