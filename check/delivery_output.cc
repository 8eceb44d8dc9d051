// delivery, consume-transform-produce half: a consumer group that writes one output record
// per input record (harness/workload/transform.h) broke its guarantee on its committed output.
//
// Definition (ours): an output record is a send by a process of a consumer group (the
// group of its latest assign row) whose value is "<input value>@<process>#<n>"; its input
// is the part before "@<process>#<n>". The committed output is every output record an ok
// send acknowledged (a transactional send is ok only once its transaction committed) or an
// ok poll read (a read_committed verifier reads only committed records), one per value.
// Processing an input record means its output is in the committed output; so, against the
// group's guarantee:
// - at-most-once (and exactly-once): no input record has two committed outputs;
// - at-least-once (and exactly-once): in each input partition, every record the log showed
//   (a value an ok poll read there) from the lowest offset whose record has committed
//   output has committed output (with liveness; without, up to the highest such offset).
// Input positions come from the group's own poll rows. One anomaly per (group, kind) with
// a count; evidence: up to ten rows. n·log n.
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {
namespace {

constexpr size_t kExamples = 10;

/// The input value of an output value sent by `process`; empty when it is no output.
std::string_view input_of(std::string_view value, std::string_view process) {
    const size_t hash = value.rfind('#');
    if (hash == std::string_view::npos || hash + 1 == value.size()) return {};
    for (char c : value.substr(hash + 1)) {
        if (c < '0' || c > '9') return {};
    }
    const std::string_view head = value.substr(0, hash);
    if (head.size() < process.size() + 2 || !head.ends_with(process)) return {};
    const size_t at = head.size() - process.size() - 1;
    if (head[at] != '@' || at == 0) return {};
    return head.substr(0, at);
}

struct OutputRecord {
    std::string_view group;
    std::string_view input;
};

struct Transformer {
    /// Input value → where the group polled it (partition id, offset, row).
    std::unordered_map<std::string_view, std::tuple<int32_t, int64_t, size_t>> inputs;
    /// Input value → the first row showing each of its committed outputs.
    std::map<std::string_view, std::vector<size_t>> committed;
};

/// Calls `visit(position, group)` for each row whose process is in a consumer group (the
/// group of its latest assign row) and that carries a value.
template <typename Visit>
void for_each_grouped_row(const Analysis& analysis, Visit visit) {
    std::vector<std::string_view> group_of(analysis.process_count());  // by process id
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        std::string_view& group = group_of[static_cast<size_t>(analysis.process_id(i))];
        if (op.f == OpFunction::Assign && op.type == OpType::Ok) group = op.key;
        if (!group.empty() && !op.value.empty()) visit(i, group);
    }
}

/// Pass 1: the output values, and a Transformer for each group that sent any.
void collect_outputs(const Analysis& analysis,
                     std::unordered_map<std::string_view, OutputRecord>& outputs,
                     std::map<std::string_view, Transformer>& groups) {
    for_each_grouped_row(analysis, [&](size_t i, std::string_view group) {
        const Op& op = analysis.op(i);
        if (op.f != OpFunction::Send) return;
        const std::string_view input = input_of(op.value, op.process);
        if (input.empty()) return;
        outputs.try_emplace(op.value, OutputRecord{group, input});
        groups[group];
    });
}

/// Pass 2: where each of those groups polled its input records.
void collect_inputs(const Analysis& analysis, std::map<std::string_view, Transformer>& groups) {
    for_each_grouped_row(analysis, [&](size_t i, std::string_view group) {
        const Op& op = analysis.op(i);
        if (!is_ok_poll(op) || !op.offset) return;
        auto transformer = groups.find(group);
        std::optional<int32_t> id = analysis.partition_id(i);
        if (transformer == groups.end() || !id) return;
        transformer->second.inputs.try_emplace(op.value, *id, *op.offset, i);
    });
}

/// Pass 3: the committed output, one row per output value, by group and input.
void collect_committed(const Analysis& analysis,
                       const std::unordered_map<std::string_view, OutputRecord>& outputs,
                       std::map<std::string_view, Transformer>& groups) {
    std::unordered_set<std::string_view> counted;
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        const bool ok_send = op.f == OpFunction::Send && op.type == OpType::Ok;
        if (!ok_send && !is_ok_poll(op)) continue;
        auto output = outputs.find(op.value);
        if (output == outputs.end() || !counted.insert(op.value).second) continue;
        groups[output->second.group].committed[output->second.input].push_back(i);
    }
}

