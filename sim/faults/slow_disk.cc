// Fault "slow-disk": every fsync on the target nodes takes longer (a failing or saturated
// device), so durable acknowledgements lag.

#include <vector>

#include "sim/faults/kinds.h"
#include "sim/rng.h"
#include "sim/world.h"

namespace sim {
namespace {

class SlowDiskFault final : public Fault {
   public:
    explicit SlowDiskFault(Duration extra) : extra_(extra) {}
    std::string_view kind() const override { return "slow-disk"; }

    void apply(World& world, const std::vector<NodeId>& targets, Rng&) override {
        for (NodeId node : targets) {
            world.disk(node).set_extra_latency(extra_);
            world.record_fault("slow-disk", node);
            slowed_.push_back(node);
        }
    }

    void heal(World& world) override {
        for (NodeId node : slowed_) {
            world.disk(node).set_extra_latency(0);
            world.record_fault("heal slow-disk", node);
        }
        slowed_.clear();
    }

   private:
    Duration extra_;
    std::vector<NodeId> slowed_;
};

Result<std::unique_ptr<Fault>> parse(const FaultSpec& spec) {
    Status keys = fault_spec::check_keys(spec, "slow-disk", {"latency"});
    if (!keys) return keys.error();
    Result<Duration> latency =
        fault_spec::duration(spec, "slow-disk", "latency", 100 * kMillisecond);
    if (!latency) return latency.error();
    return std::unique_ptr<Fault>(std::make_unique<SlowDiskFault>(latency.value()));
}

FaultSpec draw(Rng& rng) {
    return {{"kind", "slow-disk"},
            {"latency", format_duration(rng.between(10, 500) * kMillisecond)}};
}

}  // namespace

FaultKind fault_kinds_list::slow_disk() {
    return {"slow-disk", "make every fsync take \"latency\" (default 100ms) longer", true,
            parse, draw};
}

}  // namespace sim
