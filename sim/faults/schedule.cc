#include "sim/faults/schedule.h"

#include <charconv>

#include "sim/world.h"

namespace sim {
namespace {

// Parses "3" or "1,2,5" into ids; nullopt if `text` is not such a list.
std::optional<std::vector<NodeId>> parse_id_list(std::string_view text) {
    std::vector<NodeId> ids;
    while (!text.empty()) {
        const size_t comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        NodeId id = 0;
        auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), id);
        if (error != std::errc() || end != item.data() + item.size()) return std::nullopt;
        ids.push_back(id);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    if (ids.empty()) return std::nullopt;
    return ids;
}

}  // namespace

TargetResolver world_resolver(const World& world) {
    return [&world](std::string_view target) -> std::vector<NodeId> {
        if (target.empty() || target == "all") return world.node_ids();
        if (auto ids = parse_id_list(target)) {
            std::vector<NodeId> known;
            for (NodeId id : *ids) {
                if (world.has_node(id)) known.push_back(id);
            }
            return known;
        }
        for (NodeId id : world.node_ids()) {
            if (world.node_name(id) == target) return {id};
        }
        return {};
    };
}

FaultSchedule::FaultSchedule(World& world, TargetResolver resolver)
    : world_(world),
      resolver_(resolver ? std::move(resolver) : world_resolver(world)),
      rng_(world.rng().child("fault-schedule")) {}

FaultSchedule::~FaultSchedule() = default;

void FaultSchedule::reseed() { rng_ = world_.rng().child("fault-schedule"); }

Status FaultSchedule::add(const FaultSpec& spec) {
    Result<std::unique_ptr<Fault>> fault = parse_fault(spec);
    if (!fault) return fault.error();
    const std::string kind = spec.at("kind");
    auto at_it = spec.find("at");
    if (at_it == spec.end()) return Error{"", "fault \"" + kind + "\" needs \"at\""};
    Result<Duration> at = fault_spec::duration(spec, kind, "at", 0);
    if (!at) return at.error();
    if (at.value() < world_.now()) {
        return Error{"", "fault \"" + kind + "\": \"at\" is in the past"};
    }
    Result<Duration> duration = fault_spec::duration(spec, kind, "duration", 0);
    if (!duration) return duration.error();
    auto target_it = spec.find("target");
    std::string target = target_it == spec.end() ? "" : target_it->second;
    if (target.empty() && find_fault_kind(kind)->targets_nodes) {
        return Error{"", "fault \"" + kind + "\" needs a \"target\""};
    }
    add(at.value(), duration.value(), std::move(target), std::move(fault).value());
    return Ok{};
}

void FaultSchedule::add(Time at, Duration duration, std::string target,
                        std::unique_ptr<Fault> fault) {
    KS_ASSERT(fault != nullptr);
    KS_ASSERT(at >= world_.now());
    KS_ASSERT(duration >= 0);
    entries_.push_back(Entry{at, duration, std::move(target), std::move(fault), Phase::Waiting});
    world_.loop().schedule_at(at, this, entries_.size() - 1, kApply);
}

void FaultSchedule::on_event(uint64_t a, uint64_t b, uint64_t) {
    KS_ASSERT(a < entries_.size());
    if (b == kApply) {
        fire(a);
    } else {
        end(a);
    }
}

void FaultSchedule::fire(size_t index) {
    Entry& entry = entries_[index];
    if (entry.phase != Phase::Waiting) return;  // heal_all came first
    const std::vector<NodeId> targets = resolver_(entry.target);
    if (targets.empty()) {
        ++skipped_;
        entry.phase = Phase::Done;
        world_.note("fault " + std::string(entry.fault->kind()) + " skipped: target \"" +
                    entry.target + "\" resolved to no node");
        return;
    }
    ++applied_;
    entry.phase = Phase::Active;
    entry.fault->apply(world_, targets, rng_);
    if (entry.duration > 0) world_.loop().schedule_after(entry.duration, this, index, kHeal);
}

void FaultSchedule::end(size_t index) {
    Entry& entry = entries_[index];
    if (entry.phase != Phase::Active) return;
    entry.phase = Phase::Done;
    entry.fault->heal(world_);
}

void FaultSchedule::heal_all() {
    for (size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].phase == Phase::Active) end(i);
        // A fault not yet fired never will: the quiet phase has begun.
        if (entries_[i].phase == Phase::Waiting) entries_[i].phase = Phase::Done;
    }
}

}  // namespace sim
