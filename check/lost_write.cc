// lost-write: an acknowledged record that was never read although later records were.
//
// Definition (Jepsen, jepsen.tests.kafka `lost-write-cases`): per partition, take every
// value any ok poll read there and the earliest offset at which that value was seen (by a
// send ack or a poll); the largest of those offsets is the read bound: the log up to it
// was surely readable. An ok send whose value no poll read in that partition, and whose
// every reported offset is at or below the bound, is a lost write: "acknowledged, and an
// offset higher was read, but this value was never read". Jepsen's double check (the
// writer must surely have committed) holds by construction: only ok sends are counted.
// Every offset below the bound counts, the lowest polled one included or not (a record
// acknowledged at offset 0 that no poll returned while offset 5 was polled is lost). One
// change: Jepsen's consumers always read from the start; a scenario's consumers may begin
// at the end (auto.offset.reset=latest), so for a topic not in
// CheckOptions::topics_read_from_start only offsets at or after the lowest one any poll
// read there count.
// Second case, design.md §6's "never readable": an acknowledged value that was read, but
// whose offset now holds another value — the last row (in history order) to observe that
// offset shows a different value, and no offset ends with this value — was truncated
// away by a new leader (acks=1, unclean election, lone leader losing its page cache).
// One anomaly per lost value; evidence: the send's ok row and the poll that read the
// bound (or the row that shows the offset overwritten). n·log n.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {
namespace {

/// What one partition says about one value.
struct ValueSummary {
    std::string_view value;
    int64_t first_offset = 0;
    int64_t last_offset = 0;
    const Occurrence* first_poll = nullptr;
    const Occurrence* first_send = nullptr;
};

/// Acknowledged values whose offset was later observed holding a different value.
void check_overwritten(const Analysis& analysis, const Occurrence* begin, const Occurrence* end,
                       std::unordered_set<std::string_view>& reported,
                       std::vector<Anomaly>& out) {
    // The latest observation of each occurrence's offset: occurrences ascend by offset, so
    // one offset's are contiguous.
    std::vector<const Occurrence*> latest(static_cast<size_t>(end - begin));
    std::unordered_set<std::string_view> final_values;  // lookups only
    for (const Occurrence* first = begin; first != end;) {
        const Occurrence* last = first;
        const Occurrence* group_end = first;
        for (; group_end != end && group_end->offset == first->offset; ++group_end) {
            if (group_end->op > last->op) last = group_end;
        }
        for (const Occurrence* it = first; it != group_end; ++it) latest[it - begin] = last;
        final_values.insert(last->value);
        first = group_end;
    }
    for (const Occurrence* it = begin; it != end; ++it) {
        if (!it->from_send || final_values.contains(it->value) || reported.contains(it->value)) {
            continue;
        }
        const Occurrence* overwriter = latest[it - begin];
        if (overwriter->value == it->value) continue;
        reported.insert(it->value);
        const Op& send = analysis.op(it->op);
        const Op& witness = analysis.op(overwriter->op);
        Anomaly anomaly = make_anomaly(
            "lost-write", send,
            fmt::format("acknowledged send of \"{}\" at offset {} is gone: the offset later "
                        "held \"{}\"",
                        it->value, it->offset, overwriter->value));
        add_record(anomaly, send);
        add_record(anomaly, witness);
        out.push_back(std::move(anomaly));
    }
}

void check_partition(const Analysis& analysis, const Occurrence* begin, const Occurrence* end,
                     bool from_start, std::vector<Anomaly>& out) {
    std::unordered_set<std::string_view> reported;  // lookups only
    check_overwritten(analysis, begin, end, reported, out);
    // In order of first occurrence; the map is for lookups only.
    std::vector<ValueSummary> values;
    std::unordered_map<std::string_view, size_t> value_positions;
    for (const Occurrence* it = begin; it != end; ++it) {
        auto [position, inserted] = value_positions.try_emplace(it->value, values.size());
        if (inserted) {
            values.push_back(ValueSummary{it->value, it->offset});  // offsets ascend
        }
        ValueSummary& summary = values[position->second];
        summary.last_offset = it->offset;
        const Occurrence*& first = it->from_send ? summary.first_send : summary.first_poll;
        if (first == nullptr) first = it;
    }
    std::optional<int64_t> lowest_polled;
    for (const Occurrence* it = begin; it != end && !lowest_polled; ++it) {
        if (!it->from_send) lowest_polled = it->offset;
    }
    // The polled value seen first at the highest offset; among equals the least value,
    // so the evidence does not depend on the order values were met.
    const ValueSummary* bound = nullptr;
    for (const ValueSummary& summary : values) {
        if (summary.first_poll == nullptr) continue;
        if (bound == nullptr || summary.first_offset > bound->first_offset ||
            (summary.first_offset == bound->first_offset && summary.value < bound->value)) {
            bound = &summary;
        }
    }
    if (bound == nullptr) return;
    for (const ValueSummary& summary : values) {
        const std::string_view value = summary.value;
        if (summary.first_poll != nullptr || summary.last_offset > bound->first_offset ||
            (!from_start && summary.first_offset < *lowest_polled) ||
            reported.contains(value)) {
            continue;
        }
        const Op& send = analysis.op(summary.first_send->op);
        const Op& reader = analysis.op(bound->first_poll->op);
        Anomaly anomaly = make_anomaly(
            "lost-write", send,
            fmt::format("acknowledged send of \"{}\" at offset {} was never polled, "
                        "though offset {} was",
                        value, summary.last_offset, *reader.offset));
        add_record(anomaly, send);
        add_record(anomaly, reader);
        out.push_back(std::move(anomaly));
    }
}

}  // namespace

void check_lost_write(const Analysis& analysis, const CheckOptions& options,
                      std::vector<Anomaly>& out) {
    const std::vector<Occurrence>& occurrences = analysis.occurrences();
    std::vector<Anomaly> found;
    size_t begin = 0;
    while (begin < occurrences.size()) {
        size_t end = begin;
        while (end < occurrences.size() &&
               occurrences[end].partition_id == occurrences[begin].partition_id) {
            ++end;
        }
        const TopicPartition& partition = analysis.partition(occurrences[begin].partition_id);
        check_partition(analysis, occurrences.data() + begin, occurrences.data() + end,
                        options.read_from_start(partition.topic), found);
        begin = end;
    }
    std::stable_sort(found.begin(), found.end(), [](const Anomaly& a, const Anomaly& b) {
        return a.op_indices.front() < b.op_indices.front();
    });
    for (Anomaly& anomaly : found) out.push_back(std::move(anomaly));
}

KAFKASIM_CHECKER(lost_write, "lost-write", check_lost_write, "lost-write");

}  // namespace check
