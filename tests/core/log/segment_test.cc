// A segment is one file of whole batches: its name encodes its base offset, and loading
// it back keeps exactly the valid batches that follow on from that base.

#include "core/log/segment.h"

#include <gtest/gtest.h>

#include "core/log/record_codec.h"
#include "log_test_util.h"
#include "sim/disk.h"

namespace core::log {
namespace {

TEST(Segment, FileNameRoundTripsTheBaseOffset) {
    std::string name = Segment::file_name("t-3/", 1234567);
    EXPECT_EQ(name, "t-3/00000000000001234567.log");
    EXPECT_EQ(Segment::parse_file_name("t-3/", name), 1234567);
}

TEST(Segment, OtherFilesAreNotSegments) {
    EXPECT_FALSE(Segment::parse_file_name("t-3/", "t-3/leader-epoch-checkpoint"));
    EXPECT_FALSE(Segment::parse_file_name("t-3/", "t-3/0000000000000000001x.log"));
    EXPECT_FALSE(Segment::parse_file_name("t-3/", "t-3/-0000000000000000001.log"));
    EXPECT_FALSE(Segment::parse_file_name("t-3/", "t-4/00000000000000000000.log"));
    EXPECT_FALSE(Segment::parse_file_name("t-3/", "t-3/00000000000000000000.idx"));
}

TEST(Segment, TracksSizeAndLargestTimestampOfItsBatches) {
    sim::Disk disk;
    Segment segment(disk, "t-0/00000000000000000000.log", 0);
    std::string scratch;
    segment.append(testing::leader_batch(0, 0, 2), scratch);
    protocol::RecordBatch later = testing::leader_batch(2, 0, 1);
    later.records[0].timestamp_ms = 500;
    segment.append(later, scratch);
    EXPECT_EQ(segment.next_offset(), 3);
    EXPECT_EQ(segment.largest_timestamp_ms(), 500);
    EXPECT_EQ(segment.size_bytes(),
              int64_t(testing::leader_batch(0, 0, 2).size_bytes() + later.size_bytes()));
}

TEST(Segment, LoadStopsAtABatchThatDoesNotFollowOn) {
    sim::Disk disk;
    const std::string file = "t-0/00000000000000000010.log";
    std::string bytes;
    encode_batch(testing::leader_batch(10, 0, 2), bytes);
    size_t good = bytes.size();
    encode_batch(testing::leader_batch(20, 0, 2), bytes);  // a gap: 12..19 missing
    disk.write_file(file, bytes);
    Segment segment(disk, file, 10);
    EXPECT_FALSE(segment.load());
    EXPECT_EQ(segment.next_offset(), 12);
    EXPECT_EQ(disk.read(file)->size(), good);
}

TEST(Segment, TruncateRemovesWholeBatchesFromTheFileToo) {
    sim::Disk disk;
    const std::string file = "t-0/00000000000000000000.log";
    Segment segment(disk, file, 0);
    std::string scratch;
    segment.append(testing::leader_batch(0, 0, 3), scratch);
    size_t first_bytes = disk.read(file)->size();
    segment.append(testing::leader_batch(3, 0, 3), scratch);
    segment.truncate_to(4);  // inside the second batch: it goes whole
    EXPECT_EQ(segment.next_offset(), 3);
    EXPECT_EQ(disk.read(file)->size(), first_bytes);
    Segment reloaded(disk, file, 0);
    EXPECT_TRUE(reloaded.load());
    EXPECT_EQ(reloaded.next_offset(), 3);
}

}  // namespace
}  // namespace core::log
