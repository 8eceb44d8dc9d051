#pragma once
// Coverage of faults × protocol states over a sweep: on how many seeds each probe of
// core/common/probes.def fired, which never did, and which of a scenario's required
// probes (its [coverage] section) were missed.

#include <cstdint>
#include <string>
#include <vector>

#include "harness/run/run.h"

namespace harness {

struct ProbeCoverage {
    std::string name;
    /// Seeds on which the probe fired at least once.
    uint64_t seeds = 0;
    /// Hits summed over every seed.
    uint64_t hits = 0;
    /// False for a name that fired but is not in probes.def (a probe added without a row).
    bool known = true;
};

struct Coverage {
    uint64_t seeds_run = 0;
    /// Every known probe in probes.def order, then any unknown name that fired.
    std::vector<ProbeCoverage> probes;

    /// Known probes that fired on no seed, in probes.def order.
    std::vector<std::string> never_fired() const;
    /// The entries of `required` that fired on no seed.
    std::vector<std::string> missing(const std::vector<std::string>& required) const;
};

Coverage summarize_coverage(const std::vector<RunResult>& results);

/// The names a scenario's [coverage] require may use: probes.def, in order.
std::vector<std::string> known_probe_names();

/// The table printed after a sweep's summary: one row per probe that fired (seeds fired,
/// total hits), then the probes that never fired.
std::string format_coverage(const Coverage& coverage);

}  // namespace harness
