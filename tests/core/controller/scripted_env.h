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
    sim::TimerId start_timer(sim::Duration after, uint64_t tag) override {
        const sim::TimerId id{++next_timer_};
        timers_[id.value] = {now_ + after, tag};
        return id;
    }
    void cancel_timer(sim::TimerId timer) override { timers_.erase(timer.value); }
    void send(sim::NodeId to, sim::MessagePtr message) override {
        sent.emplace_back(to, std::move(message));
    }
    sim::Disk& disk() override { return disk_; }
    sim::Rng& rng() override { return rng_; }
    void note(std::string_view) override {}

    /// Removes the pending timer with `tag` and returns true, moving the clock to its
    /// deadline; the caller then passes the tag to the node.
    bool take_timer(uint64_t tag) {
        for (auto it = timers_.begin(); it != timers_.end(); ++it) {
            if (it->second.second != tag) continue;
            now_ = std::max(now_, it->second.first);
            timers_.erase(it);
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
    std::map<uint64_t, std::pair<sim::Time, uint64_t>> timers_;
    std::vector<sim::MessagePtr> kept_;  // keeps pointers from take_sent() alive
};

}  // namespace core::controller::testing
