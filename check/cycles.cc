// G0 and G1c: dependency cycles between transactions, found with Boost.Graph's strong
// components over the graph of txn_graph.h.
//
// Definitions (Adya, as Elle names them; the graph is jepsen.tests.kafka's `graph`):
// - G0 (write cycle): a cycle of ww edges alone: two transactions whose writes interleave
//   in two partitions' logs in opposite orders. Jepsen's `allowed-error-types` allows G0
//   in Kafka ("writes are never isolated"), so G0 is reported and never fails a run.
// - G1c (circular information flow): a cycle of wr edges: each transaction read what the
//   previous one wrote. Jepsen infers no ww edges by default (`:ww-deps` false), and with
//   them allows G1c because write interleaving alone makes `t0 <ww t1 <wr t0` normal; so a
//   G1c here is a cycle of wr edges only, and it fails the run.
// - G-single (one rw anti-dependency in a cycle) is not searched: Jepsen's Kafka graph
//   draws no rw edges (its rw-graph is commented out) because a poll observes a range of
//   offsets whose next version, in another partition, says nothing about what the poll
//   could not see; kafkasim follows that rather than invent edges Jepsen refuses.
// Each anomaly prints its cycle: the transactions, the kind of each edge and the records
// that make it (the send and the send or poll it points to). One anomaly per strongly
// connected component, its shortest cycle through its first vertex. Linear in the graph.
#include <algorithm>
#include <deque>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"
#include "check/txn_graph.h"

namespace check {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

/// The dependencies of one kind, and per vertex the ones leaving it.
struct KindGraph {
    std::vector<const Dependency*> edges;
    std::vector<std::vector<const Dependency*>> out;
};

KindGraph select(const TxnGraph& graph, DependencyKind kind) {
    KindGraph selected;
    selected.out.resize(graph.vertex_count());
    for (const Dependency& dependency : graph.dependencies()) {
        if (dependency.kind != kind) continue;
        selected.edges.push_back(&dependency);
        selected.out[dependency.from].push_back(&dependency);
    }
    return selected;
}

/// The shortest cycle from `start` back to it inside its component (BFS), as edges.
std::vector<const Dependency*> cycle_through(const KindGraph& graph, int32_t start,
                                             const std::vector<int>& component) {
    std::vector<const Dependency*> reached_by(graph.out.size(), nullptr);
    std::deque<int32_t> frontier{start};
    const Dependency* closing = nullptr;
    while (!frontier.empty() && closing == nullptr) {
        const int32_t vertex = frontier.front();
        frontier.pop_front();
        for (const Dependency* edge : graph.out[vertex]) {
            if (component[edge->to] != component[start]) continue;
            if (edge->to == start) {
                closing = edge;
                break;
            }
            if (reached_by[edge->to] != nullptr) continue;
            reached_by[edge->to] = edge;
            frontier.push_back(edge->to);
        }
    }
    KS_ASSERT(closing != nullptr);  // a vertex of a non-trivial component is on a cycle
    std::vector<const Dependency*> cycle{closing};
    for (int32_t at = closing->from; at != start; at = cycle.back()->from) {
        cycle.push_back(reached_by[at]);
    }
    std::reverse(cycle.begin(), cycle.end());
    return cycle;
}

std::string describe_edge(const Analysis& analysis, const TxnGraph& graph,
                          const Dependency& edge) {
    const Op& from = analysis.op(edge.from_row);
    const Op& to = analysis.op(edge.to_row);
    const std::string where = fmt::format("{}-{}", from.topic, from.partition.value_or(-1));
    if (edge.kind == DependencyKind::WR) {
        return fmt::format("{} -wr-> {} (polled \"{}\" at {}@{})", graph.name(edge.from),
                           graph.name(edge.to), from.value, where, to.offset.value_or(-1));
    }
    return fmt::format("{} -ww-> {} (\"{}\" then \"{}\" in {})", graph.name(edge.from),
                       graph.name(edge.to), from.value, to.value, where);
}

Anomaly cycle_anomaly(const Analysis& analysis, const TxnGraph& graph, std::string name,
                      const std::vector<const Dependency*>& cycle) {
    std::vector<std::string> steps;
    for (const Dependency* edge : cycle) steps.push_back(describe_edge(analysis, graph, *edge));
    Anomaly anomaly;
    anomaly.name = std::move(name);
    anomaly.description = fmt::format("cycle of {} transactions: {}", cycle.size(),
                                      fmt::join(steps, "; "));
    for (const Dependency* edge : cycle) {
        add_record(anomaly, analysis.op(edge->from_row));
        add_record(anomaly, analysis.op(edge->to_row));
    }
    return anomaly;
}

void find_cycles(const Analysis& analysis, const TxnGraph& txns, DependencyKind kind,
                 std::string_view name, std::vector<Anomaly>& out) {
    const KindGraph selected = select(txns, kind);
    if (selected.edges.empty()) return;
    Graph graph(txns.vertex_count());
    for (const Dependency* edge : selected.edges) boost::add_edge(edge->from, edge->to, graph);
    std::vector<int> component(txns.vertex_count());
    const int count = boost::strong_components(
        graph, boost::make_iterator_property_map(component.begin(),
                                                 boost::get(boost::vertex_index, graph)));
    std::vector<int32_t> size(static_cast<size_t>(count), 0);
    for (int id : component) ++size[static_cast<size_t>(id)];
    std::vector<bool> reported(static_cast<size_t>(count), false);
    for (size_t vertex = 0; vertex < component.size(); ++vertex) {
        const auto id = static_cast<size_t>(component[vertex]);
        if (size[id] < 2 || reported[id]) continue;
        reported[id] = true;
        const auto start = static_cast<int32_t>(vertex);
        out.push_back(cycle_anomaly(analysis, txns, std::string(name),
                                    cycle_through(selected, start, component)));
    }
}

}  // namespace

void check_cycles(const Analysis& analysis, const CheckOptions&, std::vector<Anomaly>& out) {
    const TxnGraph txns(analysis);
    find_cycles(analysis, txns, DependencyKind::WW, "G0", out);
    find_cycles(analysis, txns, DependencyKind::WR, "G1c", out);
}

KAFKASIM_CHECKER(cycles, "cycles", check_cycles, "G0", "G1c");

}  // namespace check
