#include "sim/assert.h"

#include <cstdio>
#include <cstdlib>

namespace sim {
namespace {
// Thread-local on purpose: it is only text for the crash message, never simulation state.
thread_local std::string context_text;
}  // namespace

void set_failure_context(std::string context) { context_text = std::move(context); }

const std::string& failure_context() { return context_text; }

void assertion_failed(const char* condition, const char* file, int line) {
    std::fprintf(stderr, "kafkasim: assertion failed: %s at %s:%d\n", condition, file, line);
    if (!context_text.empty()) std::fprintf(stderr, "  %s\n", context_text.c_str());
    std::fflush(stderr);
    std::abort();
}

}  // namespace sim
