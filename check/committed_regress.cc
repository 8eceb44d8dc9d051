// committed-regress: a group's committed offset for a partition went backwards.
//
// Definition (ours; Jepsen has none): Kafka fences commits from stale generations, so the
// offsets a group commits for a partition only grow unless the application seeks back.
// An ok commit row (`key` = group, `offset` = the committed offset) regresses when its
// offset is below that of an ok commit for the same (group, partition) which had
// completed before this commit was invoked (its invoke row; without one, before its ok
// row). Commits in flight together are not ordered, so they are not compared. One
// anomaly per regressing commit; evidence: the earlier commit and this one. n·log n.
#include <map>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {

void check_committed_regress(const Analysis& analysis, const CheckOptions&,
                             std::vector<Anomaly>& out) {
    using Slot = std::pair<std::string_view, int32_t>;  // group, partition id
    std::map<Slot, size_t> highest;                      // -> ok commit row
    std::map<std::tuple<std::string_view, std::string_view, int32_t>, std::optional<size_t>>
        seen_at_invoke;  // (process, group, partition) -> highest when it invoked
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        std::optional<int32_t> id = analysis.partition_id(i);
        // An invoke row needs no offset: it only marks when the commit was asked for.
        if (op.f != OpFunction::Commit || !id) continue;
        if (!op.offset && op.type != OpType::Invoke) continue;
        const Slot slot{op.key, *id};
        auto best = highest.find(slot);
        std::optional<size_t> baseline;
        if (best != highest.end()) baseline = best->second;
        const auto pending_key = std::make_tuple(std::string_view(op.process), slot.first, *id);
        if (op.type == OpType::Invoke) {
            seen_at_invoke[pending_key] = baseline;
            continue;
        }
        auto pending = seen_at_invoke.find(pending_key);
        if (pending != seen_at_invoke.end()) {
            baseline = pending->second;
            seen_at_invoke.erase(pending);
        }
        if (op.type != OpType::Ok) continue;
        if (baseline && *op.offset < *analysis.op(*baseline).offset) {
            const Op& earlier = analysis.op(*baseline);
            Anomaly anomaly = make_anomaly(
                "committed-regress", op,
                fmt::format("group \"{}\" committed offset {} after offset {} was committed",
                            op.key, *op.offset, *earlier.offset));
            add_record(anomaly, earlier);
            add_record(anomaly, op);
            out.push_back(std::move(anomaly));
        }
        if (best == highest.end() || *op.offset > *analysis.op(best->second).offset) {
            highest[slot] = i;
        }
    }
}

KAFKASIM_CHECKER(committed_regress, "committed-regress", check_committed_regress,
                 "committed-regress");

}  // namespace check
