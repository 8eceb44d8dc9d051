#include "serve/server.h"

#include <fmt/format.h>

#include <chrono>
#include <csignal>

#include "harness/shell/shell_world.h"
#include "serve/world_adapter.h"

namespace serve {
namespace {

/// The longest the loop sleeps without looking at the clock: bounds how late a timed
/// resume or a `sleep` ends when no event is due.
constexpr sim::Duration kMaxWait = 20 * sim::kMillisecond;

}  // namespace

Server::Server(asio::io_context& io, std::FILE* out, std::FILE* err)
    : io_(io),
      out_(out),
      err_(err),
      signals_(io, SIGINT, SIGTERM),
      next_endpoint_(kFirstEndpointNode) {}

Server::~Server() {
    for (auto& [id, connection] : connections_) connection->close("");
}

sim::Status Server::bind(const std::vector<sim::NodeId>& brokers, const asio::ip::address& address,
                         uint16_t port) {
    for (size_t i = 0; i < brokers.size(); ++i) {
        const uint16_t broker_port = port == 0 ? 0 : static_cast<uint16_t>(port + i);
        auto listener = std::make_unique<BrokerListener>(io_, brokers[i], address, broker_port);
        listener->set_on_accept([this](sim::NodeId broker, asio::ip::tcp::socket socket) {
            on_accept(broker, std::move(socket));
        });
        sim::Status opened = listener->open();
        if (!opened) return opened;
        listeners_.push_back(std::move(listener));
    }
    return sim::Ok{};
}

std::map<int32_t, core::protocol::AdvertisedListener> Server::listeners() const {
    std::map<int32_t, core::protocol::AdvertisedListener> map;
    for (const auto& listener : listeners_) {
        const std::string address = listener->address();
        map[listener->broker()] = {address.substr(0, address.rfind(':')), listener->port()};
    }
    return map;
}

void Server::on_accept(sim::NodeId broker, asio::ip::tcp::socket socket) {
    if (world_ == nullptr) return;  // not serving yet: the socket closes as it goes
    const sim::NodeId id = next_endpoint_++;
    auto connection =
        std::make_shared<Connection>(std::move(socket), world_->world(), broker, id, err_);
    add_endpoint(world_->world(), id, broker, connection.get());
    connections_.emplace(id, connection);
    connection->start();
}

void Server::sync_brokers() {
    sim::World& world = world_->world();
    for (auto& listener : listeners_) {
        const bool crashed = is_crashed(world, listener->broker());
        if (crashed && listener->is_open()) {
            listener->close();
            for (auto& [id, connection] : connections_) {
                if (connection->broker() == listener->broker()) connection->close("");
            }
        } else if (!crashed && !listener->is_open()) {
            sim::Status opened = listener->open();
            if (!opened) {
                fmt::print(err_, "kafkasim serve: broker {} restarted but {}\n", listener->broker(),
                           opened.error().message());
            }
        }
    }
}

void Server::reap() {
    for (auto it = connections_.begin(); it != connections_.end();) {
        if (!it->second->closed()) {
            ++it;
            continue;
        }
        remove_endpoint(world_->world(), it->first);
        it = connections_.erase(it);
    }
}

sim::Time Server::virtual_now() const {
    const auto elapsed = std::chrono::steady_clock::now() - wall_start_;
    return virtual_start_ + std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count();
}

void Server::serve(harness::shell::ShellWorld& world, const LineHandler& on_line,
                   std::optional<sim::Duration> run_for) {
    world_ = &world;
    std::signal(SIGPIPE, SIG_IGN);  // a client gone mid-write is an error code, not a death
    signals_.async_wait([this](asio::error_code error, int) {
        if (!error) stop_ = true;
    });
    for (const auto& listener : listeners_) {
        fmt::print(out_, "broker {} listening on {}\n", listener->broker(), listener->address());
    }
    fmt::print(out_, "ready\n");
    std::fflush(out_);
    wall_start_ = std::chrono::steady_clock::now();
    virtual_start_ = world.world().now();
    lines_resume_at_ = virtual_start_;
    const sim::Time end = run_for ? virtual_start_ + *run_for : sim::kTimeNever;
    start_stdin();
    while (!stop_) {
        sim::Time target = virtual_now();
        target = std::min(target, end);
        if (target > world.world().now()) world.advance(target - world.world().now());
        sync_brokers();
        reap();
        if (io_.stopped()) io_.restart();
        io_.poll();
        run_lines(on_line);
        sync_brokers();
        reap();
        if (target >= end) break;
        if (!stop_) wait(target);
    }
}

void Server::wait(sim::Time virtual_now) {
    const sim::Time next = next_event_time(world_->world());
    sim::Duration wait = kMaxWait;
    if (next != sim::kTimeNever)
        wait = std::min(wait, std::max<sim::Duration>(0, next - virtual_now));
    if (!lines_.empty()) {
        wait = std::min(wait, std::max<sim::Duration>(0, lines_resume_at_ - virtual_now));
    }
    if (wait <= 0) return;
    if (io_.stopped()) io_.restart();
    io_.run_one_for(std::chrono::nanoseconds(wait));
}

}  // namespace serve
