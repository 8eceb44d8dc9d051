#include "sim/trace.h"

#include "sim/rng.h"

namespace sim {
namespace {

// One round of a strong 64-bit mixer (the SplitMix64 finaliser) per folded word, so a
// change anywhere in the run changes every later hash.
uint64_t fold(uint64_t hash, uint64_t word) {
    uint64_t z = hash ^ (word + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace

const char* trace_kind_name(TraceKind kind) {
    switch (kind) {
        case TraceKind::NodeStart: return "start";
        case TraceKind::Message: return "message";
        case TraceKind::Dropped: return "dropped";
        case TraceKind::Timer: return "timer";
        case TraceKind::Disconnected: return "disconnected";
        case TraceKind::Fault: return "fault";
        case TraceKind::Note: return "note";
    }
    KS_UNREACHABLE();
}

void Trace::record(Time time, TraceKind kind, NodeId node, NodeId peer, std::string_view name,
                   uint64_t detail) {
    uint64_t h = fold(hash_, static_cast<uint64_t>(time));
    const uint64_t who = (static_cast<uint64_t>(static_cast<uint32_t>(node)) << 32) |
                         static_cast<uint32_t>(peer);
    h = fold(h, who ^ (static_cast<uint64_t>(kind) << 56));
    h = fold(h, fnv1a64(name));
    hash_ = fold(h, detail);
    ++count_;
    if (keep_events_) {
        events_.push_back(TraceEvent{time, kind, node, peer, std::string(name), detail});
    }
}

void Trace::set_node_name(NodeId node, std::string name) {
    for (auto& entry : node_names_) {
        if (entry.first == node) {
            entry.second = std::move(name);
            return;
        }
    }
    node_names_.emplace_back(node, std::move(name));
}

std::string Trace::node_name(NodeId node) const {
    for (const auto& entry : node_names_) {
        if (entry.first == node) return entry.second;
    }
    return node == kNoNode ? std::string("world") : "node-" + std::to_string(node);
}

}  // namespace sim
