#pragma once
// One broker's listening socket on loopback: bound once (port 0 picks a free port, kept
// from then on), closed while the broker is crashed so its port refuses connections, and
// bound again to the same port when the broker restarts.

#include <asio.hpp>
#include <cstdint>
#include <functional>
#include <string>

#include "sim/message.h"
#include "sim/result.h"

namespace serve {

class BrokerListener {
 public:
    using OnAccept = std::function<void(sim::NodeId broker, asio::ip::tcp::socket socket)>;

    BrokerListener(asio::io_context& io, sim::NodeId broker, asio::ip::address address,
                   uint16_t port);

    /// Binds and listens; the error names the address ("127.0.0.1:9092: Address already
    /// in use"). After the first open the port is fixed.
    sim::Status open();
    /// Stops accepting: connecting to the port is refused until open() again.
    void close();
    bool is_open() const { return acceptor_.is_open(); }
    /// Accepted sockets go to `on_accept` (set before open).
    void set_on_accept(OnAccept on_accept) { on_accept_ = std::move(on_accept); }

    sim::NodeId broker() const { return broker_; }
    uint16_t port() const { return port_; }
    std::string address() const;

 private:
    void accept_next();

    asio::io_context& io_;
    sim::NodeId broker_;
    asio::ip::address address_;
    uint16_t port_;
    asio::ip::tcp::acceptor acceptor_;
    OnAccept on_accept_;
    /// Bumped at every close, so an accept completing after a close is dropped.
    uint64_t generation_ = 0;
};

}  // namespace serve
