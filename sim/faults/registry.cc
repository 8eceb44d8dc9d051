// The fault registry: every kind by name, in the one explicit list of kinds.def.

#include "sim/faults/fault.h"
#include "sim/faults/kinds.h"

namespace sim {

std::vector<FaultKind> fault_kinds() {
    return {
#define FAULT_KIND(function) fault_kinds_list::function(),
#include "sim/faults/kinds.def"
#undef FAULT_KIND
    };
}

}  // namespace sim
