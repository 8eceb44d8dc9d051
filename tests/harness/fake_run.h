#pragma once
// A stand-in for harness::run in tests: a pure function of (scenario, seed) so sweeps,
// shrinking and the CLI can be tested without the simulator.

#include <algorithm>
#include <string>

#include "harness/run/run.h"
#include "harness/scenario/scenario.h"

namespace harness::testing {

/// Seeds divisible by `every` fail with `anomaly`; the trace hash mixes seed and name.
inline RunResult fake_result(const Scenario& scenario, uint64_t seed, uint64_t every,
                             const std::string& anomaly) {
    RunResult result;
    result.seed = seed;
    result.trace_hash = seed * 0x9e3779b97f4a7c15ULL ^ std::hash<std::string>{}(scenario.name);
    result.failing = seed % every == 0;
    if (result.failing) result.anomalies = {anomaly};
    result.verdict_text = result.failing ? anomaly + ": evidence\n" : "";
    result.history_csv = "index,time_ns,process,type,f,topic,partition,key,value,offset,error\n";
    result.trace_json = "{\"traceEvents\":[]}";
    return result;
}

}  // namespace harness::testing
