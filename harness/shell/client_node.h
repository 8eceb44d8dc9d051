#pragma once
// A simulated node that only hosts one of Kafka's clients (the admin client behind
// kafka-topics, the producer behind kafka-console-producer) and routes the world's
// messages and timers to it; the shell drives the client from outside.

#include <functional>
#include <memory>

#include "sim/node.h"
#include "sim/node_env.h"

namespace harness::shell {

template <typename Client>
class ClientNode final : public sim::Process {
   public:
    using MakeClient = std::function<std::unique_ptr<Client>(sim::NodeEnv&)>;

    ClientNode(sim::NodeEnv& env, const MakeClient& make) : client_(make(env)) {}

    Client& client() { return *client_; }

    void on_start() override {}
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override {
        client_->on_message(from, message);
    }
    void on_disconnected(sim::NodeId peer) override { client_->on_disconnected(peer); }

   private:
    std::unique_ptr<Client> client_;
};

}  // namespace harness::shell
