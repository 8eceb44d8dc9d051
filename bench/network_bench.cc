// Ping-pong between two nodes over the simulated Network: the cost of one message
// through a World (send, FIFO bookkeeping, event, trace hash, delivery, handler).

#include <benchmark/benchmark.h>

#include <memory>

#include "sim/world.h"

namespace {

struct Ball final : sim::Message {
    explicit Ball(uint64_t hits) : hits(hits) {}
    const char* name() const override { return "Ball"; }
    uint64_t digest() const override { return hits; }
    uint64_t hits;
};

class Player final : public sim::Process {
   public:
    Player(sim::NodeEnv& env, sim::NodeId peer) : env_(env), peer_(peer) {}
    void on_start() override {
        if (env_.self() == 1) env_.send(peer_, std::make_shared<Ball>(0));
    }
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override {
        const auto& ball = static_cast<const Ball&>(*message);
        env_.send(from, std::make_shared<Ball>(ball.hits + 1));
    }

   private:
    sim::NodeEnv& env_;
    sim::NodeId peer_;
};

void BM_PingPong(benchmark::State& state) {
    sim::WorldOptions options;
    options.network.jitter_ns = state.range(0);
    sim::World world(options);
    world.add_node(1, "a", [](sim::NodeEnv& env) { return std::make_unique<Player>(env, 2); });
    world.add_node(2, "b", [](sim::NodeEnv& env) { return std::make_unique<Player>(env, 1); });
    for (int i = 0; i < 1000; ++i) world.loop().run_one();
    const uint64_t delivered_before = world.network().delivered();
    for (auto _ : state) {
        for (int i = 0; i < 1000; ++i) world.loop().run_one();
    }
    // Each dispatched event must be one delivery, or the figure would flatter us.
    const uint64_t delivered = world.network().delivered() - delivered_before;
    if (delivered != uint64_t(state.iterations()) * 1000) state.SkipWithError("ball lost");
    state.SetItemsProcessed(state.iterations() * 1000);
    state.counters["messages/s"] =
        benchmark::Counter(double(state.iterations()) * 1000, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PingPong)->Arg(0)->Arg(300000);

}  // namespace
