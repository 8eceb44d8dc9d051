#include "serve/connection.h"

#include <fmt/format.h>

#include "core/protocol/api.h"
#include "serve/world_adapter.h"
#include "wire/codec.h"

namespace serve {

using core::protocol::Error;

Connection::Connection(asio::ip::tcp::socket socket, sim::World& world, sim::NodeId broker,
                       sim::NodeId endpoint, std::FILE* log)
    : socket_(std::move(socket)), world_(world), broker_(broker), endpoint_(endpoint), log_(log) {
    asio::error_code error;
    const auto remote = socket_.remote_endpoint(error);
    peer_ =
        error ? "unknown peer" : fmt::format("{}:{}", remote.address().to_string(), remote.port());
    socket_.set_option(asio::ip::tcp::no_delay(true), error);
}

void Connection::start() { read_more(); }

void Connection::close(const std::string& reason) {
    if (closed_) return;
    closed_ = true;
    if (!reason.empty()) {
        fmt::print(log_, "kafkasim serve: broker {}: closing connection from {}: {}\n", broker_,
                   peer_, reason);
        std::fflush(log_);
    }
    asio::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
}

void Connection::read_more() {
    if (closed_) return;
    socket_.async_read_some(
        asio::buffer(read_buffer_),
        [self = shared_from_this()](asio::error_code error, size_t n) { self->on_read(error, n); });
}

void Connection::on_read(asio::error_code error, size_t n) {
    if (closed_) return;
    if (error) {
        // The client went away; leaving in the middle of a frame is worth a line.
        close(input_.empty() ? ""
                             : fmt::format("closed in the middle of a frame ({} bytes unread)",
                                           input_.size()));
        return;
    }
    input_.append(read_buffer_.data(), n);
    if (take_frames()) read_more();
}

bool Connection::take_frames() {
    while (!closed_ && input_.size() >= 4) {
        const std::optional<int32_t> size = wire::frame_size(std::string_view(input_).substr(0, 4));
        if (!size) {
            const auto* b = reinterpret_cast<const unsigned char*>(input_.data());
            const int64_t announced = static_cast<int32_t>(
                (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3]);
            close(fmt::format("frame size {} is above socket.request.max.bytes {} or negative",
                              announced, wire::kSocketRequestMaxBytes));
            return false;
        }
        if (input_.size() < 4 + static_cast<size_t>(*size)) return true;  // wait for the rest
        handle_payload(std::string_view(input_).substr(4, static_cast<size_t>(*size)));
        input_.erase(0, 4 + static_cast<size_t>(*size));
    }
    return !closed_;
}

void Connection::handle_payload(std::string_view payload) {
    ClientEndpoint* endpoint = find_endpoint(world_, endpoint_);
    if (endpoint == nullptr) return close("its endpoint node is gone");
    wire::DecodedRequest decoded = wire::decode_request(payload);
    const wire::RequestHeader& header = decoded.header;
    switch (decoded.error) {
        case Error::NONE:
            endpoint->submit(header, std::move(decoded.request));
            return;
        case Error::UNSUPPORTED_VERSION:
            // Only ApiVersions comes back this way: Kafka answers it with its v0 body.
            endpoint->answer(header, wire::api_versions_response(header));
            return;
        case Error::CORRUPT_MESSAGE:
            if (decoded.request != nullptr) {
                fmt::print(log_, "kafkasim serve: broker {}: {}: {}\n", broker_, peer_,
                           decoded.error_message);
                endpoint->answer(header,
                                 wire::error_response(*decoded.request, Error::CORRUPT_MESSAGE));
                return;
            }
            break;
        default:
            break;
    }
    const std::string what =
        decoded.header_valid ? fmt::format("api key {} v{}: ", header.api_key, header.api_version)
                             : std::string();
    close(what + (decoded.error_message.empty() ? "invalid request" : decoded.error_message));
}

void Connection::write_frame(std::string frame) {
    if (closed_ || frame.empty()) return;
    output_.push_back(std::move(frame));
    if (!writing_) write_next();
}

void Connection::write_next() {
    if (closed_ || output_.empty()) {
        writing_ = false;
        return;
    }
    writing_ = true;
    asio::async_write(socket_, asio::buffer(output_.front()),
                      [self = shared_from_this()](asio::error_code error, size_t) {
                          if (self->closed_) return;
                          if (error) return self->close("");
                          self->output_.pop_front();
                          self->write_next();
                      });
}

}  // namespace serve
