// The idempotent sink: per partition it applies a record only above the highest offset it
// applied, so a re-delivery (a consumer resuming from an older commit) is skipped, while
// partitions stay independent.

#include "harness/workload/sink.h"

#include <gtest/gtest.h>

namespace harness {
namespace {

TEST(IdempotentSink, SkipsRecordsAtOrBelowTheHighestAppliedOffset) {
    IdempotentSink sink;
    const core::TopicPartition p0{"t", 0};
    EXPECT_TRUE(sink.apply(p0, 5));
    EXPECT_TRUE(sink.apply(p0, 6));
    EXPECT_FALSE(sink.apply(p0, 6));
    EXPECT_FALSE(sink.apply(p0, 3));
    EXPECT_EQ(sink.highest_applied(p0), 6);
    EXPECT_TRUE(sink.apply(p0, 9));  // a gap (a compacted or control offset) is fine
}

TEST(IdempotentSink, PartitionsAreIndependent) {
    IdempotentSink sink;
    EXPECT_TRUE(sink.apply({"t", 0}, 10));
    EXPECT_TRUE(sink.apply({"t", 1}, 0));
    EXPECT_EQ(sink.highest_applied({"t", 2}), core::kNoOffset);
}

}  // namespace
}  // namespace harness
