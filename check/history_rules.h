#pragma once
// The operation rules a history file must keep so that no checker can pass it by its
// being malformed (issue 17): what makes a send, and how its rows pair up.
//
// - Every send row (invoke, ok, fail, info) carries a value: sends are matched to their
//   outcome by value, so a send without one is never checked.
// - One invoke row per send value, and at most one outcome row (ok, fail or info): two
//   outcomes for one send would let a checker pick the convenient one.
// - An invoke comes before its outcome.
// - A process that writes invoke rows for its sends writes one for every send: an
//   outcome without its invoke is a row from nowhere. (Invoke rows stay optional for a
//   process that writes none, e.g. a hand-written file of outcomes only.)

#include <cstddef>
#include <span>
#include <string_view>

#include "check/history.h"
#include "sim/result.h"

namespace check {

/// The first row that breaks a rule, as "name:line: expected ...". `lines[i]` is the
/// file line of row i. Linear in the history (hash lookups).
sim::Status check_operation_rules(const History& history, std::span<const size_t> lines,
                                  std::string_view name);

}  // namespace check
