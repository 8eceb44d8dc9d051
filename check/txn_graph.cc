#include "check/txn_graph.h"

#include <algorithm>
#include <unordered_map>

namespace check {

std::string_view to_string(DependencyKind kind) {
    return kind == DependencyKind::WW ? "ww" : "wr";
}

bool must_have_committed(const Analysis& analysis, size_t send_position) {
    const Op& send = analysis.op(send_position);
    if (send.type == OpType::Ok) return true;
    return send.type == OpType::Info && analysis.was_polled(send.value);
}

TxnGraph::TxnGraph(const Analysis& analysis) : row_vertices_(analysis.history().size(), -1) {
    std::unordered_map<std::string_view, int32_t> txns;  // lookups only
    std::unordered_map<int64_t, int32_t> batches;        // lookups only
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        const bool send = op.f == OpFunction::Send && op.type != OpType::Invoke;
        if (!send && !is_ok_poll(op)) continue;
        if (!op.txn.empty()) {
            auto [it, inserted] = txns.try_emplace(op.txn, static_cast<int32_t>(names_.size()));
            if (inserted) names_.push_back("txn " + op.txn);
            row_vertices_[i] = it->second;
        } else if (send) {
            row_vertices_[i] = static_cast<int32_t>(names_.size());
            names_.push_back("send \"" + op.value + "\"");
        } else {
            auto [it, inserted] = batches.try_emplace(analysis.poll_batch(i),
                                                      static_cast<int32_t>(names_.size()));
            if (inserted) names_.push_back("poll batch at index " + std::to_string(op.index));
            row_vertices_[i] = it->second;
        }
    }
    linked_.resize(names_.size());
    add_ww(analysis);
    add_wr(analysis);
    std::stable_sort(dependencies_.begin(), dependencies_.end(),
                     [](const Dependency& a, const Dependency& b) { return a.to_row < b.to_row; });
}

void TxnGraph::add(Dependency dependency) {
    if (dependency.from == dependency.to || dependency.from < 0 || dependency.to < 0) return;
    auto& links = linked_[dependency.from];
    const std::pair<int32_t, DependencyKind> link{dependency.to, dependency.kind};
    if (std::find(links.begin(), links.end(), link) != links.end()) return;
    links.push_back(link);
    dependencies_.push_back(dependency);
}

void TxnGraph::add_ww(const Analysis& analysis) {
    // Per partition, the sends in version order (the first value seen at each offset):
    // each links to the next one, as Jepsen's ww-graph links a value to its predecessor.
    const std::vector<Occurrence>& occurrences = analysis.occurrences();
    constexpr size_t kNone = static_cast<size_t>(-1);
    size_t previous = kNone;  // send row of the previous offset's value
    for (size_t i = 0; i < occurrences.size(); ++i) {
        const Occurrence& here = occurrences[i];
        const bool new_partition = i == 0 || occurrences[i - 1].partition_id != here.partition_id;
        if (new_partition) previous = kNone;
        if (i > 0 && !new_partition && occurrences[i - 1].offset == here.offset) continue;
        std::optional<size_t> send = analysis.send_outcome(here.value);
        if (!send || !must_have_committed(analysis, *send)) continue;
        if (previous != kNone) {
            add(Dependency{row_vertices_[previous], row_vertices_[*send], DependencyKind::WW,
                           previous, *send});
        }
        previous = *send;
    }
}

void TxnGraph::add_wr(const Analysis& analysis) {
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        if (!is_ok_poll(analysis.op(i))) continue;
        std::optional<size_t> send = analysis.send_outcome(analysis.op(i).value);
        if (!send) continue;
        add(Dependency{row_vertices_[*send], row_vertices_[i], DependencyKind::WR, *send, i});
    }
}

}  // namespace check
