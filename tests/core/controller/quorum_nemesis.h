#pragma once
// A seeded nemesis for the controller-quorum tests: every 0.5-1.5 s it crashes, pauses or
// isolates a controller (half the time the active one), cuts a broker from every controller
// (1-12 s, so its session sometimes expires) or crashes a broker, and undoes each fault after
// 0.3-3 s; it never faults a node that is already down, paused or cut.

#include <vector>

#include "sim/rng.h"
#include "tests/core/controller/quorum_cluster.h"

namespace core::controller::testing {

enum class NemesisUndo { Restart, Resume, Heal };

struct NemesisPendingUndo {
    sim::Time at = 0;
    NemesisUndo undo = NemesisUndo::Heal;
    sim::NodeId node = sim::kNoNode;
    std::vector<sim::NodeId> peers;
};

class QuorumNemesis {
 public:
    QuorumNemesis(QuorumCluster& c, uint64_t seed) : c_(c), rng_(seed ^ 0x6e656d65ULL) {}

    void step() {
        undo_due();
        if (c_.world().now() < next_fault_) return;
        next_fault_ = c_.world().now() + rng_.between(500, 1500) * sim::kMillisecond;
        fire();
    }
    void heal_everything() {
        for (const NemesisPendingUndo& u : pending_) undo(u);
        pending_.clear();
        c_.world().network().heal_all();
    }
    int faults() const { return faults_; }

 private:
    bool running(sim::NodeId id) {
        return c_.world().node_state(id) == sim::NodeState::Running && !busy(id);
    }
    bool busy(sim::NodeId id) const {
        for (const NemesisPendingUndo& u : pending_) {
            if (u.node == id) return true;
        }
        return false;
    }
    sim::NodeId pick_controller() {
        const int32_t active = c_.active_controller();
        if (active >= 0 && rng_.uniform(2) == 0) return active;
        return rng_.pick(c_.controller_ids());
    }
    void fire() {
        const uint64_t kind = rng_.uniform(6);
        const sim::NodeId node = kind < 3 ? pick_controller() : rng_.pick(c_.broker_ids());
        if (!running(node)) return;
        NemesisPendingUndo u;
        u.node = node;
        u.at = c_.world().now() + rng_.between(300, 3000) * sim::kMillisecond;
        switch (kind) {
            case 0:
            case 5:
                c_.world().crash(node);
                u.undo = NemesisUndo::Restart;
                break;
            case 1:
                c_.world().pause(node);
                u.undo = NemesisUndo::Resume;
                break;
            case 2:
                u.peers = c_.world().node_ids();
                cut(u);
                break;
            case 3:
            case 4:
                u.peers = c_.controller_ids();
                u.at = c_.world().now() + rng_.between(1000, 12000) * sim::kMillisecond;
                cut(u);
                break;
            default:
                KS_UNREACHABLE();
        }
        ++faults_;
        pending_.push_back(u);
    }
    void cut(NemesisPendingUndo& u) {
        u.undo = NemesisUndo::Heal;
        for (sim::NodeId peer : u.peers) {
            if (peer != u.node) c_.world().network().cut(u.node, peer);
        }
    }
    void undo(const NemesisPendingUndo& u) {
        switch (u.undo) {
            case NemesisUndo::Restart:
                c_.world().restart(u.node);
                return;
            case NemesisUndo::Resume:
                c_.world().resume(u.node);
                return;
            case NemesisUndo::Heal:
                for (sim::NodeId peer : u.peers) {
                    if (peer != u.node) c_.world().network().heal(u.node, peer);
                }
                return;
        }
    }
    void undo_due() {
        std::vector<NemesisPendingUndo> keep;
        for (const NemesisPendingUndo& u : pending_) {
            if (u.at <= c_.world().now()) {
                undo(u);
            } else {
                keep.push_back(u);
            }
        }
        pending_ = std::move(keep);
    }

    QuorumCluster& c_;
    sim::Rng rng_;
    std::vector<NemesisPendingUndo> pending_;
    sim::Time next_fault_ = 0;
    int faults_ = 0;
};

}  // namespace core::controller::testing
