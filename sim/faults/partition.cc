// Network partition faults, one shape each: isolate, partition-halves, partition-ring
// (majorities ring), partition-bridge and partition-one-way. Healing reconnects every link
// the shape cut.

#include <vector>

#include "sim/faults/kinds.h"
#include "sim/rng.h"
#include "sim/topology.h"
#include "sim/world.h"

namespace sim {
namespace {

enum class Shape { Isolate, Halves, Ring, Bridge, OneWay };

const char* shape_kind(Shape shape) {
    switch (shape) {
        case Shape::Isolate: return "isolate";
        case Shape::Halves: return "partition-halves";
        case Shape::Ring: return "partition-ring";
        case Shape::Bridge: return "partition-bridge";
        case Shape::OneWay: return "partition-one-way";
    }
    KS_UNREACHABLE();
}

// "[1 3] [2 4 5]": the groups, for the trace.
std::string describe(const Partition& partition) {
    std::string text = partition.shape;
    for (const auto& group : partition.groups) {
        text += " [";
        for (size_t i = 0; i < group.size(); ++i) {
            if (i > 0) text += ' ';
            text += std::to_string(group[i]);
        }
        text += "]";
    }
    return text;
}

class PartitionFault final : public Fault {
   public:
    explicit PartitionFault(Shape shape) : shape_(shape) {}
    std::string_view kind() const override { return shape_kind(shape_); }

    void apply(World& world, const std::vector<NodeId>& targets, Rng& rng) override {
        std::vector<Partition> partitions = draw_partitions(world, targets, rng);
        for (Partition& partition : partitions) {
            apply_partition(world.network(), partition);
            world.record_fault(describe(partition));
            applied_.push_back(std::move(partition));
        }
    }

    void heal(World& world) override {
        for (const Partition& partition : applied_) {
            heal_partition(world.network(), partition);
            world.record_fault("heal " + describe(partition));
        }
        applied_.clear();
    }

   private:
    // Isolate and one-way act on each target against every node of the world; the other
    // shapes split the targets (every node when the target is empty) among themselves.
    std::vector<Partition> draw_partitions(World& world, const std::vector<NodeId>& targets,
                                           Rng& rng) const {
        const std::vector<NodeId> everyone = world.node_ids();
        std::vector<Partition> result;
        switch (shape_) {
            case Shape::Isolate:
                for (NodeId node : targets) result.push_back(isolate(everyone, node));
                break;
            case Shape::OneWay:
                for (NodeId node : targets) result.push_back(one_way(everyone, node));
                break;
            case Shape::Halves:
                if (targets.size() >= 2) result.push_back(halves(targets, rng));
                break;
            case Shape::Ring:
                if (targets.size() >= 3) result.push_back(majority_ring(targets, rng));
                break;
            case Shape::Bridge:
                if (targets.size() >= 3) result.push_back(bridge(targets, rng));
                break;
        }
        return result;
    }

    Shape shape_;
    std::vector<Partition> applied_;
};

template <Shape shape>
Result<std::unique_ptr<Fault>> parse(const FaultSpec& spec) {
    Status keys = fault_spec::check_keys(spec, shape_kind(shape), {});
    if (!keys) return keys.error();
    return std::unique_ptr<Fault>(std::make_unique<PartitionFault>(shape));
}

template <Shape shape>
FaultSpec draw(Rng&) {
    return {{"kind", shape_kind(shape)}};
}

}  // namespace

FaultKind fault_kinds_list::isolate() {
    return {"isolate", "cut every link to and from the target nodes", true,
            parse<Shape::Isolate>, draw<Shape::Isolate>};
}

FaultKind fault_kinds_list::partition_halves() {
    return {"partition-halves", "split the target nodes (default: all) into two random halves",
            false, parse<Shape::Halves>, draw<Shape::Halves>};
}

FaultKind fault_kinds_list::partition_ring() {
    return {"partition-ring",
            "majorities ring: each node sees a majority, no two nodes the same one", false,
            parse<Shape::Ring>, draw<Shape::Ring>};
}

FaultKind fault_kinds_list::partition_bridge() {
    return {"partition-bridge", "two halves that only talk through one bridge node", false,
            parse<Shape::Bridge>, draw<Shape::Bridge>};
}

FaultKind fault_kinds_list::partition_one_way() {
    return {"partition-one-way", "the target nodes' messages are lost; they still hear all",
            true, parse<Shape::OneWay>, draw<Shape::OneWay>};
}

}  // namespace sim
