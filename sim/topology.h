#pragma once
// The network's reachability as a graph: which directed links are up, who can reach
// whom (directly or over several hops), the partition shapes faults cut, and DOT export.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/message.h"

namespace sim {

class Network;
class Rng;

/// A directed link that is cut: messages from `first` to `second` are lost.
using DirectedLink = std::pair<NodeId, NodeId>;

/// A partition shape drawn over a set of nodes: the groups it makes (for reports) and
/// the directed links it cuts (what the network is told).
struct Partition {
    /// "isolate", "halves", "majority-ring", "bridge", "one-way".
    std::string shape;
    /// The sides, for traces and reports; a bridge's bridge node is in its own group.
    std::vector<std::vector<NodeId>> groups;
    /// Every directed link this partition cuts, sorted, without duplicates.
    std::vector<DirectedLink> cuts;
};

/// `node` can't talk to or hear from anyone else in `nodes`.
Partition isolate(const std::vector<NodeId>& nodes, NodeId node);
/// A random split into two halves (sizes n/2 and n - n/2); no link crosses the split.
Partition halves(const std::vector<NodeId>& nodes, Rng& rng);
/// Jepsen's majorities ring: nodes on a random ring each see themselves and their
/// nearest neighbours, a majority, but no two nodes see the same majority.
Partition majority_ring(const std::vector<NodeId>& nodes, Rng& rng);
/// Two random halves that can't talk directly but both talk to one bridge node.
Partition bridge(const std::vector<NodeId>& nodes, Rng& rng);
/// Messages from `source` to every other node are lost; it still hears everyone.
Partition one_way(const std::vector<NodeId>& nodes, NodeId source);

/// Cuts every link of `partition` on the network.
void apply_partition(Network& network, const Partition& partition);
/// Heals every link `partition` cut (links cut by something else are healed too).
void heal_partition(Network& network, const Partition& partition);

/// A snapshot of which directed links are up among a set of nodes, as a Boost.Graph
/// directed graph (an edge a -> b when a message from a to b would arrive).
class Topology {
   public:
    /// From explicit cuts; every pair of distinct nodes not cut is connected.
    Topology(std::vector<NodeId> nodes, const std::vector<DirectedLink>& cuts);
    /// From the network's current cuts.
    Topology(std::vector<NodeId> nodes, const Network& network);
    ~Topology();
    Topology(Topology&&) noexcept;
    Topology& operator=(Topology&&) noexcept;

    const std::vector<NodeId>& nodes() const { return nodes_; }
    /// A message sent from `from` to `to` would arrive (one hop).
    bool can_send(NodeId from, NodeId to) const;
    /// `to` is reachable from `from` over one or more up links (a relay could carry it).
    bool reachable(NodeId from, NodeId to) const;
    /// Every node reachable from `from`, itself included, sorted.
    std::vector<NodeId> reachable_from(NodeId from) const;
    /// The nodes `node` can talk to in both directions over direct links, itself included.
    std::vector<NodeId> sees(NodeId node) const;

    /// Graphviz DOT (boost::write_graphviz): one vertex per node, labelled names[i] for
    /// nodes()[i] (or "node-<id>" past its end), one edge per up directed link.
    std::string to_dot(const std::vector<std::string>& names = {}) const;

   private:
    struct Graph;
    size_t index_of(NodeId node) const;
    std::vector<NodeId> nodes_;
    std::unique_ptr<Graph> graph_;
};

}  // namespace sim
