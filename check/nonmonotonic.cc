// nonmonotonic-poll, nonmonotonic-send and int-send-skip: order going backwards.
//
// Definitions (Jepsen, jepsen.tests.kafka), on the partition's version order (the
// distinct offsets at which any send ack or poll saw a value):
// - nonmonotonic-poll (`poll-skip+nonmonotonic-cases`, `int-poll-skip+...`): a process's
//   read of a partition is at or before the record it read just before (in the previous
//   poll call, or earlier in the same call: Jepsen's int-nonmonotonic-poll, reported under
//   this name). Across poll calls it is tolerated on the first poll after an assign row
//   gave the process the partition (a new owner starts at the committed offset).
// - nonmonotonic-send (`nonmonotonic-send-cases`): a process's acknowledged send lands at
//   or before its previous acknowledged send to that partition, in the order the
//   application issued them. A send acknowledged without an offset is placed where the
//   polls saw its value, as Jepsen's version order places it.
// - int-send-skip (`int-send-skip+nonmonotonic-cases`): a process's successive
//   acknowledged sends to a partition are not adjacent in it. Normal when several
//   producers interleave; reported, never failing. One anomaly per (process, partition)
//   with the count, evidence of the largest skip.
// n·log n.
#include <map>

#include <fmt/format.h>

#include "check/checker.h"
#include "check/poll_steps.h"

namespace check {
namespace {

/// The largest send skip of one process in one partition, and how many there were.
struct SendSkips {
    int64_t count = 0;
    int64_t largest_delta = 0;
    size_t previous = 0;
    size_t current = 0;
};

Anomaly send_anomaly(const Analysis& analysis, std::string name, size_t previous, size_t current,
                     std::string description) {
    Anomaly anomaly = make_anomaly(std::move(name), analysis.op(current), std::move(description));
    add_record(anomaly, analysis.op(previous));
    add_record(anomaly, analysis.op(current));
    return anomaly;
}

void check_process_sends(const Analysis& analysis, const std::vector<size_t>& sends,
                         std::vector<Anomaly>& out) {
    std::map<int32_t, std::pair<size_t, int64_t>> last_send;  // partition -> (row, offset)
    std::map<int32_t, SendSkips> skips;
    for (size_t position : sends) {
        const Op& send = analysis.op(position);
        if (send.f != OpFunction::Send || send.type != OpType::Ok) continue;
        // Acknowledged without an offset: placed where the polls saw its value (Jepsen).
        const std::optional<std::pair<int32_t, int64_t>> placed = analysis.placement(position);
        if (!placed) continue;
        const auto [id, offset] = *placed;
        auto last = last_send.find(id);
        if (last != last_send.end()) {
            const auto [previous_row, previous_offset] = last->second;
            const Op& previous = analysis.op(previous_row);
            const int64_t delta = *analysis.rank(id, offset) - *analysis.rank(id, previous_offset);
            if (delta < 1) {
                out.push_back(send_anomaly(
                    analysis, "nonmonotonic-send", previous_row, position,
                    fmt::format("{} sent \"{}\" then \"{}\", acknowledged at offsets {} then {}",
                                send.process, previous.value, send.value, previous_offset,
                                offset)));
            } else if (delta > 1) {
                SendSkips& skip = skips[id];
                ++skip.count;
                if (delta > skip.largest_delta) skip = {skip.count, delta, previous_row, position};
            }
        }
        last_send[id] = {position, offset};
    }
    for (const auto& [id, skip] : skips) {
        out.push_back(send_anomaly(
            analysis, "int-send-skip", skip.previous, skip.current,
            fmt::format("{}'s successive sends left gaps {} time{}; the largest held {} "
                        "other record{}",
                        analysis.op(skip.current).process, skip.count,
                        skip.count == 1 ? "" : "s", skip.largest_delta - 1,
                        skip.largest_delta == 2 ? "" : "s")));
    }
}

}  // namespace

void check_nonmonotonic_send(const Analysis& analysis, const CheckOptions&,
                             std::vector<Anomaly>& out) {
    for (const auto& [process, sends] : analysis.sends_by_process()) {
        check_process_sends(analysis, sends, out);
    }
}

void check_nonmonotonic_poll(const Analysis& analysis, const CheckOptions&,
                             std::vector<Anomaly>& out) {
    for (const PollStep& step : poll_steps(analysis)) {
        if (step.delta >= 1) continue;
        const Op& previous = analysis.op(step.previous);
        const Op& current = analysis.op(step.current);
        out.push_back(make_step_anomaly(
            analysis, step, "nonmonotonic-poll",
            fmt::format("{} read offset {} then {}{}", current.process, *previous.offset,
                        *current.offset, step.same_batch ? " in one poll" : "")));
    }
}

KAFKASIM_CHECKER(nonmonotonic_send, "nonmonotonic-send", check_nonmonotonic_send,
                 "nonmonotonic-send", "int-send-skip");

KAFKASIM_CHECKER(nonmonotonic_poll, "nonmonotonic-poll", check_nonmonotonic_poll,
                 "nonmonotonic-poll");

}  // namespace check
