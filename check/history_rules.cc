#include "check/history_rules.h"

#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace check {
namespace {

/// What the rows so far said about one send value: row positions, or npos.
struct SendRows {
    size_t invoke = static_cast<size_t>(-1);
    size_t outcome = static_cast<size_t>(-1);
};

constexpr size_t kNone = static_cast<size_t>(-1);

}  // namespace

sim::Status check_operation_rules(const History& history, std::span<const size_t> lines,
                                  std::string_view name) {
    KS_ASSERT(lines.size() == history.size());
    auto error = [&](size_t row, std::string what) {
        return sim::Error{std::string(name) + ":" + std::to_string(lines[row]), std::move(what)};
    };
    // Lookups only: the first broken rule in row order is the one reported.
    std::unordered_map<std::string_view, SendRows> sends;
    std::unordered_set<std::string_view> invoking_processes;
    for (size_t i = 0; i < history.size(); ++i) {
        const Op& op = history[i];
        if (op.f != OpFunction::Send) continue;
        if (op.value.empty()) {
            return error(i, "expected a value on every send row (sends are matched to their "
                            "outcome by value), got nothing");
        }
        SendRows& rows = sends[op.value];
        const std::string quoted = "\"" + op.value + "\"";
        if (op.type == OpType::Invoke) {
            if (rows.invoke != kNone) {
                return error(i, "expected one invoke per send value, " + quoted +
                                    " was invoked at line " + std::to_string(lines[rows.invoke]));
            }
            if (rows.outcome != kNone) {
                return error(i, "expected the invoke of " + quoted +
                                    " before its outcome at line " +
                                    std::to_string(lines[rows.outcome]));
            }
            rows.invoke = i;
            invoking_processes.insert(op.process);
            continue;
        }
        if (rows.outcome != kNone) {
            return error(i, "expected one outcome per send, " + quoted + " already ended at line " +
                                std::to_string(lines[rows.outcome]));
        }
        rows.outcome = i;
    }
    // Outcomes without an invoke, from a process that writes invokes: first in row order.
    size_t first = kNone;
    for (const auto& [value, rows] : sends) {
        if (rows.invoke != kNone || rows.outcome == kNone) continue;
        if (!invoking_processes.contains(history[rows.outcome].process)) continue;
        if (rows.outcome < first) first = rows.outcome;
    }
    if (first != kNone) {
        const Op& op = history[first];
        return error(first, "expected an invoke row before the " + std::string(to_string(op.type)) +
                                " of send \"" + op.value + "\" (process " + op.process +
                                " writes invoke rows for its sends)");
    }
    return sim::Ok{};
}

}  // namespace check
