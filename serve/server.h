#pragma once
// The socket side of `kafkasim serve`: one listener per broker, the accepted connections
// with their endpoint nodes, and the loop that paces the World to the wall clock. This is
// the only place in kafkasim that reads the wall clock: virtual time is the wall time
// elapsed since `ready`, the World runs up to it, then the loop waits on the sockets and
// standard input until the next event is due. sim/ and core/ never see the clock.

#include <asio.hpp>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/metadata.h"
#include "serve/broker_listener.h"
#include "serve/connection.h"
#include "sim/result.h"
#include "sim/time.h"

namespace harness::shell {
class ShellWorld;
}  // namespace harness::shell

namespace serve {

/// What a line typed on standard input asks of the loop.
struct LineOutcome {
    /// `exit`/`quit`: stop serving.
    bool exit = false;
    /// `sleep 5s`: read the next line only after this much wall time.
    sim::Duration sleep = 0;
    /// Printed once the sockets match the brokers' states, so a script that reads
    /// "broker 2 restarted" can connect at once.
    std::string output;
};
using LineHandler = std::function<LineOutcome(const std::string& line)>;

class Server {
 public:
    Server(asio::io_context& io, std::FILE* out, std::FILE* err);
    ~Server();

    /// Binds broker i of `brokers` to `port` + i (every one to a free port when `port` is
    /// 0). The error names the address that could not be bound.
    sim::Status bind(const std::vector<sim::NodeId>& brokers, const asio::ip::address& address,
                     uint16_t port);
    /// Where Metadata advertises each broker: the bound address and port.
    std::map<int32_t, core::protocol::AdvertisedListener> listeners() const;

    /// Prints "broker N listening on HOST:PORT" per broker, then "ready", and serves until
    /// SIGINT/SIGTERM, a line asking to exit, or `run_for` of virtual time.
    void serve(harness::shell::ShellWorld& world, const LineHandler& on_line,
               std::optional<sim::Duration> run_for);

 private:
    void on_accept(sim::NodeId broker, asio::ip::tcp::socket socket);
    /// Closes the listener and every connection of a crashed broker; reopens the
    /// listener of a broker that is up again.
    void sync_brokers();
    /// Drops closed connections and their endpoint nodes.
    void reap();
    void start_stdin();
    void read_stdin();
    /// Runs the lines read so far, unless a `sleep` holds them until later.
    void run_lines(const LineHandler& on_line);
    /// Waits for socket or input activity at most until the World's next event.
    void wait(sim::Time virtual_now);
    sim::Time virtual_now() const;

    asio::io_context& io_;
    std::FILE* out_;
    std::FILE* err_;
    asio::signal_set signals_;
    std::vector<std::unique_ptr<BrokerListener>> listeners_;
    std::map<sim::NodeId, std::shared_ptr<Connection>> connections_;
    sim::NodeId next_endpoint_;
    harness::shell::ShellWorld* world_ = nullptr;
    bool stop_ = false;
    // Pacing: virtual time `virtual_start_` was wall time `wall_start_`.
    std::chrono::steady_clock::time_point wall_start_;
    sim::Time virtual_start_ = 0;
    // Standard input: lines read, the time the next may run (after a sleep), the end.
    std::unique_ptr<asio::posix::stream_descriptor> stdin_;
    asio::streambuf stdin_buffer_;
    std::deque<std::string> lines_;
    sim::Time lines_resume_at_ = 0;
};

}  // namespace serve
