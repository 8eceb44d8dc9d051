#include "core/common/probes.h"

#include "sim/assert.h"

namespace core {
namespace {

constexpr ProbeInfo kProbes[] = {
#define KS_PROBE(identifier, name, meaning) {Probe::identifier, name, meaning},
#include "core/common/probes.def"
#undef KS_PROBE
};

}  // namespace

std::span<const ProbeInfo> all_probes() { return kProbes; }

std::string_view probe_name(Probe probe) {
    const auto index = static_cast<size_t>(probe);
    KS_ASSERT(index < std::size(kProbes));
    KS_ASSERT(kProbes[index].probe == probe);
    return kProbes[index].name;
}

std::optional<Probe> find_probe(std::string_view name) {
    for (const ProbeInfo& info : kProbes) {
        if (info.name == name) return info.probe;
    }
    return std::nullopt;
}

}  // namespace core
