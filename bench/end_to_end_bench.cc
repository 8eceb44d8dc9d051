// End-to-end throughput of the simulation: simulated messages per CPU second (items/s)
// for 3 brokers, RF=3, acks=all, 10 partitions, one producer and one consumer, each
// message produced, replicated to both followers and consumed (issues 3 and 8). Cluster
// start-up and topic creation are excluded from the timing. The test cluster also keeps
// its client history, as a harness run does.

#include <benchmark/benchmark.h>

#include "harness/run/allocator.h"
#include "tests/support/test_cluster.h"

namespace {

using kafkasim::test::TestCluster;
using namespace sim::literals;

void BM_EndToEndAcksAll(benchmark::State& state) {
    const int per_millisecond = static_cast<int>(state.range(0));
    const int milliseconds = 2000;
    harness::tune_allocator_for_runs();  // as every harness run does
    int64_t consumed = 0;
    for (auto _ : state) {
        state.PauseTiming();
        TestCluster t({.brokers = 3, .seed = 1});
        t.create_topic("t", 10, 3, {{"min.insync.replicas", "2"}});
        auto& producer = t.producer("p", {{"acks", "all"}, {"linger.ms", "1"}});
        auto& consumer = t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
        t.run_for(100_ms);
        state.ResumeTiming();
        int next = 0;
        for (int ms = 0; ms < milliseconds; ++ms) {
            for (int i = 0; i < per_millisecond; ++i) {
                producer.send_null_key(std::to_string(next++));
            }
            t.run_for(1_ms);
        }
        const size_t expected = static_cast<size_t>(next);
        t.run_until([&] { return consumer.records().size() >= expected; }, 60_s);
        consumed += static_cast<int64_t>(consumer.records().size());
    }
    state.SetItemsProcessed(consumed);
}
// Offered load in messages per simulated millisecond: 10k/s and 50k/s for 2 s.
BENCHMARK(BM_EndToEndAcksAll)->ArgName("per_ms")->Arg(10)->Arg(50)->Unit(benchmark::kMillisecond);

}  // namespace
