#include "check/history.h"

#include <array>

namespace check {
namespace {

constexpr std::array<std::string_view, 4> kTypeNames = {"invoke", "ok", "fail", "info"};
constexpr std::array<std::string_view, 6> kFunctionNames = {"send",   "poll",   "process",
                                                            "commit", "assign", "crash"};

}  // namespace

std::string_view to_string(OpType type) { return kTypeNames[static_cast<size_t>(type)]; }

std::string_view to_string(OpFunction f) { return kFunctionNames[static_cast<size_t>(f)]; }

std::optional<OpType> parse_op_type(std::string_view text) {
    for (size_t i = 0; i < kTypeNames.size(); ++i) {
        if (kTypeNames[i] == text) return static_cast<OpType>(i);
    }
    return std::nullopt;
}

std::optional<OpFunction> parse_op_function(std::string_view text) {
    for (size_t i = 0; i < kFunctionNames.size(); ++i) {
        if (kFunctionNames[i] == text) return static_cast<OpFunction>(i);
    }
    return std::nullopt;
}

std::string TopicPartition::to_string() const {
    return topic + "-" + std::to_string(partition);
}

void History::append(Op op) {
    if (!ops_.empty() && op.index <= ops_.back().index) op.index = ops_.back().index + 1;
    ops_.push_back(std::move(op));
}

sim::Status History::validate() const {
    for (size_t i = 1; i < ops_.size(); ++i) {
        if (ops_[i].index <= ops_[i - 1].index) {
            return sim::Error{"row " + std::to_string(i + 1),
                              "expected index greater than " +
                                  std::to_string(ops_[i - 1].index) + ", got " +
                                  std::to_string(ops_[i].index)};
        }
    }
    return sim::Ok{};
}

}  // namespace check
