#include "serve/broker_listener.h"

#include <fmt/format.h>

namespace serve {

BrokerListener::BrokerListener(asio::io_context& io, sim::NodeId broker, asio::ip::address address,
                               uint16_t port)
    : io_(io), broker_(broker), address_(address), port_(port), acceptor_(io) {}

std::string BrokerListener::address() const {
    return fmt::format("{}:{}", address_.to_string(), port_);
}

sim::Status BrokerListener::open() {
    if (acceptor_.is_open()) return sim::Ok{};
    const asio::ip::tcp::endpoint endpoint(address_, port_);
    asio::error_code error;
    acceptor_.open(endpoint.protocol(), error);
    // A restarted broker binds its old port again while closed connections linger in
    // TIME_WAIT, as Kafka's SocketServer does with SO_REUSEADDR.
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
        asio::error_code ignored;
        acceptor_.close(ignored);
        return sim::Error{address(), error.message()};
    }
    port_ = acceptor_.local_endpoint().port();
    accept_next();
    return sim::Ok{};
}

void BrokerListener::close() {
    ++generation_;
    asio::error_code ignored;
    acceptor_.close(ignored);
}

void BrokerListener::accept_next() {
    const uint64_t generation = generation_;
    acceptor_.async_accept(
        [this, generation](asio::error_code error, asio::ip::tcp::socket socket) {
            if (generation != generation_ || !acceptor_.is_open()) return;
            if (!error && on_accept_) on_accept_(broker_, std::move(socket));
            accept_next();
        });
}

}  // namespace serve
