// group-overlap: two live members of a consumer group own one partition in one generation.
//
// Definition (ours; Jepsen has none): a generation's assignment is computed once, by the
// group leader, and gives each partition to at most one member. Each member's ok assign
// rows (consecutive rows of one process at one time form one assignment; `key` = group,
// `value` = generation) replace what it owned before; a crash row ends its ownership.
// When a member comes to own (group, generation, partition) while another live member
// owns the same, that is an overlap. Manual assigns (empty group) are never checked: two
// standalone consumers may read one partition. One anomaly per overlap; evidence: both
// assign rows. n·log n.
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {
namespace {

using Holding = std::tuple<std::string_view, std::string_view, int32_t>;  // group, gen, id

/// Who owns what right now.
struct Ownership {
    std::map<Holding, std::map<std::string_view, size_t>> holders;  // -> process, assign row
    std::map<std::string_view, std::vector<Holding>> held_by;        // process -> holdings

    void release(std::string_view process) {
        for (const Holding& holding : held_by[process]) holders[holding].erase(process);
        held_by[process].clear();
    }
};

bool starts_new_assignment(const Analysis& analysis, std::optional<size_t> previous, size_t i) {
    if (!previous) return true;
    const Op& before = analysis.op(*previous);
    return !(before.f == OpFunction::Assign && before.type == OpType::Ok &&
             before.time_ns == analysis.op(i).time_ns);
}

void take(const Analysis& analysis, Ownership& ownership, size_t i, std::vector<Anomaly>& out) {
    const Op& op = analysis.op(i);
    std::optional<int32_t> id = analysis.partition_id(i);
    if (op.key.empty() || !id) return;
    const Holding holding{op.key, op.value, *id};
    auto& holders = ownership.holders[holding];
    for (const auto& [other, row] : holders) {
        if (other == op.process) continue;
        Anomaly anomaly = make_anomaly(
            "group-overlap", op,
            fmt::format("{} and {} both own it in group \"{}\" generation \"{}\"", other,
                        op.process, op.key, op.value));
        add_op(anomaly, analysis.op(row));
        add_op(anomaly, op);
        out.push_back(std::move(anomaly));
    }
    if (holders.emplace(op.process, i).second) ownership.held_by[op.process].push_back(holding);
}

}  // namespace

void check_group_overlap(const Analysis& analysis, const CheckOptions&,
                         std::vector<Anomaly>& out) {
    Ownership ownership;
    std::vector<std::optional<size_t>> previous_row(analysis.process_count());  // by process id
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        std::optional<size_t>& previous = previous_row[static_cast<size_t>(analysis.process_id(i))];
        const std::optional<size_t> previous_position = previous;
        previous = i;
        if (op.f == OpFunction::Crash) {
            ownership.release(op.process);
        } else if (op.f == OpFunction::Assign && op.type == OpType::Ok) {
            if (starts_new_assignment(analysis, previous_position, i)) {
                ownership.release(op.process);
            }
            take(analysis, ownership, i, out);
        }
    }
}

KAFKASIM_CHECKER(group_overlap, "group-overlap", check_group_overlap, "group-overlap");

}  // namespace check