void report_twice(const Analysis& analysis, const std::string& label,
                  const Transformer& transformer, std::vector<Anomaly>& out) {
    std::vector<const std::vector<size_t>*> twice;
    for (const auto& [input, rows] : transformer.committed) {
        if (rows.size() > 1) twice.push_back(&rows);
    }
    if (twice.empty()) return;
    Anomaly anomaly = make_anomaly(
        "delivery", analysis.op(twice.front()->back()),
        fmt::format("{} wrote {} input record{} to its committed output more than once",
                    label, twice.size(), twice.size() == 1 ? "" : "s"));
    for (size_t i = 0; i < twice.size() && anomaly.op_indices.size() < kExamples; ++i) {
        for (size_t row : *twice[i]) add_record(anomaly, analysis.op(row));
    }
    out.push_back(std::move(anomaly));
}

void report_missing(const Analysis& analysis, const std::string& label,
                    const Transformer& transformer, bool liveness, std::vector<Anomaly>& out) {
    std::map<int32_t, std::pair<int64_t, int64_t>> range;  // input partition -> offsets
    for (const auto& [input, rows] : transformer.committed) {
        auto polled = transformer.inputs.find(input);
        if (polled == transformer.inputs.end()) continue;
        const auto [id, offset, row] = polled->second;
        auto [it, inserted] = range.try_emplace(id, offset, offset);
        it->second.first = std::min(it->second.first, offset);
        it->second.second = std::max(it->second.second, offset);
    }
    const std::vector<Occurrence>& occurrences = analysis.occurrences();
    std::set<std::string_view> reported;
    std::vector<size_t> missing;  // a poll row that read each missing input record
    for (const auto& [id, offsets] : range) {
        const Occurrence start{id, offsets.first, {}, 0, false};
        for (auto it = std::lower_bound(occurrences.begin(), occurrences.end(), start);
             it != occurrences.end() && it->partition_id == id; ++it) {
            if (!liveness && it->offset > offsets.second) break;
            if (it->from_send || transformer.committed.contains(it->value)) continue;
            if (reported.insert(it->value).second) missing.push_back(it->op);
        }
    }
    if (missing.empty()) return;
    Anomaly anomaly = make_anomaly(
        "delivery", analysis.op(missing.front()),
        fmt::format("{} never wrote {} input record{} the log held to its committed output",
                    label, missing.size(), missing.size() == 1 ? "" : "s"));
    for (size_t i = 0; i < missing.size() && i < kExamples; ++i) {
        add_record(anomaly, analysis.op(missing[i]));
    }
    out.push_back(std::move(anomaly));
}

}  // namespace

void check_output_delivery(const Analysis& analysis, const CheckOptions& options,
                           std::vector<Anomaly>& out) {
    std::unordered_map<std::string_view, OutputRecord> outputs;
    std::map<std::string_view, Transformer> groups;
    collect_outputs(analysis, outputs, groups);
    if (outputs.empty()) return;
    // Groups that only read (a verifier) sent no outputs: they have no Transformer.
    collect_inputs(analysis, groups);
    collect_committed(analysis, outputs, groups);
    for (const auto& [group, transformer] : groups) {
        const std::string name(group);
        const Guarantee guarantee = options.guarantee_of(name);
        const std::string label = fmt::format("consumer \"{}\" ({}, consume-transform-produce)",
                                              name, to_string(guarantee));
        if (guarantee != Guarantee::AtLeastOnce) report_twice(analysis, label, transformer, out);
        if (guarantee != Guarantee::AtMostOnce) {
            report_missing(analysis, label, transformer, options.liveness, out);
        }
    }
}

}  // namespace check
