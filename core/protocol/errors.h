#pragma once
// Kafka's error codes, names, exception names and messages, generated from errors.def
// so that grep for NOT_LEADER_OR_FOLLOWER finds the same name here as in Kafka.

#include <cstdint>
#include <string_view>

namespace core::protocol {

enum class Error : int16_t {
#define X(code, name, exception, message) name = code,
#include "core/protocol/errors.def"
#undef X
};

/// "NOT_LEADER_OR_FOLLOWER"
std::string_view error_name(Error error);
/// "NotLeaderOrFollowerException"
std::string_view exception_name(Error error);
/// Kafka's default message for the error.
std::string_view error_message(Error error);
/// Errors after which a client refreshes metadata and retries (Kafka's RetriableException).
bool is_retriable(Error error);

}  // namespace core::protocol
