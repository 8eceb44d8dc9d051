// The bare event kernel: schedule + dispatch with a steady population of pending events,
// each dispatch scheduling one more at a pseudo-random later time (the shape of a busy
// simulation: timers and deliveries interleaved). Goal: >= 20M events/s on one core.

#include <benchmark/benchmark.h>

#include "sim/event_loop.h"

namespace {

// Reschedules itself at now + a pseudo-random delay in [1, 1024) ns (an LCG, not
// sim::Rng, so the figure is the loop's own cost).
class Churn final : public sim::EventHandler {
   public:
    explicit Churn(sim::EventLoop& loop) : loop_(loop) {}
    void on_event(uint64_t a, uint64_t, uint64_t) override {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        loop_.schedule_after(static_cast<sim::Duration>((state_ >> 54) | 1), this, a + 1);
    }

   private:
    sim::EventLoop& loop_;
    uint64_t state_ = 88172645463325252ULL;
};

void BM_ScheduleAndDispatch(benchmark::State& state) {
    sim::EventLoop loop;
    Churn churn(loop);
    const int64_t pending = state.range(0);
    for (int64_t i = 0; i < pending; ++i) loop.schedule_after(i, &churn, 0);
    for (int i = 0; i < 100000; ++i) loop.run_one();  // warm: pools sized, no allocation
    for (auto _ : state) {
        for (int i = 0; i < 1000; ++i) loop.run_one();
    }
    state.SetItemsProcessed(state.iterations() * 1000);
    state.counters["events/s"] =
        benchmark::Counter(double(state.iterations()) * 1000, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScheduleAndDispatch)->Arg(16)->Arg(128)->Arg(1024)->Arg(65536);

// Schedule a batch, then dispatch it all: the heap grows and drains each round.
class Sink final : public sim::EventHandler {
   public:
      void on_event(uint64_t a, uint64_t, uint64_t) override { sum_ += a; }
      uint64_t sum_ = 0;
};

void BM_BatchScheduleThenRun(benchmark::State& state) {
    sim::EventLoop loop;
    Sink sink;
    const int64_t batch = state.range(0);
    uint64_t x = 1;
    for (auto _ : state) {
        const sim::Time base = loop.now();
        for (int64_t i = 0; i < batch; ++i) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            loop.schedule_at(base + static_cast<sim::Time>(x >> 44), &sink, uint64_t(i));
        }
        loop.run_until(base + (1LL << 20));
    }
    benchmark::DoNotOptimize(sink.sum_);
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["events/s"] =
        benchmark::Counter(double(state.iterations() * batch), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BatchScheduleThenRun)->Arg(1024)->Arg(65536);

// Timers that are mostly cancelled before they fire (request timeouts), the other
// common pattern.
void BM_ScheduleCancel(benchmark::State& state) {
    sim::EventLoop loop;
    Sink sink;
    for (auto _ : state) {
        const sim::EventId id = loop.schedule_after(1000, &sink, 1);
        loop.schedule_after(1, &sink, 2);
        loop.cancel(id);
        loop.run_one();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScheduleCancel);

}  // namespace
