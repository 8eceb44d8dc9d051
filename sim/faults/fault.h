#pragma once
// The Fault interface and its registry: a fault kind parses its spec (key -> string
// values, from a scenario or the nemesis), applies itself to resolved target nodes of a
// World, and heals (restarts, resumes, reconnects) when its duration ends.

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/message.h"
#include "sim/result.h"
#include "sim/time.h"

namespace sim {

class Rng;
class World;

/// A fault as written: "kind" names it; "at", "duration" and "target" are read by the
/// schedule; every other key is the kind's own ("latency" = "50ms", "skew" = "-2s").
using FaultSpec = std::map<std::string, std::string, std::less<>>;

class Fault {
   public:
    virtual ~Fault() = default;
    /// The registry name: "crash", "partition-halves", ...
    virtual std::string_view kind() const = 0;
    /// Applies the fault now to `targets` (resolved node ids; for partition shapes, the
    /// nodes taking part). `rng` draws any random choice (which half a node lands in).
    virtual void apply(World& world, const std::vector<NodeId>& targets, Rng& rng) = 0;
    /// Undoes what apply did: restarts crashed nodes, resumes paused ones, heals links,
    /// resets delays and skews. Called at most once, after apply.
    virtual void heal(World& world) = 0;
};

using FaultParser = Result<std::unique_ptr<Fault>> (*)(const FaultSpec& spec);
/// Draws a spec with random parameters for the nemesis (no "target": the nemesis
/// picks that).
using FaultSpecDrawer = FaultSpec (*)(Rng& rng);

/// One fault kind in the registry.
struct FaultKind {
    /// The name used in scenarios and traces: "crash", "partition-one-way", ...
    std::string_view name;
    /// One sentence for `kafkasim` help and reports.
    std::string_view description;
    /// True when the fault acts on chosen nodes (crash, pause...); false when it acts on
    /// a set of nodes at once (partition shapes), whose empty target means every node.
    bool targets_nodes;
    FaultParser parse;
    FaultSpecDrawer draw;
};

/// Every fault kind, in a fixed order: the one list to edit when adding a kind is
/// faults/kinds.def. Built per call (a dozen entries): no function statics in sim/.
std::vector<FaultKind> fault_kinds();
/// The kind named `name`, if there is one.
std::optional<FaultKind> find_fault_kind(std::string_view name);
/// Parses `spec` with the parser of spec["kind"]; a clear error when the kind is missing
/// or unknown, or a key or value is wrong.
Result<std::unique_ptr<Fault>> parse_fault(const FaultSpec& spec);

// Helpers for the kinds' parsers.
namespace fault_spec {
/// Keys every spec may carry, read by the schedule rather than by the kind.
inline constexpr std::array<std::string_view, 4> kCommonKeys = {"kind", "at", "duration",
                                                                "target"};
/// An error unless every key of `spec` is common or in `own_keys`.
Status check_keys(const FaultSpec& spec, std::string_view kind,
                  const std::vector<std::string_view>& own_keys);
/// spec[key] parsed as a duration ("50ms"; a leading '-' allowed when `allow_negative`),
/// or `fallback` when absent.
Result<Duration> duration(const FaultSpec& spec, std::string_view kind, std::string_view key,
                          Duration fallback, bool allow_negative = false);
}  // namespace fault_spec

}  // namespace sim
