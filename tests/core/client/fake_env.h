#pragma once
// A scripted NodeEnv for client unit tests: time moves only when the test says, timers
// and sends are recorded, and the test plays the brokers by answering sent requests.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/protocol/kafka_message.h"
#include "sim/disk.h"
#include "sim/node_env.h"
#include "sim/rng.h"

namespace core::client::testing {

class FakeEnv final : public sim::NodeEnv {
   public:
    struct Sent {
        sim::NodeId to;
        sim::MessagePtr message;
    };

    sim::NodeId self() const override { return 1000; }
    sim::Time now() const override { return now_; }
    sim::TimerId schedule_timer(sim::Duration after, uint64_t target, uint64_t payload) override {
        const uint64_t id = next_timer_++;
        timers_[id] = {now_ + after, target, payload};
        return sim::TimerId{id};
    }
    void cancel_timer(sim::TimerId timer) override { timers_.erase(timer.value); }
    void send(sim::NodeId to, sim::MessagePtr message) override {
        sent.push_back({to, std::move(message)});
    }
    sim::Disk& disk() override { return disk_; }
    sim::Rng& rng() override { return rng_; }
    void note(std::string_view) override {}

    /// Advances to `until`, firing due timers in (time, id) order at their targets.
    void advance_to(sim::Time until) {
        while (true) {
            auto next = timers_.end();
            for (auto it = timers_.begin(); it != timers_.end(); ++it) {
                if (it->second.at <= until &&
                    (next == timers_.end() || it->second.at < next->second.at)) {
                    next = it;
                }
            }
            if (next == timers_.end()) break;
            now_ = std::max(now_, next->second.at);
            const Pending due = next->second;
            timers_.erase(next);
            fire_timer(due.target, due.payload);
        }
        now_ = until;
    }

    /// Sent requests of type T not yet taken, removed from `sent`.
    template <typename T>
    std::vector<std::pair<sim::NodeId, std::shared_ptr<const T>>> take() {
        std::vector<std::pair<sim::NodeId, std::shared_ptr<const T>>> found;
        std::vector<Sent> rest;
        for (auto& s : sent) {
            if (auto typed = std::dynamic_pointer_cast<const T>(s.message)) {
                found.emplace_back(s.to, typed);
            } else {
                rest.push_back(std::move(s));
            }
        }
        sent = std::move(rest);
        return found;
    }

    std::vector<Sent> sent;

   private:
    sim::Time now_ = 0;
    uint64_t next_timer_ = 1;
    struct Pending {
        sim::Time at;
        uint64_t target;
        uint64_t payload;
    };
    std::map<uint64_t, Pending> timers_;
    sim::Disk disk_;
    sim::Rng rng_{42};
};

/// A response to `request`, correlation id echoed.
template <typename Response, typename Request>
std::shared_ptr<Response> reply_to(const Request& request) {
    auto response = std::make_shared<Response>();
    response->correlation_id = request.correlation_id;
    return response;
}

}  // namespace core::client::testing
