#pragma once
// The named coverage probes of core/ (probes.def is the one list) and how core/ hits one:
// through the NodeEnv seam, so the World counts them per run and a sweep can report which
// protocol states its faults reached and which probes never fired.

#include <cstdint>
#include <optional>
#include <string_view>
#include <span>

#include "sim/node_env.h"

namespace core {

enum class Probe : uint16_t {
#define KS_PROBE(identifier, name, meaning) identifier,
#include "core/common/probes.def"
#undef KS_PROBE
};

struct ProbeInfo {
    Probe probe;
    /// "leader-change-during-acks-all-produce": what scenarios and reports call it.
    std::string_view name;
    /// One line on the protocol state reaching it proves.
    std::string_view meaning;
};

/// Every known probe, in probes.def order.
std::span<const ProbeInfo> all_probes();
std::string_view probe_name(Probe probe);
/// The probe called `name`, or nullopt for a name not in probes.def.
std::optional<Probe> find_probe(std::string_view name);

/// Counts that this run reached `probe`'s state. Changes nothing else: no trace event,
/// no randomness, so a probe never moves a trace hash.
inline void hit(sim::NodeEnv& env, Probe probe) { env.probe(probe_name(probe)); }

}  // namespace core
