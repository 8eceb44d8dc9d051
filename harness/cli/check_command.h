#pragma once
// `kafkasim check HISTORY.csv`: checks a recorded history (from a simulation or a real
// Kafka cluster) with the checkers of check/, prints each anomaly, returns the exit code.

#include <cstdio>
#include <string>

namespace harness {

/// Reads `path` (design.md §6), runs every checker under `semantics` ("at-least-once",
/// "at-most-once" or "exactly-once"), prints each anomaly with its evidence to `out`
/// and input errors ("file:line:col: expected ...") to `err`. Returns 0 when nothing
/// fails, 1 when something does, 2 on bad input.
int check_history_file(const std::string& path, const std::string& semantics, std::FILE* out,
                       std::FILE* err);

}  // namespace harness
