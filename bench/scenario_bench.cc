// Seeds per minute of the standard fault scenario (issue 8): bench/standard_fault.toml,
// 3 brokers, 3 controllers, RF 3, acks=all, a 4-member group, 30 s simulated with the
// nemesis crashing, pausing and partitioning nodes, then the default drain and every
// checker. One iteration = one seed (a whole harness::run), so items/s x 60 = seeds per
// minute on one core. The scaling rows vary one dimension at a time, through the same
// overrides as `kafkasim run --set`: brokers (3, 9, 27), partitions (10, 100, 1000) and
// simulated seconds (10, 30, 90); the cost should grow linearly with each.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "harness/run/run.h"
#include "harness/scenario/toml.h"

namespace {

/// Args: brokers, partitions, simulated seconds.
void BM_StandardFaultScenarioSeeds(benchmark::State& state) {
    const auto [brokers, partitions, seconds] =
        std::make_tuple(state.range(0), state.range(1), state.range(2));
    sim::Result<harness::Scenario> scenario = harness::load_scenario_file(
        KAFKASIM_SOURCE_DIR "/bench/standard_fault.toml",
        {{"cluster.brokers", std::to_string(brokers)},
         {"topics.events.partitions", std::to_string(partitions)},
         {"duration", fmt::format("{}s", seconds)}});
    if (!scenario) {
        state.SkipWithError(scenario.error().message().c_str());
        return;
    }
    // Each repetition goes on with new seeds, so the repetitions sample different seeds
    // instead of timing seeds 1, 2, 3... again (early seeds are not typical).
    static std::map<std::tuple<int64_t, int64_t, int64_t>, uint64_t> next_seeds;
    uint64_t& seed = next_seeds.try_emplace({brokers, partitions, seconds}, 1).first->second;
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
