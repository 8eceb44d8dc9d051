// libFuzzer target: the `kafkasim` command line. The input is split into arguments at
// line breaks and NULs, and run_cli parses and validates them in parse-only mode (no
// file is read, nothing runs, so `run --seeds 1..1000000` cannot stall the fuzzer).
// Whatever the words, the exit code is 0 (help/valid) or 2 (bad input), never a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "harness/cli/cli.h"

namespace {

std::vector<std::string> split_arguments(const uint8_t* data, size_t size) {
    std::vector<std::string> words{"kafkasim"};
    std::string word;
    for (size_t i = 0; i < size && words.size() < 64; ++i) {
        char c = static_cast<char>(data[i]);
        if (c == '\n' || c == '\0') {
            words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty() && words.size() < 64) words.push_back(word);
    return words;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static std::FILE* const null_output = std::fopen("/dev/null", "w");
    std::vector<std::string> words = split_arguments(data, size);
    std::vector<const char*> argv;
    for (const std::string& word : words) argv.push_back(word.c_str());
    harness::cli::Context context;
    context.out = null_output;
    context.err = null_output;
    context.parse_only = true;
    int exit_code = harness::cli::run_cli(int(argv.size()), argv.data(), context);
    if (exit_code != harness::cli::kExitExpected && exit_code != harness::cli::kExitBadInput) {
        std::abort();
    }
    return 0;
}
