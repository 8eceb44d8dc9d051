#include "core/client/network_client.h"

#include <utility>

#include "core/client/wakeup.h"
#include "core/protocol/kafka_message.h"
#include "sim/assert.h"

namespace core::client {

NetworkClient::NetworkClient(sim::NodeEnv& env, sim::Duration request_timeout, Wakeup* wakeup)
    : env_(env), request_timeout_(request_timeout), wakeup_(wakeup) {
    KS_ASSERT(request_timeout > 0);
}

NetworkClient::~NetworkClient() {
    for (auto& [id, pending] : pending_) env_.cancel_timer(pending.timer);
}

void NetworkClient::send(sim::NodeId to, std::shared_ptr<protocol::KafkaMessage> request,
                         ResponseHandler handler, bool expect_response) {
    KS_ASSERT(request != nullptr);
    KS_ASSERT(!request->is_response());
    const int32_t correlation_id = env_.next_correlation_id();
    request->correlation_id = correlation_id;
    if (expect_response) {
        Pending pending{to, {}, std::move(handler)};
        pending.timer =
            env_.start_timer(request_timeout_, *this, static_cast<uint32_t>(correlation_id));
        pending_.emplace(correlation_id, std::move(pending));
        ++in_flight_[to];
    }
    env_.send(to, std::move(request));
}

bool NetworkClient::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    const auto* kafka = dynamic_cast<const protocol::KafkaMessage*>(message.get());
    if (kafka == nullptr || !kafka->is_response()) return false;
    // Ids are unique in the node and the network never hands an earlier incarnation's
    // response to this one, so the id alone finds the request.
    auto it = pending_.find(kafka->correlation_id);
    if (it == pending_.end() || it->second.node != from) return false;
    Pending pending = std::move(it->second);
    pending_.erase(it);
    --in_flight_[from];
    env_.cancel_timer(pending.timer);
    pending.handler(kafka, protocol::Error::NONE);
    return true;
}

void NetworkClient::on_timer(uint64_t correlation_id) {
    const auto id = static_cast<int32_t>(static_cast<uint32_t>(correlation_id));
    if (pending_.count(id) == 0) return;
    fail(id, protocol::Error::REQUEST_TIMED_OUT);
    if (wakeup_ != nullptr) wakeup_->soon();
}

void NetworkClient::on_disconnected(sim::NodeId peer) {
    std::vector<int32_t> broken;
    for (const auto& [id, pending] : pending_) {
        if (pending.node == peer) broken.push_back(id);
    }
    for (int32_t id : broken) fail(id, protocol::Error::NETWORK_EXCEPTION);
}

void NetworkClient::fail(int32_t correlation_id, protocol::Error error) {
    auto it = pending_.find(correlation_id);
    KS_ASSERT(it != pending_.end());
    Pending pending = std::move(it->second);
    pending_.erase(it);
    --in_flight_[pending.node];
    env_.cancel_timer(pending.timer);
    pending.handler(nullptr, error);
}

int NetworkClient::in_flight(sim::NodeId node) const {
    auto it = in_flight_.find(node);
    return it == in_flight_.end() ? 0 : it->second;
}

sim::NodeId NetworkClient::least_loaded(const std::vector<sim::NodeId>& candidates) {
    if (candidates.empty()) return sim::kNoNode;
    const size_t start = least_loaded_rotation_++ % candidates.size();
    sim::NodeId best = sim::kNoNode;
    int best_load = 0;
    for (size_t i = 0; i < candidates.size(); ++i) {
        const sim::NodeId node = candidates[(start + i) % candidates.size()];
        const int load = in_flight(node);
        if (best == sim::kNoNode || load < best_load) {
            best = node;
            best_load = load;
        }
    }
    return best;
}

}  // namespace core::client
