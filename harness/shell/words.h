#pragma once
// Turning one typed shell line into words (quotes and backslashes as a POSIX shell reads
// them) and a typed tool name ("bin/kafka-topics.sh") into the tool it means.

#include <string>
#include <string_view>
#include <vector>

#include "sim/result.h"

namespace harness::shell {

/// Splits `line` at unquoted whitespace; '...' keeps everything, "..." and a backslash
/// escape the next character. An unmatched quote is an error, as in bash.
sim::Result<std::vector<std::string>> split_words(std::string_view line);

/// The tool a typed command names: the path and a ".sh" suffix dropped
/// ("./bin/kafka-topics.sh" gives "kafka-topics").
std::string tool_name(std::string_view word);

}  // namespace harness::shell
