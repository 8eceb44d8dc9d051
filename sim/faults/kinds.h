#pragma once
// The fault kinds the registry lists (kinds.def), one function per kind file (private to
// faults/).

#include "sim/faults/fault.h"

namespace sim::fault_kinds_list {

#define FAULT_KIND(function) FaultKind function();
#include "sim/faults/kinds.def"
#undef FAULT_KIND

}  // namespace sim::fault_kinds_list
