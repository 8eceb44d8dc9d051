#pragma once
// RawClient: a test's protocol-level client on its own node. It sends requests with its
// own correlation ids and keeps every response by correlation id until the test takes
// it, so broker and controller tests need no client library.

#include <functional>
#include <map>
#include <memory>

#include "core/protocol/kafka_message.h"
#include "sim/node_env.h"

namespace kafkasim::test {

/// A TestCluster's raw client node; its library clients are numbered from here on.
constexpr sim::NodeId kRawClientNode = 9001;

class RawClient : public sim::Process {
 public:
    explicit RawClient(sim::NodeEnv& env) : env_(env) {}
    void on_start() override {}
    void on_timer(uint64_t) override {}
    void on_message(sim::NodeId, const sim::MessagePtr& message) override {
        const auto* kafka = dynamic_cast<const core::protocol::KafkaMessage*>(message.get());
        if (kafka == nullptr) return;
        responses_[kafka->correlation_id] = message;
        if (on_response) on_response(message);
    }
    /// Sends `request` under the next correlation id, which it returns.
    int32_t send(sim::NodeId to, std::shared_ptr<core::protocol::KafkaMessage> request) {
        request->correlation_id = next_++;
        const int32_t id = request->correlation_id;
        env_.send(to, std::move(request));
        return id;
    }
    /// The response to `correlation_id`, removed; nullptr while none arrived.
    sim::MessagePtr take(int32_t correlation_id) {
        auto it = responses_.find(correlation_id);
        if (it == responses_.end()) return nullptr;
        sim::MessagePtr message = it->second;
        responses_.erase(it);
        return message;
    }
    /// Every response not taken yet, by correlation id.
    const std::map<int32_t, sim::MessagePtr>& responses() const { return responses_; }
    /// Called with each response as it arrives (after it is kept).
    std::function<void(const sim::MessagePtr&)> on_response;

 private:
    sim::NodeEnv& env_;
    std::map<int32_t, sim::MessagePtr> responses_;
    int32_t next_ = 1;
};

}  // namespace kafkasim::test
