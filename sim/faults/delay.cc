// Fault "delay": a latency and jitter spike on every link to and from the target nodes
// (a congested switch, a noisy neighbour). FIFO per connection still holds.

#include <vector>

#include "sim/faults/kinds.h"
#include "sim/rng.h"
#include "sim/world.h"

namespace sim {
namespace {

class DelayFault final : public Fault {
   public:
    explicit DelayFault(LinkDelay delay) : delay_(delay) {}
    std::string_view kind() const override { return "delay"; }

    void apply(World& world, const std::vector<NodeId>& targets, Rng&) override {
        for (NodeId node : targets) {
            for (NodeId other : world.node_ids()) {
                if (other == node) continue;
                world.network().set_link_delay(node, other, delay_);
                world.network().set_link_delay(other, node, delay_);
                links_.emplace_back(node, other);
            }
            world.record_fault("delay", node);
        }
    }

    void heal(World& world) override {
        for (const auto& [a, b] : links_) {
            world.network().set_link_delay(a, b, LinkDelay{});
            world.network().set_link_delay(b, a, LinkDelay{});
        }
        links_.clear();
        world.record_fault("heal delay");
    }

   private:
    LinkDelay delay_;
    std::vector<std::pair<NodeId, NodeId>> links_;
};

Result<std::unique_ptr<Fault>> parse(const FaultSpec& spec) {
    Status keys = fault_spec::check_keys(spec, "delay", {"latency", "jitter"});
    if (!keys) return keys.error();
    Result<Duration> latency = fault_spec::duration(spec, "delay", "latency", 50 * kMillisecond);
    if (!latency) return latency.error();
    Result<Duration> jitter = fault_spec::duration(spec, "delay", "jitter", 0);
    if (!jitter) return jitter.error();
    return std::unique_ptr<Fault>(
        std::make_unique<DelayFault>(LinkDelay{latency.value(), jitter.value()}));
}

FaultSpec draw(Rng& rng) {
    const Duration latency = rng.between(5, 200) * kMillisecond;
    const Duration jitter = rng.between(0, 50) * kMillisecond;
    return {{"kind", "delay"},
            {"latency", format_duration(latency)},
            {"jitter", format_duration(jitter)}};
}

}  // namespace

FaultKind fault_kinds_list::delay() {
    return {"delay", "add latency (\"latency\", default 50ms) and jitter (\"jitter\") to links",
            true, parse, draw};
}

}  // namespace sim
