#include "sim/world.h"

#include "sim/assert.h"

namespace sim {

World::World(WorldOptions options)
    : options_(options), rng_(options.seed), trace_(options.keep_trace_events) {
    network_ = std::make_unique<Network>(*this, options_.network, rng_.child("network"));
}

World::~World() {
    // Processes go first: they may hold messages and refer to their NodeEnv.
    nodes_.clear();
}

void World::add_node(NodeId id, std::string name, ProcessFactory factory) {
    KS_ASSERT(id != kNoNode);
    KS_ASSERT(!has_node(id));
    trace_.set_node_name(id, name);
    auto node = std::make_unique<Node>(*this, id, std::move(name), std::move(factory),
                                       rng_.child("node", static_cast<uint32_t>(id)),
                                       options_.disk);
    Node& ref = *node;
    nodes_.emplace(id, std::move(node));
    ref.start(/*defer_on_start=*/true);
}

bool World::has_node(NodeId id) const { return nodes_.count(id) != 0; }

std::vector<NodeId> World::node_ids() const {
    std::vector<NodeId> ids;
    ids.reserve(nodes_.size());
    for (const auto& entry : nodes_) ids.push_back(entry.first);
    return ids;
}

Node* World::find_node(NodeId id) {
    auto it = nodes_.find(id);
    return it == nodes_.end() ? nullptr : it->second.get();
}

const Node* World::find_node(NodeId id) const {
    auto it = nodes_.find(id);
    return it == nodes_.end() ? nullptr : it->second.get();
}

const std::string& World::node_name(NodeId id) const {
    const Node* node = find_node(id);
    KS_ASSERT(node != nullptr);
    return node->name();
}

NodeState World::node_state(NodeId id) const {
    const Node* node = find_node(id);
    KS_ASSERT(node != nullptr);
    return node->state();
}

Process* World::process(NodeId id) {
    Node* node = find_node(id);
    return node == nullptr ? nullptr : node->process();
}

Disk& World::disk(NodeId id) {
    Node* node = find_node(id);
    KS_ASSERT(node != nullptr);
    return node->disk();
}

bool World::crash(NodeId id) {
    Node* node = find_node(id);
    KS_ASSERT(node != nullptr);
    if (!node->crash()) return false;
    record_fault("crash", id);
    return true;
}

bool World::power_loss(NodeId id) {
    Node* node = find_node(id);
    KS_ASSERT(node != nullptr);
    if (!node->power_loss()) return false;
    record_fault("power-loss", id);
    return true;
}

bool World::restart(NodeId id) {
    Node* node = find_node(id);
    KS_ASSERT(node != nullptr);
    if (node->state() != NodeState::Crashed) return false;
    record_fault("restart", id);
    return node->restart();
}

bool World::pause(NodeId id) {
    Node* node = find_node(id);
    KS_ASSERT(node != nullptr);
    if (!node->pause()) return false;
    record_fault("pause", id);
    return true;
}

bool World::resume(NodeId id) {
    Node* node = find_node(id);
    KS_ASSERT(node != nullptr);
    if (!node->resume()) return false;
    record_fault("resume", id);
    return true;
}

void World::set_clock_skew(NodeId id, Duration skew) {
    Node* node = find_node(id);
    KS_ASSERT(node != nullptr);
    node->set_clock_skew(skew);
    trace_.record(now(), TraceKind::Fault, id, kNoNode, "clock-skew",
                  static_cast<uint64_t>(skew));
}

void World::reseed(uint64_t salt) {
    uint64_t mix = salt ^ 0x5eed5a1700000000ULL;
    rng_ = Rng(options_.seed ^ splitmix64(mix));
    network_->reseed(rng_.child("network"));
    for (auto& [id, node] : nodes_) node->reseed(rng_.child("node", static_cast<uint32_t>(id)));
    trace_.record(now(), TraceKind::Note, kNoNode, kNoNode, "reseed", salt);
}

void World::record_fault(std::string_view what, NodeId node) {
    trace_.record(now(), TraceKind::Fault, node, kNoNode, what, 0);
}

void World::note(std::string_view text) {
    trace_.record(now(), TraceKind::Note, kNoNode, kNoNode, text, 0);
}

std::map<std::string, uint64_t> World::probe_counts() const {
    std::map<std::string, uint64_t> counts;
    for (const auto& [id, node] : nodes_) {
        for (const auto& [name, count] : node->probes()) counts[name] += count;
    }
    return counts;
}

}  // namespace sim
