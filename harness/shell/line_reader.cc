#include "harness/shell/line_reader.h"

#ifdef KAFKASIM_HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>

#include <cstdlib>
#endif

namespace harness::shell {
namespace {

/// fgets in a loop: lines of any length; a prompt printed first when interactive.
class PlainReader final : public LineReader {
   public:
    PlainReader(std::FILE* in, std::FILE* out, bool interactive)
        : in_(in), out_(out), interactive_(interactive) {}

    std::optional<std::string> read_line(const std::string& prompt) override {
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
/// GNU readline: emacs-style editing, and history kept for the session.
class ReadlineReader final : public LineReader {
   public:
    ReadlineReader(std::FILE* in, std::FILE* out) {
        rl_instream = in;
        rl_outstream = out;
    }

    std::optional<std::string> read_line(const std::string& prompt) override {
        char* raw = readline(prompt.c_str());
        if (raw == nullptr) return std::nullopt;
        std::string line(raw);
        std::free(raw);  // NOLINT: readline allocates with malloc
        if (!line.empty()) add_history(line.c_str());
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
