#include "sim/faults/nemesis.h"

#include <algorithm>

#include "sim/world.h"

namespace sim {

Nemesis::Nemesis(World& world, NemesisOptions options, TargetResolver resolver)
    : world_(world),
      options_(std::move(options)),
      resolver_(resolver ? std::move(resolver) : world_resolver(world)),
      rng_(world.rng().child("nemesis")) {
    KS_ASSERT(options_.interval_ns > 0);
    KS_ASSERT(options_.fault_duration_ns > 0);
}

Nemesis::~Nemesis() = default;

Rng Nemesis::world_rng_child() const { return world_.rng().child("nemesis"); }

Status Nemesis::start() {
    if (options_.kinds.empty()) return Error{"", "the nemesis needs at least one fault kind"};
    for (const std::string& name : options_.kinds) {
        std::optional<FaultKind> kind = find_fault_kind(name);
        if (!kind) {
            FaultSpec probe = {{"kind", name}};
            return parse_fault(probe).error();  // the registry's "unknown kind" message
        }
        kinds_.push_back(*kind);
    }
    const Time first = std::max(options_.start_ns, world_.now());
    if (first < options_.stop_ns) world_.loop().schedule_at(first, this, 0, kStrike);
    if (options_.stop_ns != kTimeNever) {
        world_.loop().schedule_at(std::max(options_.stop_ns, world_.now()), this, 0, kStop);
    }
    return Ok{};
}

void Nemesis::on_event(uint64_t, uint64_t b, uint64_t) {
    switch (b) {
        case kStrike: strike(); break;
        case kHeal: heal_current(); break;
        case kStop: stop(); break;
        default: KS_UNREACHABLE();
    }
}

void Nemesis::strike() {
    if (stopped_) return;
    heal_current();
    const FaultKind& kind = kinds_[rng_.uniform(kinds_.size())];
    const FaultSpec spec = kind.draw(rng_);
    Result<std::unique_ptr<Fault>> fault = kind.parse(spec);
    KS_ASSERT(fault.ok());  // a drawn spec is always valid
    std::string target = options_.partition_target;
    if (kind.targets_nodes) {
        if (!options_.node_targets.empty()) {
            target = rng_.pick(options_.node_targets);
        } else {
            target = std::to_string(rng_.pick(world_.node_ids()));
        }
    }
    const std::vector<NodeId> targets = resolver_(target);
    if (!targets.empty()) {
        current_ = std::move(fault).value();
        current_->apply(world_, targets, rng_);
        history_.push_back(std::string(kind.name) + (target.empty() ? "" : " " + target));
        world_.loop().schedule_after(std::min(options_.fault_duration_ns, options_.interval_ns),
                                     this, 0, kHeal);
    }
    const Time next = world_.now() + options_.interval_ns;
    if (next < options_.stop_ns) world_.loop().schedule_at(next, this, 0, kStrike);
}

void Nemesis::heal_current() {
    if (current_ == nullptr) return;
    current_->heal(world_);
    current_.reset();
}

void Nemesis::stop() {
    stopped_ = true;
    heal_current();
}

}  // namespace sim
