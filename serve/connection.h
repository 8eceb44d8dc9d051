#pragma once
// One accepted TCP connection: reads Kafka request frames (4-byte size, then the payload),
// refuses frames over socket.request.max.bytes, decodes each with wire/ and hands it to the
// connection's endpoint node; writes the endpoint's response frames back in order. Bad
// input closes this connection with one log line and touches nothing else.

#include <array>
#include <asio.hpp>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>

#include "serve/client_endpoint.h"
#include "sim/world.h"

namespace serve {

class Connection final : public ConnectionSink, public std::enable_shared_from_this<Connection> {
 public:
    /// `endpoint` is the node id add_endpoint gave this connection; `log` gets the one line
    /// a closed connection writes.
    Connection(asio::ip::tcp::socket socket, sim::World& world, sim::NodeId broker,
               sim::NodeId endpoint, std::FILE* log);

    /// Starts reading. REQUIRES: the endpoint node exists.
    void start();
    /// Closes the socket (the broker crashed, the server stops, or the input was bad);
    /// `reason` empty closes silently.
    void close(const std::string& reason);
    bool closed() const { return closed_; }

    sim::NodeId broker() const { return broker_; }
    sim::NodeId endpoint() const { return endpoint_; }
    /// "127.0.0.1:54321", for log lines.
    const std::string& peer() const { return peer_; }

    void write_frame(std::string frame) override;

 private:
    void read_more();
    void on_read(asio::error_code error, size_t n);
    /// Takes every whole frame off the input buffer; false once the connection closed.
    bool take_frames();
    void handle_payload(std::string_view payload);
    void write_next();

    asio::ip::tcp::socket socket_;
    sim::World& world_;
    sim::NodeId broker_;
    sim::NodeId endpoint_;
    std::FILE* log_;
    std::string peer_;
    bool closed_ = false;
    std::array<char, 65536> read_buffer_{};
    std::string input_;
    std::deque<std::string> output_;
    bool writing_ = false;
};

}  // namespace serve
