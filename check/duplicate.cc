// duplicate: one value at more than one offset.
//
// Definition (Jepsen, jepsen.tests.kafka `duplicate-cases`): a value (unique per send)
// that the ok sends and ok polls place at two or more distinct offsets of a partition.
// Here a value placed in two partitions counts too, since a send writes one record.
// Typical cause: a producer retry without idempotence appended the batch twice.
// One anomaly per value; evidence: the first row placing it at each position. n·log n.
#include <algorithm>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {

void check_duplicate(const Analysis& analysis, const CheckOptions&, std::vector<Anomaly>& out) {
    std::vector<const Occurrence*> by_value;
    by_value.reserve(analysis.occurrences().size());
    for (const Occurrence& occurrence : analysis.occurrences()) by_value.push_back(&occurrence);
    std::stable_sort(by_value.begin(), by_value.end(),
                     [](const Occurrence* a, const Occurrence* b) { return a->value < b->value; });
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
    // Report in history order, not in the order of the values' text.
    std::stable_sort(found.begin(), found.end(), [](const Anomaly& a, const Anomaly& b) {
        return a.op_indices.front() < b.op_indices.front();
    });
    for (Anomaly& anomaly : found) out.push_back(std::move(anomaly));
}

}  // namespace check
