#pragma once
// The fault kinds the registry lists, one function per kind file (private to faults/).

#include "sim/faults/fault.h"

namespace sim::fault_kinds_list {

FaultKind crash();
FaultKind power_loss();
FaultKind pause();
FaultKind isolate();
FaultKind partition_halves();
FaultKind partition_ring();
FaultKind partition_bridge();
FaultKind partition_one_way();
FaultKind delay();
FaultKind slow_disk();
FaultKind clock_skew();

}  // namespace sim::fault_kinds_list
