// duplicate: one value at more than one offset.
//
// Definition (Jepsen, jepsen.tests.kafka `duplicate-cases`): a value (unique per send)
// that the ok sends and the polls (ok, fail or info) place at two or more distinct
// offsets of a partition.
// Here a value placed in two partitions counts too, since a send writes one record.
// Typical cause: a producer retry without idempotence appended the batch twice.
// One anomaly per value; evidence: the first row placing it at each position. n·log n.
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {

void check_duplicate(const Analysis& analysis, const CheckOptions&, std::vector<Anomaly>& out) {
    // Occurrences grouped by value (groups in order of first occurrence, each group in
    // occurrence order): a sort of (value number, position) pairs, integers only.
    const std::vector<Occurrence>& occurrences = analysis.occurrences();
    std::unordered_map<std::string_view, uint32_t> value_numbers;  // lookups only
    std::vector<std::pair<uint32_t, uint32_t>> keys;
    keys.reserve(occurrences.size());
    for (size_t i = 0; i < occurrences.size(); ++i) {
        const auto number = value_numbers.try_emplace(
            occurrences[i].value, static_cast<uint32_t>(value_numbers.size()));
        keys.emplace_back(number.first->second, static_cast<uint32_t>(i));
    }
    std::sort(keys.begin(), keys.end());
    std::vector<const Occurrence*> by_value;
    by_value.reserve(keys.size());
    for (const auto& [number, position] : keys) by_value.push_back(&occurrences[position]);
    std::vector<Anomaly> found;
    size_t begin = 0;
    while (begin < by_value.size()) {
        size_t end = begin;
        std::vector<const Occurrence*> positions;  // first report of each distinct position
        while (end < by_value.size() && by_value[end]->value == by_value[begin]->value) {
            const Occurrence* current = by_value[end];
            if (positions.empty() || positions.back()->partition_id != current->partition_id ||
                positions.back()->offset != current->offset) {
                positions.push_back(current);
            }
            ++end;
        }
        if (positions.size() > 1) {
            Anomaly anomaly = make_anomaly(
                "duplicate", analysis.op(positions.front()->op),
                fmt::format("value \"{}\" appears at {} offsets", by_value[begin]->value,
                            positions.size()));
            for (const Occurrence* position : positions) {
                add_op(anomaly, analysis.op(position->op));
                anomaly.offsets.push_back(position->offset);
            }
            anomaly.values.emplace_back(by_value[begin]->value);
            found.push_back(std::move(anomaly));
        }
        begin = end;
    }
    // Report in history order, not in the order values were first met.
    std::stable_sort(found.begin(), found.end(), [](const Anomaly& a, const Anomaly& b) {
        return a.op_indices.front() < b.op_indices.front();
    });
    for (Anomaly& anomaly : found) out.push_back(std::move(anomaly));
}

KAFKASIM_CHECKER(duplicate, "duplicate", check_duplicate, "duplicate");

}  // namespace check
