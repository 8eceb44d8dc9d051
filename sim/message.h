#pragma once
// What travels over the simulated network: an immutable message that sim/ carries
// without knowing its meaning (core/ defines the Kafka request/response types).

#include <cstdint>
#include <memory>
#include <string>

namespace sim {

/// Identifies a node (broker, controller, client) in a World. Brokers keep Kafka's
/// broker ids (1, 2, 3 or 101, 102, ...), so ids need not be dense.
using NodeId = int32_t;
constexpr NodeId kNoNode = -1;

class Message {
   public:
    virtual ~Message() = default;
    /// Kafka API name or message kind, e.g. "Produce", "FetchResponse"; goes in the trace.
    virtual const char* name() const = 0;
    /// A stable digest of the content for the trace hash (same content, same digest on
    /// every machine). The default hashes only the name.
    virtual uint64_t digest() const { return 0; }
    /// Approximate wire size; lets the network model bandwidth if it wants to.
    virtual uint32_t size_bytes() const { return 64; }
};

/// Messages are immutable once sent, so one may go to several nodes without a copy.
using MessagePtr = std::shared_ptr<const Message>;

}  // namespace sim
