#include "core/client/network_client.h"

#include <utility>

#include "core/protocol/kafka_message.h"
#include "sim/assert.h"

namespace core::client {

namespace {
/// Late responses we remember to drop; older ones are forgotten (their ids never recur).
constexpr size_t kMaxAbandoned = 4096;
/// Correlation ids of clients sharing a Process must differ: each client numbers from
/// its own block of 2^24 ids, picked by its tag base.
int32_t first_correlation_id(uint64_t tag_base) {
    return static_cast<int32_t>(((tag_base / NetworkClient::kClientTagSpan) % 127) << 24) + 1;
}
}  // namespace

NetworkClient::NetworkClient(sim::NodeEnv& env, uint64_t tag_base, sim::Duration request_timeout)
    : env_(env),
      tag_base_(tag_base),
      request_timeout_(request_timeout),
      next_correlation_id_(first_correlation_id(tag_base)) {
    KS_ASSERT(request_timeout > 0);
    // A restarted node starts elsewhere in its block, so responses still in flight to its
    // previous incarnation do not match this one's requests.
    next_correlation_id_ += static_cast<int32_t>(env_.rng().uniform(1 << 20));
}

NetworkClient::~NetworkClient() {
    for (auto& [id, pending] : pending_) env_.cancel_timer(pending.timer);
}

void NetworkClient::send(sim::NodeId to, std::shared_ptr<protocol::KafkaMessage> request,
                         ResponseHandler handler, bool expect_response) {
    KS_ASSERT(request != nullptr);
    KS_ASSERT(!request->is_response());
    const int32_t correlation_id = next_correlation_id_++;
    request->correlation_id = correlation_id;
    if (expect_response) {
        Pending pending{to, {}, std::move(handler), request->api_key()};
        pending.timer = env_.start_timer(
            request_timeout_, tag_base_ + static_cast<uint32_t>(correlation_id));
        pending_.emplace(correlation_id, std::move(pending));
        ++in_flight_[to];
    }
    env_.send(to, std::move(request));
}

bool NetworkClient::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    const auto* kafka = dynamic_cast<const protocol::KafkaMessage*>(message.get());
    if (kafka == nullptr || !kafka->is_response()) return false;
    auto it = pending_.find(kafka->correlation_id);
    // A response to another API under this id was meant for an earlier incarnation of this
    // node (its connection died with it): never hand it to this request's handler.
    if (it != pending_.end() && it->second.api_key != kafka->api_key()) return true;
    if (it == pending_.end() || it->second.node != from) {
        auto abandoned = abandoned_.find(kafka->correlation_id);
        if (abandoned == abandoned_.end() || abandoned->second != from) return false;
        abandoned_.erase(abandoned);
        return true;
    }
    Pending pending = std::move(it->second);
    pending_.erase(it);
    --in_flight_[from];
    env_.cancel_timer(pending.timer);
    pending.handler(kafka, protocol::Error::NONE);
    return true;
}

bool NetworkClient::on_timer(uint64_t tag) {
    if (tag < tag_base_ || tag - tag_base_ >= kTagSpan) return false;
    const auto correlation_id = static_cast<int32_t>(tag - tag_base_);
    if (pending_.count(correlation_id) == 0) return false;
    fail(correlation_id, protocol::Error::REQUEST_TIMED_OUT);
    return true;
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
    abandoned_[correlation_id] = pending.node;
    if (abandoned_.size() > kMaxAbandoned) abandoned_.erase(abandoned_.begin());
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
