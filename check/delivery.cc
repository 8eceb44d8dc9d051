// delivery: a consumer broke its processing guarantee (at-least-once, at-most-once,
// exactly-once), judged on its `process` rows.
//
// Definition (ours; Jepsen's nearest is `consume-counts`): a consumer is a group (the
// group of the member's latest assign row) or, without a group, one process; its
// guarantee comes from CheckOptions (per consumer, else the default, which
// `kafkasim check --semantics` sets).
// - at-most-once (and exactly-once): no record is processed twice by the consumer.
// - at-least-once (and exactly-once): in each partition it processed, every record the
//   log showed (a value any ok poll read there) from the lowest offset it processed is
//   processed by it. Starting at its first processed offset leaves out records before a
//   consumer began (auto.offset.reset = latest). Without liveness (drain = "0s") only
//   records up to its highest processed offset count.
// Acknowledged records no poll ever read are lost-write/unseen, not delivery.
// Consumers that transform records into an output topic are judged on their committed
// output instead (delivery_output.cc).
// One anomaly per (consumer, partition, kind) with a count; evidence: up to ten rows.
// n·log n.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {
namespace {

constexpr size_t kExamples = 10;

/// What one consumer processed.
struct Consumer {
    std::map<int32_t, std::pair<int64_t, int64_t>> offset_range;  // id -> lowest, highest
    std::unordered_map<std::string_view, int64_t> times_processed;
    std::map<std::optional<int32_t>, std::vector<size_t>> repeats;  // id -> repeated rows
};

std::string consumer_label(const std::string& consumer, Guarantee guarantee) {
    return fmt::format("consumer \"{}\" ({})", consumer, to_string(guarantee));
}

std::map<std::string, Consumer> collect(const Analysis& analysis) {
    std::map<std::string, Consumer> consumers;
    // By process id: its group (latest assign row) and the consumer it processes for.
    std::vector<std::string_view> group_of(analysis.process_count());
    std::vector<Consumer*> consumer_of(analysis.process_count(), nullptr);
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        const auto process = static_cast<size_t>(analysis.process_id(i));
        if (op.f == OpFunction::Assign && op.type == OpType::Ok) {
            group_of[process] = op.key;
            consumer_of[process] = nullptr;
        }
        if (op.f != OpFunction::Process || op.type != OpType::Ok || op.value.empty()) continue;
        if (consumer_of[process] == nullptr) {
            const std::string_view group = group_of[process];
            consumer_of[process] = &consumers[std::string(group.empty() ? op.process : group)];
        }
        Consumer& consumer = *consumer_of[process];
        std::optional<int32_t> id = analysis.partition_id(i);
        if (++consumer.times_processed[op.value] > 1) consumer.repeats[id].push_back(i);
        if (!id || !op.offset) continue;
        auto [range, inserted] = consumer.offset_range.try_emplace(*id, *op.offset, *op.offset);
        range->second.first = std::min(range->second.first, *op.offset);
        range->second.second = std::max(range->second.second, *op.offset);
    }
    return consumers;
}

void report_repeats(const Analysis& analysis, const std::string& label, const Consumer& consumer,
                    std::vector<Anomaly>& out) {
    for (const auto& [id, rows] : consumer.repeats) {
        Anomaly anomaly = make_anomaly(
            "delivery", analysis.op(rows.front()),
            fmt::format("{} processed {} record{} more than once", label, rows.size(),
                        rows.size() == 1 ? "" : "s"));
        for (size_t i = 0; i < rows.size() && i < kExamples; ++i) {
            add_record(anomaly, analysis.op(rows[i]));
        }
        out.push_back(std::move(anomaly));
    }
}

void report_missing(const Analysis& analysis, const std::string& label, const Consumer& consumer,
                    bool liveness, std::vector<Anomaly>& out) {
    const std::vector<Occurrence>& occurrences = analysis.occurrences();
    for (const auto& [id, range] : consumer.offset_range) {
        const Occurrence start{id, range.first, {}, 0, false};
        std::set<std::string_view> reported;
        std::vector<size_t> missing;  // a poll row that read each missing record
        for (auto it = std::lower_bound(occurrences.begin(), occurrences.end(), start);
             it != occurrences.end() && it->partition_id == id; ++it) {
            if (!liveness && it->offset > range.second) break;
            if (it->from_send || consumer.times_processed.contains(it->value)) continue;
            if (reported.insert(it->value).second) missing.push_back(it->op);
        }
        if (missing.empty()) continue;
        Anomaly anomaly = make_anomaly(
            "delivery", analysis.op(missing.front()),
            fmt::format("{} never processed {} record{} the log held from offset {}", label,
                        missing.size(), missing.size() == 1 ? "" : "s", range.first));
        for (size_t i = 0; i < missing.size() && i < kExamples; ++i) {
            add_record(anomaly, analysis.op(missing[i]));
        }
        out.push_back(std::move(anomaly));
    }
}

}  // namespace

void check_delivery(const Analysis& analysis, const CheckOptions& options,
                    std::vector<Anomaly>& out) {
    for (const auto& [name, consumer] : collect(analysis)) {
        const Guarantee guarantee = options.guarantee_of(name);
        const std::string label = consumer_label(name, guarantee);
        if (guarantee != Guarantee::AtLeastOnce) report_repeats(analysis, label, consumer, out);
        if (guarantee != Guarantee::AtMostOnce) {
            report_missing(analysis, label, consumer, options.liveness, out);
        }
    }
    check_output_delivery(analysis, options, out);
}

KAFKASIM_CHECKER(delivery, "delivery", check_delivery, "delivery");

}  // namespace check
