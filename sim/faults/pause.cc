// Fault "pause": a stop-the-world pause (long GC, SIGSTOP). The node handles nothing while
// paused; messages and timers queue, and it resumes believing no time passed.

#include <vector>

#include "sim/faults/kinds.h"
#include "sim/world.h"

namespace sim {
namespace {

class PauseFault final : public Fault {
   public:
    std::string_view kind() const override { return "pause"; }
    void apply(World& world, const std::vector<NodeId>& targets, Rng&) override {
        for (NodeId node : targets) {
            if (world.pause(node)) paused_.push_back(node);
        }
    }
    void heal(World& world) override {
        for (NodeId node : paused_) world.resume(node);
        paused_.clear();
    }

   private:
    std::vector<NodeId> paused_;
};

Result<std::unique_ptr<Fault>> parse(const FaultSpec& spec) {
    Status keys = fault_spec::check_keys(spec, "pause", {});
    if (!keys) return keys.error();
    return std::unique_ptr<Fault>(std::make_unique<PauseFault>());
}

FaultSpec draw(Rng&) { return {{"kind", "pause"}}; }

}  // namespace

FaultKind fault_kinds_list::pause() {
    return {"pause", "freeze the process (GC pause); it resumes when the fault ends", true,
            parse, draw};
}

}  // namespace sim
