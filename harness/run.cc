#include "harness/run.h"

#include <stdexcept>

#include "harness/scenario.h"

namespace harness {

// Temporary: the lead connects the World, the workload and the checkers here once the
// Kafka core lands. Everything else in harness/ is written and tested against run.h.
RunResult run(const Scenario& scenario, uint64_t seed, const RunOptions& options) {
    throw std::logic_error("run: simulation wiring not yet connected");
}

}  // namespace harness
