#include "serve/client_endpoint.h"

#include "core/protocol/metadata.h"
#include "core/protocol/produce.h"
#include "sim/assert.h"

namespace serve {

using core::protocol::ApiKey;
using core::protocol::KafkaMessage;

ClientEndpoint::ClientEndpoint(sim::NodeEnv& env, sim::NodeId broker, ConnectionSink* sink)
    : env_(env), broker_(broker), sink_(sink) {
    KS_ASSERT(sink_ != nullptr);
}

void ClientEndpoint::submit(const wire::RequestHeader& header,
                            std::shared_ptr<KafkaMessage> request) {
    KS_ASSERT(request != nullptr);
    queue_.push_back({header, std::move(request), nullptr});
    pump();
}

void ClientEndpoint::answer(const wire::RequestHeader& header,
                            std::shared_ptr<const KafkaMessage> response) {
    KS_ASSERT(response != nullptr);
    queue_.push_back({header, nullptr, std::move(response)});
    pump();
}

void ClientEndpoint::pump() {
    while (!in_flight_ && !queue_.empty()) {
        Pending& front = queue_.front();
        if (front.response != nullptr) {
            sink_->write_frame(wire::encode_response(front.header, *front.response));
            queue_.pop_front();
            continue;
        }
        send_front();
    }
}

void ClientEndpoint::send_front() {
    Pending& front = queue_.front();
    const int32_t correlation_id = env_.next_correlation_id();
    if (front.request->api_key() == ApiKey::ApiVersions) {
        // The codec answers ApiVersions; the broker only has to be reachable (an empty
        // topic list asks for brokers and controller only).
        auto ping = std::make_shared<core::protocol::MetadataRequest>();
        ping->topics = std::vector<std::string>{};
        ping->correlation_id = correlation_id;
        in_flight_message_ = ping;
        env_.send(broker_, std::move(ping));
    } else {
        front.request->correlation_id = correlation_id;
        in_flight_message_ = front.request;
        env_.send(broker_, front.request);
        const auto* produce =
            dynamic_cast<const core::protocol::ProduceRequest*>(front.request.get());
        if (produce != nullptr && produce->acks == core::protocol::kAcksNone) {
            queue_.pop_front();  // Kafka sends no response to acks=0 and reads on
            return;
        }
    }
    in_flight_ = true;
    in_flight_correlation_id_ = correlation_id;
}

void ClientEndpoint::on_disconnected(sim::NodeId peer) {
    // Only the sender hears of a loss: the request never reached the broker, so sending
    // it again cannot make the broker handle it twice.
    if (peer == broker_ && in_flight_) env_.send(broker_, in_flight_message_);
}

void ClientEndpoint::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    const auto* response = dynamic_cast<const KafkaMessage*>(message.get());
    if (response == nullptr || !response->is_response() || !in_flight_ || from != broker_ ||
        response->correlation_id != in_flight_correlation_id_) {
        return;  // a late answer to nothing we wait for
    }
    Pending front = std::move(queue_.front());
    queue_.pop_front();
    in_flight_ = false;
    in_flight_message_ = nullptr;
    if (front.request->api_key() == ApiKey::ApiVersions) {
        sink_->write_frame(
            wire::encode_response(front.header, *wire::api_versions_response(front.header)));
    } else if (const auto* metadata =
                   dynamic_cast<const core::protocol::MetadataResponse*>(response)) {
        sink_->write_frame(wire::encode_response(front.header, *reachable_controller(*metadata)));
    } else if (response->api_key() == front.request->api_key()) {
        sink_->write_frame(wire::encode_response(front.header, *response));
    }
    pump();
}

std::shared_ptr<const core::protocol::MetadataResponse> ClientEndpoint::reachable_controller(
    const core::protocol::MetadataResponse& response) const {
    auto copy = std::make_shared<core::protocol::MetadataResponse>(response);
    for (const auto& broker : response.brokers) {
        if (broker.node_id == response.controller_id) return copy;
    }
    // A dedicated KRaft controller has no listener a client can reach. Kafka's KRaft
    // brokers answer a random live broker as the controller (KRaftMetadataCache.
    // getControllerId), which forwards admin requests (KIP-590); this broker does too.
    copy->controller_id = broker_;
    return copy;
}

}  // namespace serve
