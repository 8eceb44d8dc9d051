#pragma once
// Result<T>: a value or a user-facing error ("file:line:col: expected ..."), for bad
// input. Bugs use KS_ASSERT; Kafka outcomes use protocol errors; neither goes here.

#include <string>
#include <utility>
#include <variant>

#include "sim/assert.h"

namespace sim {

/// A user-facing error: `where` is "file:line:col" (or empty), `what` says what was
/// expected. Printed as "where: what".
struct Error {
    std::string where;
    std::string what;

    std::string message() const { return where.empty() ? what : where + ": " + what; }
};

template <typename T>
class [[nodiscard]] Result {
   public:
    Result(T value) : state_(std::move(value)) {}          // NOLINT: implicit on purpose
    Result(Error error) : state_(std::move(error)) {}      // NOLINT: implicit on purpose

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& {
        KS_ASSERT(ok());
        return std::get<0>(state_);
    }
    T& value() & {
        KS_ASSERT(ok());
        return std::get<0>(state_);
    }
    T&& value() && {
        KS_ASSERT(ok());
        return std::get<0>(std::move(state_));
    }
    const Error& error() const {
        KS_ASSERT(!ok());
        return std::get<1>(state_);
    }

   private:
    std::variant<T, Error> state_;
};

/// Result of an operation with no value.
struct Ok {};
using Status = Result<Ok>;

}  // namespace sim
