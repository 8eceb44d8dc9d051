#include "check/poll_steps.h"

#include <unordered_map>
#include <utility>

namespace check {
namespace {

constexpr size_t kSkippedExamples = 10;

/// Where a process stands in one partition.
struct ReadState {
    std::optional<size_t> last;  ///< Its last ok poll row for the partition.
    bool assigned_since = false; ///< An assign row gave it the partition since then.
    /// The process's assignment (count of its assign groups) that last listed the
    /// partition; 0 before any.
    uint32_t assignment = 0;
};

/// Per process: how many assign groups (consecutive assign rows) it wrote, and whether
/// its previous row was an assign row (the next one then continues the group).
struct ProcessAssignments {
    uint32_t count = 0;
    bool in_group = false;
};

}  // namespace

std::vector<PollStep> poll_steps(const Analysis& analysis) {
    // Keyed by (process id, partition id); lookups only, never iterated.
    std::unordered_map<uint64_t, ReadState> states;
    std::vector<ProcessAssignments> assignments(analysis.process_count());
    std::vector<PollStep> steps;
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        const auto process = static_cast<uint32_t>(analysis.process_id(i));
        ProcessAssignments& assigned = assignments[process];
        const bool assign = op.f == OpFunction::Assign && op.type == OpType::Ok;
        if (assign && !assigned.in_group) ++assigned.count;
        assigned.in_group = assign;
        const bool read = is_observed_poll(op) && op.offset.has_value();
        std::optional<int32_t> id = analysis.partition_id(i);
        if (!id || !(assign || read)) continue;
        ReadState& state = states[(uint64_t{process} << 32) | static_cast<uint32_t>(*id)];
        // Jepsen: an assign or subscribe keeps only the positions it still covers. A
        // partition missing from an assignment since the state's last one was dropped.
        const uint32_t current = assigned.count - (assign ? 1 : 0);
        if (state.assignment < current) state.last.reset();
        if (assign) {
            state.assigned_since = true;
            state.assignment = assigned.count;
            continue;
        }
        const bool same_batch =
            state.last && analysis.poll_batch(*state.last) == analysis.poll_batch(i);
        const bool after_assign = !same_batch && state.assigned_since;
        if (state.last) {
            const Op& previous = analysis.op(*state.last);
            const int64_t delta = *analysis.rank(*id, *op.offset) -
                                  *analysis.rank(*id, *previous.offset);
            steps.push_back(PollStep{*state.last, i, *id, delta, same_batch, after_assign});
        }
        // Jepsen: a failed or indefinite poll is compared, but leaves the position where it
        // was (the application did not take those records).
        if (op.type != OpType::Ok) continue;
        if (!same_batch) state.assigned_since = false;
        state.last = i;
    }
    return steps;
}

Anomaly make_step_anomaly(const Analysis& analysis, const PollStep& step, std::string name,
                          std::string description) {
    const Op& previous = analysis.op(step.previous);
    const Op& current = analysis.op(step.current);
    Anomaly anomaly = make_anomaly(std::move(name), current, std::move(description));
    anomaly.after_assign = step.after_assign;
    add_record(anomaly, previous);
    add_record(anomaly, current);
    return anomaly;
}

std::string skipped_offsets(const Analysis& analysis, const PollStep& step) {
    const std::vector<int64_t> skipped =
        analysis.offsets_between(step.partition_id, *analysis.op(step.previous).offset,
                                 *analysis.op(step.current).offset, kSkippedExamples);
    std::string text = skipped.size() == 1 ? "offset " : "offsets ";
    for (size_t i = 0; i < skipped.size(); ++i) {
        text += (i == 0 ? "" : ", ") + std::to_string(skipped[i]);
    }
    if (static_cast<int64_t>(skipped.size()) < step.delta - 1) text += ", ...";
    return text;
}

}  // namespace check
