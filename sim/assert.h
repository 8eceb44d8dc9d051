#pragma once
// Always-on invariant checks: a broken invariant is a bug, and a bug crashes loudly
// with the place, the seed and the replay line, in every build type (never <cassert>).

#include <cstdint>
#include <string>

namespace sim {

/// What the assertion handler prints beside a failure: set by whoever runs a World
/// (the harness sets "kafkasim replay F --seed N"). Per thread, because a sweep runs
/// one World per thread; it only decorates the message and never decides behaviour.
void set_failure_context(std::string context);
const std::string& failure_context();

[[noreturn]] void assertion_failed(const char* condition, const char* file, int line);

}  // namespace sim

#define KS_ASSERT(condition)                                          \
    do {                                                              \
        if (!(condition)) [[unlikely]] {                              \
            ::sim::assertion_failed(#condition, __FILE__, __LINE__);  \
        }                                                             \
    } while (0)

#define KS_UNREACHABLE() ::sim::assertion_failed("unreachable", __FILE__, __LINE__)
