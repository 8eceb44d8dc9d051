#include "harness/shell/line_reader.h"

#ifdef KAFKASIM_HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#endif

namespace harness::shell {
namespace {

/// fgets in a loop: lines of any length; a prompt printed first when interactive.
class PlainReader final : public LineReader {
   public:
    PlainReader(std::FILE* in, std::FILE* out, bool interactive)
        : in_(in), out_(out), interactive_(interactive) {}

    std::optional<std::string> read_line(const std::string& prompt, bool) override {
        if (interactive_) {
            std::fputs(prompt.c_str(), out_);
            std::fflush(out_);
        }
        std::string line;
        char buffer[4096];
        while (std::fgets(buffer, sizeof buffer, in_) != nullptr) {
            line += buffer;
            if (!line.empty() && line.back() == '\n') {
                line.pop_back();
                if (!line.empty() && line.back() == '\r') line.pop_back();
                return line;
            }
        }
        if (line.empty()) return std::nullopt;
        return line;
    }

   private:
    std::FILE* in_;
    std::FILE* out_;
    bool interactive_;
};

#ifdef KAFKASIM_HAVE_READLINE
/// Set by SIGINT; the next read then ends the line being edited.
volatile std::sig_atomic_t interrupted = 0;

extern "C" void on_interrupt(int) { interrupted = 1; }

/// readline's input: one byte from the terminal. A Ctrl-C interrupts the read (no
/// SA_RESTART): then "^C" is shown after what was typed, as a terminal does, and a newline
/// ends the line at once (readline's own hook would wait for another key).
int getc_or_interrupt(std::FILE* stream) {
    for (;;) {
        unsigned char c = 0;
        const ssize_t n = ::read(::fileno(stream), &c, 1);
        if (n == 1) return c;
        if (n == 0 || errno != EINTR) return EOF;
        if (interrupted) {
            rl_point = rl_end;
            rl_insert_text("^C");
            rl_redisplay();
            return '\n';
        }
    }
}

/// GNU readline: emacs-style editing, and history kept for the session. Ctrl-C ends the
/// line as "^C" (what ends the console producer) instead of killing the shell.
class ReadlineReader final : public LineReader {
   public:
    ReadlineReader(std::FILE* in, std::FILE* out) {
        rl_instream = in;
        rl_outstream = out;
        rl_catch_signals = 0;
        rl_getc_function = getc_or_interrupt;
        struct sigaction action = {};
        action.sa_handler = on_interrupt;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0;  // no SA_RESTART: the read returns, so readline sees the hook
        sigaction(SIGINT, &action, nullptr);
    }

    std::optional<std::string> read_line(const std::string& prompt, bool remember) override {
        interrupted = 0;
        char* raw = readline(prompt.c_str());
        if (interrupted) {
            std::free(raw);  // NOLINT: readline allocates with malloc
            return std::string("^C");
        }
        if (raw == nullptr) return std::nullopt;
        std::string line(raw);
        std::free(raw);  // NOLINT: readline allocates with malloc
        if (!line.empty() && remember) add_history(line.c_str());
        return line;
    }
};
#endif

}  // namespace

std::unique_ptr<LineReader> make_line_reader(std::FILE* in, std::FILE* out, bool interactive) {
#ifdef KAFKASIM_HAVE_READLINE
    if (interactive) return std::make_unique<ReadlineReader>(in, out);
#endif
    return std::make_unique<PlainReader>(in, out, interactive);
}

}  // namespace harness::shell
