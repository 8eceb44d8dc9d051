#pragma once
// A client's one wake-up (the poll loop of Kafka's Sender and ConsumerNetworkClient): a
// single timer that runs the client's loop at the earliest time anyone asked for. Moved
// earlier when needed, never later: a run that comes early recomputes everything and asks
// again, so it is harmless.

#include <algorithm>
#include <functional>
#include <utility>

#include "sim/node_env.h"

namespace core::client {

class Wakeup final : public sim::TimerTarget {
 public:
    /// `run` is the client's loop; it is set once here, never per timer.
    Wakeup(sim::NodeEnv& env, std::function<void()> run) : env_(env), run_(std::move(run)) {}
    ~Wakeup() { env_.cancel_timer(timer_); }

    /// Runs the loop at `at` (of the node's clock) unless a run is already due by then.
    void at(sim::Time at) {
        if (at >= due_) return;
        env_.cancel_timer(timer_);
        due_ = at;
        timer_ = env_.start_timer(std::max<sim::Duration>(at - env_.now(), 0), *this);
    }
    /// Runs the loop from an event at the current time (after the running handler).
    void soon() { at(env_.now()); }

    void on_timer(uint64_t) override {
        timer_ = {};
        due_ = sim::kTimeNever;
        run_();
    }

 private:
    sim::NodeEnv& env_;
    std::function<void()> run_;
    sim::TimerId timer_;
    sim::Time due_ = sim::kTimeNever;
};

}  // namespace core::client
