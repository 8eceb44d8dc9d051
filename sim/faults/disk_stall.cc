// Fault "disk-stall": the target nodes' disks complete no fsync for the fault's
// `duration` (a device that hangs, as a dying disk or a saturated SAN does), then resume:
// an fsync issued during the stall completes only after it, so every durable write and
// acknowledgement that waits for one (acks=all on a flushing broker, the controller's log)
// stops, and the backlog completes at once when the disk resumes. Reads come from the
// page cache and keep working. Healing early (the nemesis) resumes the disk then.

#include <vector>

#include "sim/faults/kinds.h"
#include "sim/rng.h"
#include "sim/world.h"

namespace sim {
namespace {

class DiskStallFault final : public Fault {
 public:
    explicit DiskStallFault(Duration stall) : stall_(stall) {}
    std::string_view kind() const override { return "disk-stall"; }

    void apply(World& world, const std::vector<NodeId>& targets, Rng&) override {
        for (NodeId node : targets) {
            world.disk(node).stall_until(world.now() + stall_);
            world.record_fault("disk-stall", node);
            stalled_.push_back(node);
        }
    }

    void heal(World& world) override {
        for (NodeId node : stalled_) {
            world.disk(node).stall_until(0);
            world.record_fault("heal disk-stall", node);
        }
        stalled_.clear();
    }

 private:
    Duration stall_;
    std::vector<NodeId> stalled_;
};

Result<std::unique_ptr<Fault>> parse(const FaultSpec& spec) {
    Status keys = fault_spec::check_keys(spec, "disk-stall", {});
    if (!keys) return keys.error();
    // The stall lasts the fault's own duration (read by the schedule too, to heal it).
    Result<Duration> stall = fault_spec::duration(spec, "disk-stall", "duration", 0);
    if (!stall) return stall.error();
    if (stall.value() <= 0) {
        return Error{"", "fault \"disk-stall\" needs a \"duration\" longer than 0 (\"2s\")"};
    }
    return std::unique_ptr<Fault>(std::make_unique<DiskStallFault>(stall.value()));
}

FaultSpec draw(Rng& rng) {
    return {{"kind", "disk-stall"},
            {"duration", format_duration(rng.between(100, 5000) * kMillisecond)}};
}

}  // namespace

FaultKind fault_kinds_list::disk_stall() {
    return {"disk-stall", "complete no fsync for \"duration\", then resume (reads keep working)",
            true, parse, draw};
}

}  // namespace sim
