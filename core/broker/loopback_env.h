#pragma once
// A NodeEnv that delivers messages a node sends to itself: in combined mode the broker
// talks to the controller it hosts (and the controller answers it) through the same
// send() as to any other node, but the network has no link from a node to itself. Such
// messages wait in a local FIFO and arrive through a zero-delay timer, so handlers still
// run to completion one at a time.

#include <deque>

#include "core/common/timer_tags.h"
#include "sim/node_env.h"

namespace core::broker {

class LoopbackEnv : public sim::NodeEnv {
 public:
    /// The timer tag of a local delivery (BrokerLifecycle component, bit 55 of the payload).
    static constexpr uint64_t kDeliveryTag =
        make_timer_tag(TimerComponent::BrokerLifecycle, uint64_t{1} << 55);

    explicit LoopbackEnv(sim::NodeEnv& env) : env_(env) {}

    sim::NodeId self() const override { return env_.self(); }
    sim::Time now() const override { return env_.now(); }
    sim::TimerId start_timer(sim::Duration after, uint64_t tag) override {
        return env_.start_timer(after, tag);
    }
    void cancel_timer(sim::TimerId timer) override { env_.cancel_timer(timer); }
    void send(sim::NodeId to, sim::MessagePtr message) override {
        if (to != env_.self()) {
            env_.send(to, std::move(message));
            return;
        }
        pending_.push_back(std::move(message));
        env_.start_timer(0, kDeliveryTag);
    }
    sim::Disk& disk() override { return env_.disk(); }
    sim::Rng& rng() override { return env_.rng(); }
    void note(std::string_view text) override { env_.note(text); }
    void probe(std::string_view name) override { env_.probe(name); }

    /// Delivers the oldest self-sent message to `process` when `tag` is a delivery.
    bool deliver(uint64_t tag, sim::Process& process) {
        if (tag != kDeliveryTag) return false;
        KS_ASSERT(!pending_.empty());
        sim::MessagePtr message = std::move(pending_.front());
        pending_.pop_front();
        process.on_message(env_.self(), message);
        return true;
    }

 private:
    sim::NodeEnv& env_;
    std::deque<sim::MessagePtr> pending_;
};

}  // namespace core::broker
