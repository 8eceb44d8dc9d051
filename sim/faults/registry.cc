// The fault registry: every kind by name, in one explicit list (no static
// self-registration, which a static library silently drops). Adding a kind = one file
// in faults/, one declaration in kinds.h, one line here.

#include "sim/faults/fault.h"
#include "sim/faults/kinds.h"

namespace sim {

std::vector<FaultKind> fault_kinds() {
    return {
        fault_kinds_list::crash(),
        fault_kinds_list::power_loss(),
        fault_kinds_list::pause(),
        fault_kinds_list::isolate(),
        fault_kinds_list::partition_halves(),
        fault_kinds_list::partition_ring(),
        fault_kinds_list::partition_bridge(),
        fault_kinds_list::partition_one_way(),
        fault_kinds_list::delay(),
        fault_kinds_list::slow_disk(),
        fault_kinds_list::clock_skew(),
    };
}

}  // namespace sim
