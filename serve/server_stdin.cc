// Server: the lines typed on standard input, read without blocking the loop (a pipe or a
// terminal through Asio; a regular file read whole at once, as epoll cannot watch one).
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <istream>

#include "serve/server.h"

namespace serve {

void Server::start_stdin() {
    struct stat info {};
    if (::fstat(STDIN_FILENO, &info) != 0) return;
    if (S_ISREG(info.st_mode)) {
        std::string line;
        for (int c = std::getchar(); c != EOF; c = std::getchar()) {
            if (c != '\n') {
                line += static_cast<char>(c);
                continue;
            }
            lines_.push_back(std::move(line));
            line.clear();
        }
        if (!line.empty()) lines_.push_back(std::move(line));
        return;
    }
    const int fd = ::dup(STDIN_FILENO);
    if (fd < 0) return;
    stdin_ = std::make_unique<asio::posix::stream_descriptor>(io_, fd);
    read_stdin();
}

void Server::read_stdin() {
    asio::async_read_until(*stdin_, stdin_buffer_, '\n', [this](asio::error_code error, size_t) {
        std::istream in(&stdin_buffer_);
        std::string line;
        while (stdin_buffer_.size() > 0 && std::getline(in, line)) {
            // getline also takes a last line without its newline, at the end of input.
            lines_.push_back(line);
        }
        if (error) return;  // end of input: serving goes on until a signal
        read_stdin();
    });
}

void Server::run_lines(const LineHandler& on_line) {
    while (!lines_.empty() && !stop_) {
        const sim::Time now = virtual_now();
        if (now < lines_resume_at_) return;
        std::string line = std::move(lines_.front());
        lines_.pop_front();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const LineOutcome outcome = on_line(line);
        // A crash typed here closes the broker's sockets before the next line runs.
        sync_brokers();
        if (!outcome.output.empty()) {
            fmt::print(out_, "{}{}", outcome.output, outcome.output.back() == '\n' ? "" : "\n");
            std::fflush(out_);
        }
        if (outcome.exit) stop_ = true;
        lines_resume_at_ = now + outcome.sleep;
    }
}

}  // namespace serve
