// unseen: acknowledged records that no poll had read by the end of the history.
//
// Definition (Jepsen, jepsen.tests.kafka `unseen`, final value): the values of ok sends
// that no poll returned (an ok, fail or info poll row: Jepsen's polled set takes every
// poll that returned records). Jepsen's consumers always read from the beginning; ours may
// start at the latest offset or read only some partitions, so a record counts only where
// consumers were reading: in a partition some ok poll read, at or after the lowest offset
// polled there (a send acked without an offset: in a polled partition, or, without a
// partition, a polled topic). Meaningful only when the run ended with a drain in which the
// consumers could catch up (CheckOptions::liveness; off for drain = "0s"). A lost write
// is also unseen; unseen alone may mean the consumers never got there. One anomaly per
// partition with the count; evidence: the first kExamples sends. n·log n.
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {
namespace {

constexpr size_t kExamples = 10;

/// Where the consumers were reading: per partition the lowest polled offset; topics.
struct ReadFrontier {
    std::map<int32_t, int64_t> lowest_polled;
    std::set<std::string_view> polled_topics;

    explicit ReadFrontier(const Analysis& analysis) {
        for (size_t i = 0; i < analysis.history().size(); ++i) {
            const Op& op = analysis.op(i);
            if (!is_observed_poll(op)) continue;
            polled_topics.insert(op.topic);
            std::optional<int32_t> id = analysis.partition_id(i);
            if (!id || !op.offset) continue;
            auto [lowest, inserted] = lowest_polled.try_emplace(*id, *op.offset);
            if (*op.offset < lowest->second) lowest->second = *op.offset;
        }
    }

    /// Whether the ok send at `position` lies where some consumer was reading.
    bool covers(const Analysis& analysis, size_t position) const {
        const Op& send = analysis.op(position);
        std::optional<int32_t> id = analysis.partition_id(position);
        if (!id) return polled_topics.contains(send.topic);
        auto lowest = lowest_polled.find(*id);
        if (lowest == lowest_polled.end()) return false;
        return !send.offset || *send.offset >= lowest->second;
    }
};

}  // namespace

void check_unseen(const Analysis& analysis, const CheckOptions& options,
                  std::vector<Anomaly>& out) {
    if (!options.liveness) return;
    const ReadFrontier frontier(analysis);
    using Place = std::pair<std::string, std::optional<int32_t>>;
    std::map<Place, std::vector<size_t>> unseen;
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        if (op.f != OpFunction::Send || op.type != OpType::Ok || op.value.empty()) continue;
        if (analysis.was_polled(op.value) || !frontier.covers(analysis, i)) continue;
        unseen[Place{op.topic, op.partition}].push_back(i);
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

KAFKASIM_CHECKER(unseen, "unseen", check_unseen, "unseen");

}  // namespace check
