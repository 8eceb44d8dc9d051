// Seeds per minute of the standard fault scenario (issue 8): 3 brokers, 3 controllers,
// RF 3, acks=all, a 4-member group, 30 s simulated with the nemesis crashing, pausing and
// partitioning nodes, then the default drain and every checker. One iteration = one seed
// (a whole harness::run), so items/s x 60 = seeds per minute on one core. The scaling
// rows vary one dimension at a time: brokers (3, 9, 27), partitions (10, 100, 1000) and
// simulated seconds (10, 30, 90); the cost should grow linearly with each.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdint>
#include <string>

#include "harness/run.h"
#include "harness/scenario_toml.h"

namespace {

std::string standard_scenario(int64_t brokers, int64_t partitions, int64_t seconds) {
    return fmt::format(R"(name = "standard-fault"
expect = "pass"
duration = "{}s"

[cluster]
brokers = {}
controllers = 3
network = {{ latency = "1ms", jitter = "300us" }}

[[topics]]
name = "events"
partitions = {}
replication_factor = 3
config = {{ "min.insync.replicas" = 2 }}

[[producers]]
name = "events"
topic = "events"
rate = "500/s"
keys = "key_{{1..50}}"
config = {{ acks = "all" }}

[[consumers]]
group = "readers"
members = 4
topic = "events"
config = {{ "auto.offset.reset" = "earliest", "enable.auto.commit" = false }}

[nemesis]
kinds = ["partition-halves", "crash", "pause"]
every = "4s"
)",
                       seconds, brokers, partitions);
}

/// Args: brokers, partitions, simulated seconds.
void BM_StandardFaultScenarioSeeds(benchmark::State& state) {
    sim::Result<harness::Scenario> scenario = harness::load_scenario_string(
        standard_scenario(state.range(0), state.range(1), state.range(2)));
    if (!scenario) {
        state.SkipWithError(scenario.error().message().c_str());
        return;
    }
    uint64_t seed = 1;
    double events = 0;
    for (auto _ : state) {
        harness::RunResult result =
            harness::run(scenario.value(), seed++, harness::RunOptions{false, false});
        events += result.metrics["events"];
        benchmark::DoNotOptimize(result.trace_hash);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["seeds_per_minute"] =
        benchmark::Counter(double(state.iterations()) * 60, benchmark::Counter::kIsRate);
    state.counters["events_per_seed"] = events / double(state.iterations());
}
BENCHMARK(BM_StandardFaultScenarioSeeds)
    ->ArgNames({"brokers", "partitions", "seconds"})
    ->Args({3, 10, 30})   // the standard fault scenario
    ->Args({9, 10, 30})   // brokers
    ->Args({27, 10, 30})
    ->Args({3, 100, 30})  // partitions
    ->Args({3, 1000, 30})
    ->Args({3, 10, 10})   // run length
    ->Args({3, 10, 90})
    ->Unit(benchmark::kMillisecond);

}  // namespace
