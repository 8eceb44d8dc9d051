// Fault "clock-skew": the target nodes' local clocks read ahead or behind virtual time by
// "skew" (e.g. "2s", "-500ms"); healing sets them right again.

#include <vector>

#include "sim/faults/kinds.h"
#include "sim/node.h"
#include "sim/rng.h"
#include "sim/world.h"

namespace sim {
namespace {

class ClockSkewFault final : public Fault {
   public:
    explicit ClockSkewFault(Duration skew) : skew_(skew) {}
    std::string_view kind() const override { return "clock-skew"; }

    void apply(World& world, const std::vector<NodeId>& targets, Rng&) override {
        for (NodeId node : targets) {
            previous_.emplace_back(node, world.find_node(node)->clock_skew());
            world.set_clock_skew(node, skew_);
        }
    }

    void heal(World& world) override {
        for (const auto& [node, skew] : previous_) world.set_clock_skew(node, skew);
        previous_.clear();
    }

   private:
    Duration skew_;
    std::vector<std::pair<NodeId, Duration>> previous_;
};

Result<std::unique_ptr<Fault>> parse(const FaultSpec& spec) {
    Status keys = fault_spec::check_keys(spec, "clock-skew", {"skew"});
    if (!keys) return keys.error();
    Result<Duration> skew =
        fault_spec::duration(spec, "clock-skew", "skew", kSecond, /*allow_negative=*/true);
    if (!skew) return skew.error();
    return std::unique_ptr<Fault>(std::make_unique<ClockSkewFault>(skew.value()));
}

FaultSpec draw(Rng& rng) {
    const Duration skew = rng.between(-10000, 10000) * kMillisecond;
    std::string text = skew < 0 ? std::string("-") : std::string();
    text.append(format_duration(skew < 0 ? -skew : skew));
    return {{"kind", "clock-skew"}, {"skew", text}};
}

}  // namespace

FaultKind fault_kinds_list::clock_skew() {
    return {"clock-skew", "shift the nodes' local clocks by \"skew\" (default 1s, may be < 0)",
            true, parse, draw};
}

}  // namespace sim
