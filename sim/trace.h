#pragma once
// The run's trace: every delivered message, timer firing, fault and note folded with its
// virtual time into a 64-bit rolling hash, and optionally kept in memory for export.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/message.h"
#include "sim/time.h"

namespace sim {

enum class TraceKind : uint8_t {
    NodeStart,     ///< a node's process was built and started
    Message,       ///< a message was handed to its target's process
    Dropped,       ///< a message was lost (cut link, target down)
    Timer,         ///< a timer fired on a node
    Disconnected,  ///< a node was told a connection broke
    Fault,         ///< a fault was applied or healed
    Note,          ///< free text from a node or the harness
};

const char* trace_kind_name(TraceKind kind);

/// One recorded event. `node` is where it happened; `peer` the other end of a message
/// (or kNoNode); `name` the message name, fault kind or note text; `detail` the message
/// digest or timer tag.
struct TraceEvent {
    Time time = 0;
    TraceKind kind = TraceKind::Note;
    NodeId node = kNoNode;
    NodeId peer = kNoNode;
    std::string name;
    uint64_t detail = 0;
};

class Trace {
   public:
    explicit Trace(bool keep_events = false) : keep_events_(keep_events) {}

    void record(Time time, TraceKind kind, NodeId node, NodeId peer, std::string_view name,
                uint64_t detail);

    /// The rolling hash of every event recorded so far: equal runs give equal hashes.
    uint64_t hash() const { return hash_; }
    uint64_t count() const { return count_; }
    bool keeps_events() const { return keep_events_; }
    const std::vector<TraceEvent>& events() const { return events_; }

    /// Human-readable names for nodes in exports ("broker-1"); optional.
    void set_node_name(NodeId node, std::string name);
    std::string node_name(NodeId node) const;

   private:
    bool keep_events_;
    uint64_t hash_ = 0x243f6a8885a308d3ULL;
    uint64_t count_ = 0;
    std::vector<TraceEvent> events_;
    std::vector<std::pair<NodeId, std::string>> node_names_;
};

/// Chrome trace-event JSON of the kept events (one track per node, instant events
/// with their details), loadable by Perfetto and chrome://tracing.
std::string chrome_trace_json(const Trace& trace);

}  // namespace sim
