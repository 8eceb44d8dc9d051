// Chrome trace-event JSON export of a Trace (kept apart from trace.cc so the hot
// recording path never sees the JSON library).

#include <nlohmann/json.hpp>
#include <set>

#include "sim/trace.h"

namespace sim {
namespace {

// Perfetto wants a small non-negative thread id per track; the world's own events (faults
// without a node, harness notes) get track 0 and node n gets n + 1 (ids may be sparse).
int64_t track_of(NodeId node) { return node == kNoNode ? 0 : static_cast<int64_t>(node) + 1; }

nlohmann::json metadata(int64_t track, const std::string& name) {
    return {{"ph", "M"}, {"name", "thread_name"}, {"pid", 1}, {"tid", track},
            {"args", {{"name", name}}}};
}

}  // namespace

std::string chrome_trace_json(const Trace& trace) {
    nlohmann::json events = nlohmann::json::array();
    events.push_back({{"ph", "M"}, {"name", "process_name"}, {"pid", 1},
                      {"args", {{"name", "kafkasim world"}}}});
    std::set<NodeId> nodes;
    for (const TraceEvent& event : trace.events()) nodes.insert(event.node);
    for (NodeId node : nodes) events.push_back(metadata(track_of(node), trace.node_name(node)));

    for (const TraceEvent& event : trace.events()) {
        nlohmann::json args = {{"kind", trace_kind_name(event.kind)},
                               {"time_ns", event.time},
                               {"detail", event.detail}};
        if (event.peer != kNoNode) args["peer"] = trace.node_name(event.peer);
        std::string name = event.name;
        if (event.kind == TraceKind::Message) {
            name += " <- " + trace.node_name(event.peer);
        }
        events.push_back({{"ph", "i"},
                          {"s", "t"},
                          {"name", name},
                          {"cat", trace_kind_name(event.kind)},
                          {"pid", 1},
                          {"tid", track_of(event.node)},
                          // Microseconds with nanosecond precision, as the format expects.
                          {"ts", static_cast<double>(event.time) / 1000.0},
                          {"args", std::move(args)}});
    }
    nlohmann::json document = {{"traceEvents", std::move(events)}, {"displayTimeUnit", "ns"}};
    return document.dump();
}

}  // namespace sim
