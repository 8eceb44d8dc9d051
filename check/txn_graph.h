#pragma once
// TxnGraph: the transactions of a history and the dependencies between them, as
// jepsen.tests.kafka builds them for Elle: each transaction (rows sharing a `txn` id;
// without one, each send and each poll batch alone) is a vertex; `ww` links the writers
// of consecutive values in a partition's version order, `wr` links a value's writer to
// each transaction that polled it. Built once in n·log n; the cycle checkers read it.

#include <cstdint>
#include <string>
#include <vector>

#include "check/analysis.h"

namespace check {

/// Elle's dependency kinds (Jepsen's Kafka graph draws no rw edges: see cycles.cc).
enum class DependencyKind { WW, WR };

/// One dependency and the rows that make it: for ww the two sends (`from_row`, `to_row`),
/// for wr the send and the poll that read its value. Positions in the history.
struct Dependency {
    int32_t from = 0;
    int32_t to = 0;
    DependencyKind kind = DependencyKind::WW;
    size_t from_row = 0;
    size_t to_row = 0;
};

class TxnGraph {
   public:
    explicit TxnGraph(const Analysis& analysis);

    size_t vertex_count() const { return names_.size(); }
    /// "txn <id>" for a transaction, else "send <value>" or "poll batch at index <n>".
    const std::string& name(int32_t vertex) const { return names_[vertex]; }
    /// The transaction vertex of a row, or -1 for a row in none (not a send or ok poll).
    int32_t vertex_of(size_t position) const { return row_vertices_[position]; }
    /// Every dependency, in history order of its `to_row` (one per vertex pair and kind).
    const std::vector<Dependency>& dependencies() const { return dependencies_; }

   private:
    int32_t vertex_for(const Analysis& analysis, size_t position);
    void add_ww(const Analysis& analysis);
    void add_wr(const Analysis& analysis);
    void add(Dependency dependency);

    std::vector<std::string> names_;
    std::vector<int32_t> row_vertices_;
    std::vector<Dependency> dependencies_;
    std::vector<std::vector<std::pair<int32_t, DependencyKind>>> linked_;  // per `from`
};

/// "ww" or "wr".
std::string_view to_string(DependencyKind kind);

/// Whether a send's effect must be visible (Jepsen's `must-have-committed?`): it is ok,
/// or info and some poll read its value.
bool must_have_committed(const Analysis& analysis, size_t send_position);

}  // namespace check
