#pragma once
// A scripted sim::NodeEnv for driving one RaftNode by hand: it records what the node
// sends and which timers it starts, and lets a test fire timers and inspect the disk.

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/node_env.h"

namespace core::controller::testing {

class ScriptedEnv final : public sim::NodeEnv {
   public:
    explicit ScriptedEnv(sim::NodeId self, uint64_t seed = 1) : self_(self), rng_(seed) {}

    sim::NodeId self() const override { return self_; }
    sim::Time now() const override { return now_; }
    sim::TimerId schedule_timer(sim::Duration after, uint64_t target, uint64_t payload) override {
        const sim::TimerId id{++next_timer_};
        timers_[id.value] = {now_ + after, target, payload};
        return id;
    }
    void cancel_timer(sim::TimerId timer) override { timers_.erase(timer.value); }
    void send(sim::NodeId to, sim::MessagePtr message) override {
        sent.emplace_back(to, std::move(message));
    }
    sim::Disk& disk() override { return disk_; }
    sim::Rng& rng() override { return rng_; }
    void note(std::string_view) override {}

    /// Fires the first pending timer whose payload is `payload`, moving the clock to its
    /// deadline; false when there is none.
    bool fire_timer_with(uint64_t payload) {
        for (auto it = timers_.begin(); it != timers_.end(); ++it) {
            if (it->second.payload != payload) continue;
            const Pending due = it->second;
            now_ = std::max(now_, due.at);
            timers_.erase(it);
            fire_timer(due.target, due.payload);
            return true;
        }
        return false;
    }
    void advance(sim::Duration by) { now_ += by; }

    /// The messages of type T sent since the last call, with their targets; clears `sent`.
    template <typename T>
    std::vector<std::pair<sim::NodeId, const T*>> take_sent() {
        std::vector<std::pair<sim::NodeId, const T*>> out;
        for (auto& [to, message] : sent) {
            kept_.push_back(message);
            if (const auto* typed = dynamic_cast<const T*>(message.get())) {
                out.emplace_back(to, typed);
            }
        }
        sent.clear();
        return out;
    }

    std::vector<std::pair<sim::NodeId, sim::MessagePtr>> sent;

   private:
    sim::NodeId self_;
    sim::Time now_ = 0;
    sim::Rng rng_;
    sim::Disk disk_{sim::DiskOptions{0}};  // fsyncs complete at once: answers leave at once
    uint64_t next_timer_ = 0;
    struct Pending {
        sim::Time at;
        uint64_t target;
        uint64_t payload;
    };
    std::map<uint64_t, Pending> timers_;
    std::vector<sim::MessagePtr> kept_;  // keeps pointers from take_sent() alive
};

}  // namespace core::controller::testing
