// inconsistent-offsets: two different values reported at one offset of one partition.
//
// Definition (Jepsen, jepsen.tests.kafka `version-orders` errors): every ok send that
// carries an offset and every ok poll row says "value v is at offset o of partition p";
// when the reports for one (p, o) name more than one value, the log diverged there (a
// leader truncated acknowledged records and reused their offsets, say). One anomaly per
// offset; evidence: the first row reporting each value. n·log n (the occurrences are
// sorted once by the analysis).
#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {

void check_inconsistent_offsets(const Analysis& analysis, const CheckOptions&,
                                std::vector<Anomaly>& out) {
    const std::vector<Occurrence>& occurrences = analysis.occurrences();
    size_t begin = 0;
    while (begin < occurrences.size()) {
        size_t end = begin;
        std::vector<size_t> first_of_each_value;
        while (end < occurrences.size() &&
               occurrences[end].partition_id == occurrences[begin].partition_id &&
               occurrences[end].offset == occurrences[begin].offset) {
            if (end == begin || occurrences[end].value != occurrences[end - 1].value) {
                first_of_each_value.push_back(occurrences[end].op);
            }
            ++end;
        }
        if (first_of_each_value.size() > 1) {
            const Op& first = analysis.op(first_of_each_value.front());
            Anomaly anomaly = make_anomaly(
                "inconsistent-offsets", first,
                fmt::format("offset {} holds {} different values", occurrences[begin].offset,
                            first_of_each_value.size()));
            for (size_t position : first_of_each_value) {
                add_op(anomaly, analysis.op(position));
                anomaly.values.push_back(analysis.op(position).value);
            }
            anomaly.offsets.push_back(occurrences[begin].offset);
            out.push_back(std::move(anomaly));
        }
        begin = end;
    }
}

KAFKASIM_CHECKER(inconsistent_offsets, "inconsistent-offsets", check_inconsistent_offsets,
                 "inconsistent-offsets");

}  // namespace check
