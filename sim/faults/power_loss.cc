// Fault "power-loss": the machine loses power, so the process dies and every disk write
// not yet fsynced is lost; the node restarts from what was durable when the fault heals.

#include <vector>

#include "sim/faults/kinds.h"
#include "sim/world.h"

namespace sim {
namespace {

class PowerLossFault final : public Fault {
   public:
    std::string_view kind() const override { return "power-loss"; }
    void apply(World& world, const std::vector<NodeId>& targets, Rng&) override {
        for (NodeId node : targets) {
            if (world.power_loss(node)) stopped_.push_back(node);
        }
    }
    void heal(World& world) override {
        for (NodeId node : stopped_) world.restart(node);
        stopped_.clear();
    }

   private:
    std::vector<NodeId> stopped_;
};

Result<std::unique_ptr<Fault>> parse(const FaultSpec& spec) {
    Status keys = fault_spec::check_keys(spec, "power-loss", {});
    if (!keys) return keys.error();
    return std::unique_ptr<Fault>(std::make_unique<PowerLossFault>());
}

FaultSpec draw(Rng&) { return {{"kind", "power-loss"}}; }

}  // namespace

FaultKind fault_kinds_list::power_loss() {
    return {"power-loss", "cut the power: the process dies and unsynced writes are lost", true,
            parse, draw};
}

}  // namespace sim
