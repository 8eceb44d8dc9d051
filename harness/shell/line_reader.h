#pragma once
// Reading the shell's input a line at a time: GNU readline (line editing and history)
// when the input is a terminal and the build found readline, plain reads otherwise.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

namespace harness::shell {

class LineReader {
   public:
    virtual ~LineReader() = default;
    /// The next line without its newline, showing `prompt` first on a terminal; nullopt
    /// at the end of input. `remember`: keep the line in the history (commands, not
    /// records typed to the console producer).
    virtual std::optional<std::string> read_line(const std::string& prompt, bool remember) = 0;
};

/// `interactive`: `in` is a terminal, so prompts are shown (and readline used if built).
std::unique_ptr<LineReader> make_line_reader(std::FILE* in, std::FILE* out, bool interactive);

}  // namespace harness::shell
