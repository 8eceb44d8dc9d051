#pragma once
// One real TCP connection inside the World: a client node whose outbound requests are the
// frames the socket decoded and whose responses go back to the socket in request order,
// so network faults reach a real client exactly as they reach a simulated one.
//
// Contract (Kafka's SocketServer): a broker reads one request of a connection, mutes the
// channel until that request's response is sent, then reads the next; so the endpoint
// keeps one request in flight to its broker and the rest queued behind it. Produce with
// acks=0 has no response and unmutes at once. ApiVersions is answered from the codec's
// table (wire::api_versions_response), but only after a Metadata round trip to the broker,
// so a paused or isolated broker is silent to it as to everything else.

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "core/protocol/kafka_message.h"
#include "core/protocol/metadata.h"
#include "sim/node_env.h"
#include "wire/codec.h"

namespace serve {

/// Where an endpoint writes its response frames: the socket side of the connection.
class ConnectionSink {
 public:
    virtual ~ConnectionSink() = default;
    /// One whole response frame (size included), in request order.
    virtual void write_frame(std::string frame) = 0;
};

class ClientEndpoint final : public sim::Process {
 public:
    /// REQUIRES: `sink` outlives the node (the server crashes the node before dropping it).
    ClientEndpoint(sim::NodeEnv& env, sim::NodeId broker, ConnectionSink* sink);

    /// A request the socket decoded; sent to the broker in its turn.
    void submit(const wire::RequestHeader& header,
                std::shared_ptr<core::protocol::KafkaMessage> request);
    /// A response decided at the edge (UNSUPPORTED_VERSION, CORRUPT_MESSAGE), written in
    /// its turn behind the requests before it.
    void answer(const wire::RequestHeader& header,
                std::shared_ptr<const core::protocol::KafkaMessage> response);

    /// Requests queued or in flight (for tests and the shutdown log).
    size_t pending() const { return queue_.size(); }

    void on_start() override {}
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override;
    /// A cut link lost the request in flight: the socket stays open and silent, and the
    /// request goes again, as TCP retransmits, so it arrives once the link heals.
    void on_disconnected(sim::NodeId peer) override;

 private:
    struct Pending {
        wire::RequestHeader header;
        std::shared_ptr<core::protocol::KafkaMessage> request;
        std::shared_ptr<const core::protocol::KafkaMessage> response;
    };

    /// Writes ready answers and sends the next request while none is in flight.
    void pump();
    void send_front();
    /// The response as a client may use it: a controller id it can connect to.
    std::shared_ptr<const core::protocol::MetadataResponse> reachable_controller(
        const core::protocol::MetadataResponse& response) const;

    sim::NodeEnv& env_;
    sim::NodeId broker_;
    ConnectionSink* sink_;
    std::deque<Pending> queue_;
    bool in_flight_ = false;
    int32_t in_flight_correlation_id_ = 0;
    /// What went to the broker for the request in flight (ApiVersions sends a Metadata).
    sim::MessagePtr in_flight_message_;
};

}  // namespace serve
