// poll-skip and int-poll-skip: a consumer jumped over records it should have read.
//
// Definitions (Jepsen, jepsen.tests.kafka `poll-skip+nonmonotonic-cases` and
// `int-poll-skip+nonmonotonic-cases`), on the partition's version order (the distinct
// offsets at which any send ack or poll saw a value; gaps such as transaction markers are
// not records):
// - poll-skip: two successive poll calls of one process read a partition, and the first
//   record of the later one is more than one position after the last record of the
//   earlier one. Tolerated on the first poll after an assign row gave the process the
//   partition (it may start at the committed offset).
// - int-poll-skip: the same between two successive records of one poll call.
// One anomaly per step; evidence: both rows (the description names up to ten skipped
// offsets). n·log n.
#include <fmt/format.h>

#include "check/checker.h"
#include "check/poll_steps.h"

namespace check {

void check_poll_skip(const Analysis& analysis, const CheckOptions&, std::vector<Anomaly>& out) {
    for (const PollStep& step : poll_steps(analysis)) {
        if (step.delta <= 1) continue;
        const Op& previous = analysis.op(step.previous);
        const Op& current = analysis.op(step.current);
        const std::string description = fmt::format(
            "{} read offset {} then {}{}, skipping {} record{} ({})", current.process,
            *previous.offset, *current.offset, step.same_batch ? " in one poll" : "",
            step.delta - 1, step.delta == 2 ? "" : "s", skipped_offsets(analysis, step));
        out.push_back(make_step_anomaly(analysis, step,
                                        step.same_batch ? "int-poll-skip" : "poll-skip",
                                        description));
    }
}

KAFKASIM_CHECKER(poll_skip, "poll-skip", check_poll_skip, "poll-skip", "int-poll-skip");

}  // namespace check
