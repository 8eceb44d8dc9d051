#include "sim/topology.h"

// Boost.Graph's edge iterators trip GCC 12's -Wmaybe-uninitialized after inlining (a
// known false positive inside boost::optional); silence it for this file only.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/graphviz.hpp>
#include <sstream>

#include "sim/assert.h"
#include "sim/network.h"
#include "sim/rng.h"

namespace sim {
namespace {

using Members = std::vector<NodeId>;

bool contains(const Members& members, NodeId node) {
    return std::find(members.begin(), members.end(), node) != members.end();
}

// Cuts every link, both directions, between a member of `left` and one of `right`.
void cut_between(const Members& left, const Members& right, std::vector<DirectedLink>& cuts) {
    for (NodeId a : left) {
        for (NodeId b : right) {
            if (a == b) continue;
            cuts.emplace_back(a, b);
            cuts.emplace_back(b, a);
        }
    }
}

Partition finish(std::string shape, std::vector<Members> groups, std::vector<DirectedLink> cuts) {
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    for (Members& group : groups) std::sort(group.begin(), group.end());
    return Partition{std::move(shape), std::move(groups), std::move(cuts)};
}

// Splits `nodes`, shuffled by `rng`, into two halves of sizes n/2 and n - n/2.
std::pair<Members, Members> random_halves(const Members& nodes, Rng& rng) {
    Members shuffled = nodes;
    std::sort(shuffled.begin(), shuffled.end());  // independent of the caller's order
    rng.shuffle(shuffled);
    const size_t half = shuffled.size() / 2;
    return {Members(shuffled.begin(), shuffled.begin() + static_cast<ptrdiff_t>(half)),
            Members(shuffled.begin() + static_cast<ptrdiff_t>(half), shuffled.end())};
}

}  // namespace

Partition isolate(const Members& nodes, NodeId node) {
    KS_ASSERT(contains(nodes, node));
    Members others;
    for (NodeId other : nodes) {
        if (other != node) others.push_back(other);
    }
    std::vector<DirectedLink> cuts;
    cut_between({node}, others, cuts);
    return finish("isolate", {{node}, others}, std::move(cuts));
}

Partition halves(const Members& nodes, Rng& rng) {
    KS_ASSERT(nodes.size() >= 2);
    auto [left, right] = random_halves(nodes, rng);
    std::vector<DirectedLink> cuts;
    cut_between(left, right, cuts);
    return finish("halves", {left, right}, std::move(cuts));
}

Partition majority_ring(const Members& nodes, Rng& rng) {
    KS_ASSERT(nodes.size() >= 3);
    Members ring = nodes;
    std::sort(ring.begin(), ring.end());
    rng.shuffle(ring);
    const size_t n = ring.size();
    // A node sees itself and `reach` neighbours on each side: 2 * reach + 1 >= n/2 + 1.
    const size_t reach = (n / 2 + 1) / 2;
    std::vector<DirectedLink> cuts;
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < n; ++j) {
            const size_t gap = i > j ? i - j : j - i;
            const size_t distance = std::min(gap, n - gap);
            if (distance > reach) cuts.emplace_back(ring[i], ring[j]);
        }
    }
    std::vector<Members> groups;
    for (size_t i = 0; i < n; ++i) {
        Members seen;
        for (size_t d = 0; d <= 2 * reach; ++d) seen.push_back(ring[(i + n - reach + d) % n]);
        groups.push_back(std::move(seen));
    }
    return finish("majority-ring", std::move(groups), std::move(cuts));
}

Partition bridge(const Members& nodes, Rng& rng) {
    KS_ASSERT(nodes.size() >= 3);
    Members shuffled = nodes;
    std::sort(shuffled.begin(), shuffled.end());
    rng.shuffle(shuffled);
    const NodeId middle = shuffled.back();
    shuffled.pop_back();
    const size_t half = shuffled.size() / 2;
    Members left(shuffled.begin(), shuffled.begin() + static_cast<ptrdiff_t>(half));
    Members right(shuffled.begin() + static_cast<ptrdiff_t>(half), shuffled.end());
    std::vector<DirectedLink> cuts;
    cut_between(left, right, cuts);
    return finish("bridge", {left, {middle}, right}, std::move(cuts));
}

