#include "harness/run/allocator.h"

// Any C++ library header defines __GLIBC__ (through <features.h>); without one before the
// check below, it is never defined and the tuning silently compiles to nothing.
#include <cstddef>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace harness {
namespace {

bool apply() {
#if defined(__GLIBC__)
    // Blocks below 32 MiB come from the heap, not from a fresh mapping each time.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    // Larger blocks too: glibc caps that threshold at 32 MiB, so a long run's history
    // (over 32 MiB from about 60 simulated seconds at 500 sends/s) would be a fresh,
    // page-faulting mapping in every run; from the heap it is reused run after run.
    mallopt(M_MMAP_MAX, 0);
    // Free memory at the heap's top stays until 256 MiB of it is unused...
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    // ...and the heap grows 64 MiB at a time, so growth is rare.
    mallopt(M_TOP_PAD, 64 << 20);
#endif
    return true;
}

}  // namespace

void tune_allocator_for_runs() {
    // A function-local static runs apply() once, even with runs on several threads.
    static const bool applied = apply();
    (void)applied;
}

}  // namespace harness
