#include "core/protocol/errors.h"

namespace core::protocol {

std::string_view error_name(Error error) {
    switch (error) {
#define X(code, name, exception, message) \
    case Error::name:                     \
        return #name;
#include "core/protocol/errors.def"
#undef X
    }
    return "UNKNOWN_SERVER_ERROR";
}

std::string_view exception_name(Error error) {
    switch (error) {
#define X(code, name, exception, message) \
    case Error::name:                     \
        return #exception;
#include "core/protocol/errors.def"
#undef X
    }
    return "UnknownServerException";
}

std::string_view error_message(Error error) {
    switch (error) {
#define X(code, name, exception, message) \
    case Error::name:                     \
        return message;
#include "core/protocol/errors.def"
#undef X
    }
    return "";
}

// Exactly the errors whose exception extends Kafka's RetriableException (directly or via
// InvalidMetadataException): OFFSET_OUT_OF_RANGE and BROKER_NOT_AVAILABLE are plain
// ApiExceptions in Kafka, so a client resets or fails rather than retrying them.
bool is_retriable(Error error) {
    switch (error) {
        case Error::CORRUPT_MESSAGE:
        case Error::UNKNOWN_TOPIC_OR_PARTITION:
        case Error::LEADER_NOT_AVAILABLE:
        case Error::NOT_LEADER_OR_FOLLOWER:
        case Error::REQUEST_TIMED_OUT:
        case Error::NETWORK_EXCEPTION:
        case Error::COORDINATOR_LOAD_IN_PROGRESS:
        case Error::COORDINATOR_NOT_AVAILABLE:
        case Error::NOT_COORDINATOR:
        case Error::NOT_ENOUGH_REPLICAS:
        case Error::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
        case Error::CONCURRENT_TRANSACTIONS:
        case Error::KAFKA_STORAGE_ERROR:
        case Error::FENCED_LEADER_EPOCH:
        case Error::UNKNOWN_LEADER_EPOCH:
        case Error::OFFSET_NOT_AVAILABLE:
        case Error::UNSTABLE_OFFSET_COMMIT:
            return true;
        default:
            return false;
    }
}

}  // namespace core::protocol