Partition one_way(const Members& nodes, NodeId source) {
    KS_ASSERT(contains(nodes, source));
    std::vector<DirectedLink> cuts;
    Members others;
    for (NodeId other : nodes) {
        if (other == source) continue;
        others.push_back(other);
        cuts.emplace_back(source, other);
    }
    return finish("one-way", {{source}, others}, std::move(cuts));
}

void apply_partition(Network& network, const Partition& partition) {
    for (const auto& [from, to] : partition.cuts) network.cut_one_way(from, to);
}

void heal_partition(Network& network, const Partition& partition) {
    for (const auto& [from, to] : partition.cuts) network.heal_one_way(from, to);
}

struct Topology::Graph {
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS> graph;
};

Topology::Topology(Members nodes, const std::vector<DirectedLink>& cuts)
    : nodes_(std::move(nodes)), graph_(std::make_unique<Graph>()) {
    std::sort(nodes_.begin(), nodes_.end());
    nodes_.erase(std::unique(nodes_.begin(), nodes_.end()), nodes_.end());
    std::vector<DirectedLink> sorted_cuts = cuts;
    std::sort(sorted_cuts.begin(), sorted_cuts.end());
    graph_->graph = decltype(graph_->graph)(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) {
        for (size_t j = 0; j < nodes_.size(); ++j) {
            if (i == j) continue;
            const DirectedLink link{nodes_[i], nodes_[j]};
            if (std::binary_search(sorted_cuts.begin(), sorted_cuts.end(), link)) continue;
            boost::add_edge(i, j, graph_->graph);
        }
    }
}

Topology::Topology(Members nodes, const Network& network)
    : Topology(std::move(nodes), network.cuts()) {}

Topology::~Topology() = default;
Topology::Topology(Topology&&) noexcept = default;
Topology& Topology::operator=(Topology&&) noexcept = default;

size_t Topology::index_of(NodeId node) const {
    auto it = std::lower_bound(nodes_.begin(), nodes_.end(), node);
    KS_ASSERT(it != nodes_.end());
    KS_ASSERT(*it == node);
    return static_cast<size_t>(it - nodes_.begin());
}

bool Topology::can_send(NodeId from, NodeId to) const {
    if (from == to) return true;
    return boost::edge(index_of(from), index_of(to), graph_->graph).second;
}

Members Topology::reachable_from(NodeId from) const {
    std::vector<boost::default_color_type> colors(nodes_.size(), boost::white_color);
    auto color_map = boost::make_iterator_property_map(
        colors.begin(), boost::get(boost::vertex_index, graph_->graph));
    boost::breadth_first_search(graph_->graph, index_of(from), boost::color_map(color_map));
    Members result;
    for (size_t i = 0; i < nodes_.size(); ++i) {
        if (colors[i] != boost::white_color) result.push_back(nodes_[i]);
    }
    return result;
}

bool Topology::reachable(NodeId from, NodeId to) const {
    const Members all = reachable_from(from);
    return std::binary_search(all.begin(), all.end(), to);
}

Members Topology::sees(NodeId node) const {
    Members result;
    for (NodeId other : nodes_) {
        if (can_send(node, other) && can_send(other, node)) result.push_back(other);
    }
    return result;
}

std::string Topology::to_dot(const std::vector<std::string>& names) const {
    std::vector<std::string> labels;
    for (size_t i = 0; i < nodes_.size(); ++i) {
        labels.push_back(i < names.size() ? names[i] : "node-" + std::to_string(nodes_[i]));
    }
    std::ostringstream out;
    boost::write_graphviz(out, graph_->graph, boost::make_label_writer(labels.data()));
    return out.str();
}

}  // namespace sim
