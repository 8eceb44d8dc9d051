// client-error: a client call threw, so the application behind it stopped.
//
// Definition: a `fail` poll row is a poll() that threw in Kafka — NoOffsetForPartitionException
// (auto.offset.reset=none and no committed offset), OffsetOutOfRangeException (a position out
// of range with no reset policy), InvalidSessionTimeoutException or any other fatal group
// error — with the exception's name in `error`. A consumer loop does not survive an
// uncaught exception, so every record after it goes unread by that member, and a history
// with no other anomaly would pass while the consumer simply died: the failure itself is
// the anomaly (Jepsen names a client's crash in its history; here it fails the run unless
// the scenario expects it, `expect = "violation:client-error"`). One anomaly per process.
#include <set>
#include <string>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {

namespace {

void check_client_error(const Analysis& analysis, const CheckOptions&,
                        std::vector<Anomaly>& out) {
    std::set<std::string> reported;
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        if (op.f != OpFunction::Poll || op.type != OpType::Fail) continue;
        if (!reported.insert(op.process).second) continue;
        out.push_back(make_anomaly(
            "client-error", op,
            fmt::format("{}'s poll() threw {}{}: the consumer stopped reading", op.process,
                        op.error.empty() ? "an exception" : op.error,
                        op.partition ? fmt::format(" on {}-{}", op.topic, *op.partition)
                                     : std::string())));
    }
}

}  // namespace

KAFKASIM_CHECKER(client_error, "client-error", check_client_error, "client-error");

}  // namespace check
