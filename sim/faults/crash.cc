// Fault "crash": the process dies (memory and timers lost, the OS page cache kept); it
// restarts from its disk when the fault heals.

#include <vector>

#include "sim/faults/kinds.h"
#include "sim/world.h"

namespace sim {
namespace {

class CrashFault final : public Fault {
   public:
    std::string_view kind() const override { return "crash"; }
    void apply(World& world, const std::vector<NodeId>& targets, Rng&) override {
        for (NodeId node : targets) {
            if (world.crash(node)) crashed_.push_back(node);
        }
    }
    void heal(World& world) override {
        for (NodeId node : crashed_) world.restart(node);
        crashed_.clear();
    }

   private:
    std::vector<NodeId> crashed_;
};

Result<std::unique_ptr<Fault>> parse(const FaultSpec& spec) {
    Status keys = fault_spec::check_keys(spec, "crash", {});
    if (!keys) return keys.error();
    return std::unique_ptr<Fault>(std::make_unique<CrashFault>());
}

FaultSpec draw(Rng&) { return {{"kind", "crash"}}; }

}  // namespace

FaultKind fault_kinds_list::crash() {
    return {"crash", "kill the process; it restarts from its disk when the fault ends", true,
            parse, draw};
}

}  // namespace sim
