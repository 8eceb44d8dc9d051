// unseen: acknowledged records that no poll had read by the end of the history.
//
// Definition (Jepsen, jepsen.tests.kafka `unseen`, final value): the values of ok sends
// that no ok poll returned. Meaningful only when the run ended with a drain in which the
// consumers could catch up (CheckOptions::liveness; off for drain = "0s"). A lost write
// is also unseen; unseen alone may mean the consumers never got there. One anomaly per
// partition with the count; evidence: the first kExamples sends. Linear (plus a map).
#include <map>
#include <utility>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {
namespace {

constexpr size_t kExamples = 10;

}  // namespace

void check_unseen(const Analysis& analysis, const CheckOptions& options,
                  std::vector<Anomaly>& out) {
    if (!options.liveness) return;
    using Place = std::pair<std::string, std::optional<int32_t>>;
    std::map<Place, std::vector<size_t>> unseen;
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        if (op.f != OpFunction::Send || op.type != OpType::Ok || op.value.empty()) continue;
        if (!analysis.was_polled(op.value)) unseen[Place{op.topic, op.partition}].push_back(i);
    }
    for (const auto& [place, sends] : unseen) {
        Anomaly anomaly = make_anomaly(
            "unseen", analysis.op(sends.front()),
            fmt::format("{} acknowledged record{} never polled by the end of the history",
                        sends.size(), sends.size() == 1 ? " was" : "s were"));
        for (size_t i = 0; i < sends.size() && i < kExamples; ++i) {
            add_record(anomaly, analysis.op(sends[i]));
        }
        out.push_back(std::move(anomaly));
    }
}

}  // namespace check
