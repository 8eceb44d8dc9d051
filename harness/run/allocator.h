#pragma once
// Process-wide malloc settings for simulation runs: keep freed memory in the process so a
// run (or the next seed) reuses it instead of page-faulting fresh pages from the kernel.

namespace harness {

/// Raises glibc's mmap and trim thresholds and its top pad and keeps blocks above the
/// (capped) mmap threshold on the heap too, once per process. A run
/// allocates and frees many multi-megabyte buffers (history, logs, message batches);
/// with glibc's defaults each comes from mmap and goes back to the kernel, and the page
/// faults of touching it again cost more CPU than the simulation itself. No effect on
/// what a run computes; a no-op without glibc (or under a sanitizer's allocator).
void tune_allocator_for_runs();

}  // namespace harness
