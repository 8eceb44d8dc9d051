// The parts of run.h that do not need a World: helpers on RunResult.
#include <fmt/format.h>

#include <algorithm>

#include "harness/run/run.h"

namespace harness {

bool RunResult::shows(const std::string& anomaly) const {
    return std::find(anomalies.begin(), anomalies.end(), anomaly) != anomalies.end();
}

std::string format_trace_hash(uint64_t hash) { return fmt::format("0x{:016x}", hash); }

}  // namespace harness
