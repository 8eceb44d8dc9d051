#include "harness/run/quorum_watch.h"

#include <fmt/format.h>

#include <algorithm>

#include "harness/run/cluster.h"
#include "sim/world.h"

namespace harness {
namespace {

std::string seconds(sim::Duration d) {
    const char* sign = d < 0 ? "-" : "";
    if (d < 0) d = -d;
    return fmt::format("{}{}.{:03}s", sign, d / sim::kSecond,
                       (d % sim::kSecond) / sim::kMillisecond);
}

}  // namespace

QuorumWatch::QuorumWatch(RunCluster& cluster, sim::Time workload_start)
    : cluster_(cluster), workload_start_(workload_start), voters_(cluster.controllers()) {
    KS_ASSERT(!voters_.empty());
}

QuorumWatch::~QuorumWatch() = default;

sim::TargetResolver QuorumWatch::resolver() {
    return [this](std::string_view target) {
        std::vector<sim::NodeId> nodes = cluster_.resolve(target);
        const bool voter = std::any_of(nodes.begin(), nodes.end(), [&](sim::NodeId id) {
            return std::find(voters_.begin(), voters_.end(), id) != voters_.end();
        });
        if (voter && notes_.size() < kMaxNotes) {
            targets_.push_back(target.empty() ? std::string("every node") : std::string(target));
            cluster_.world().loop().schedule_at(cluster_.world().now(), this,
                                                targets_.size() - 1);
        }
        return nodes;
    };
}

bool QuorumWatch::any_voter_running() const {
    return std::any_of(voters_.begin(), voters_.end(), [&](sim::NodeId id) {
        return cluster_.world().node_state(id) == sim::NodeState::Running;
    });
}

void QuorumWatch::on_event(uint64_t a, uint64_t) {
    KS_ASSERT(a < targets_.size());
    const bool down = !any_voter_running();
    if (down && !down_ && notes_.size() < kMaxNotes) {
        const sim::Time now = cluster_.world().now();
        notes_.push_back(fmt::format(
            "at {} (workload {}): a fault on {} left none of the quorum's {} controller "
            "voter{} running: no controller elections, broker registrations or producer ids "
            "until one returns",
            seconds(now), seconds(now - workload_start_), targets_[a], voters_.size(),
            voters_.size() == 1 ? "" : "s"));
    }
    down_ = down;
}

}  // namespace harness
