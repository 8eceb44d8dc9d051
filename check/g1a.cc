// G1a (aborted read): a poll returned a value whose send definitely failed.
//
// Definition (Jepsen, jepsen.tests.kafka `g1a-cases`): an ok poll read value v, and the
// send of v ended in `fail` (a definite failure; `info`, an unknown outcome, may or may
// not have been applied and is never evidence). One anomaly per such poll row; evidence:
// the failed send and the poll. Linear.
#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {

void check_g1a(const Analysis& analysis, const CheckOptions&, std::vector<Anomaly>& out) {
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& poll = analysis.op(i);
        if (!is_ok_poll(poll)) continue;
        std::optional<size_t> send_position = analysis.send_outcome(poll.value);
        if (!send_position) continue;
        const Op& send = analysis.op(*send_position);
        if (send.type != OpType::Fail) continue;
        Anomaly anomaly = make_anomaly(
            "G1a", poll,
            fmt::format("poll by {} read \"{}\" whose send failed ({})", poll.process,
                        poll.value, send.error.empty() ? "no error given" : send.error));
        add_record(anomaly, send);
        add_record(anomaly, poll);
        out.push_back(std::move(anomaly));
    }
}

KAFKASIM_CHECKER(g1a, "G1a", check_g1a, "G1a");

}  // namespace check
