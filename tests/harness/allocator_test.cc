// tune_allocator_for_runs must really change glibc's settings: once it compiled to nothing
// (no header had defined __GLIBC__ before its check) and every long run paid for it.
#include "harness/run/allocator.h"

#include <gtest/gtest.h>

#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitizerAllocator = true;
#elif defined(__has_feature)
constexpr bool kSanitizerAllocator = __has_feature(address_sanitizer);
#else
constexpr bool kSanitizerAllocator = false;
#endif

TEST(Allocator, ALargeBlockComesFromTheHeapNotAFreshMapping) {
#if defined(__GLIBC__)
    if (kSanitizerAllocator) GTEST_SKIP() << "ASan's allocator replaces glibc's malloc";
    harness::tune_allocator_for_runs();
    // A long run's history is over 32 MiB; glibc maps such a block afresh by default.
    const size_t mapped_before = mallinfo2().hblks;
    void* block = std::malloc(48 << 20);
    ASSERT_NE(block, nullptr);
    static_cast<volatile char*>(block)[0] = 1;  // else the compiler may drop malloc/free
    const size_t mapped_during = mallinfo2().hblks;
    std::free(block);
    EXPECT_EQ(mapped_during, mapped_before);
#else
    GTEST_SKIP() << "the tuning is glibc's";
#endif
}

}  // namespace
