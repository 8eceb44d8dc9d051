// __consumer_offsets: a group's partition is Java's String.hashCode (not murmur2) through
// Kafka's Utils.abs, modulo offsets.topic.num.partitions; commit and group records decode
// to what was encoded, so a new coordinator rebuilds exactly what the old one stored.

#include <gtest/gtest.h>

#include "core/group/group_state.h"
#include "core/group/offsets_topic.h"

namespace {

using namespace core;
using namespace core::group;

TEST(OffsetsTopic, JavaStringHashMatchesJava) {
    EXPECT_EQ(java_string_hash(""), 0);
    EXPECT_EQ(java_string_hash("hello"), 99162322);
    // The classic collision "Aa" / "BB" (both 2112) shows it is Java's polynomial hash.
    EXPECT_EQ(java_string_hash("Aa"), 2112);
    EXPECT_EQ(java_string_hash("BB"), 2112);
    // Non-ASCII text hashes its UTF-16 code units: "é" is U+00E9 = 233.
    EXPECT_EQ(java_string_hash("\xC3\xA9"), 233);
    // U+1F600 is the surrogate pair D83D DE00: 31 * 0xD83D + 0xDE00.
    EXPECT_EQ(java_string_hash("\xF0\x9F\x98\x80"), 31 * 0xD83D + 0xDE00);
}

TEST(OffsetsTopic, PartitionForUsesUtilsAbsModuloPartitionCount) {
    EXPECT_EQ(partition_for("hello", 50), 99162322 % 50);
    // "polygenelubricants".hashCode() == Integer.MIN_VALUE; Utils.abs maps it to 0.
    EXPECT_EQ(java_string_hash("polygenelubricants"), INT32_MIN);
    EXPECT_EQ(partition_for("polygenelubricants", 50), 0);
    // Otherwise the absolute value of the hash, modulo the partition count.
    const int32_t h = java_string_hash("my-group");
    EXPECT_EQ(partition_for("my-group", 50), (h < 0 ? -h : h) % 50);
    for (int i = 0; i < 200; ++i) {
        const int32_t p = partition_for("group-" + std::to_string(i), 50);
        EXPECT_GE(p, 0);
        EXPECT_LT(p, 50);
    }
}

TEST(OffsetsTopic, OffsetCommitRecordRoundTrips) {
    OffsetAndMetadata value{42, 3, "meta|data:1;", 1234};
    auto record = offset_commit_record("g|1", {"trucks_gps", 7}, value);
    auto parsed = parse_offsets_topic_record(record);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->kind, OffsetsTopicRecord::Kind::OffsetCommit);
    EXPECT_EQ(parsed->group_id, "g|1");
    EXPECT_EQ(parsed->topic_partition, (TopicPartition{"trucks_gps", 7}));
    EXPECT_EQ(parsed->offset.committed_offset, 42);
    EXPECT_EQ(parsed->offset.leader_epoch, 3);
    EXPECT_EQ(parsed->offset.metadata, "meta|data:1;");
    EXPECT_EQ(parsed->offset.commit_timestamp_ms, 1234);
}

TEST(OffsetsTopic, GroupMetadataRecordRoundTrips) {
    GroupMetadataValue value;
    value.protocol_type = "consumer";
    value.generation_id = 9;
    value.protocol_name = "range";
    value.leader = "c-1";
    MemberMetadataValue m;
    m.member_id = "c-1";
    m.client_id = "c";
    m.session_timeout_ms = 6000;
    m.rebalance_timeout_ms = 10000;
    m.subscription.topics = {"a", "b"};
    m.subscription.owned_partitions = {{"a", 0}};
    m.subscription.generation_id = 8;
    m.assignment.assigned_partitions = {{"a", 0}, {"b", 1}};
    value.members.push_back(m);
    auto parsed = parse_offsets_topic_record(group_metadata_record("g", value));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->kind, OffsetsTopicRecord::Kind::GroupMetadata);
    EXPECT_EQ(parsed->group.generation_id, 9);
    EXPECT_EQ(parsed->group.leader, "c-1");
    ASSERT_EQ(parsed->group.members.size(), 1u);
    EXPECT_EQ(parsed->group.members[0].subscription.topics, m.subscription.topics);
    EXPECT_EQ(parsed->group.members[0].assignment.assigned_partitions,
              m.assignment.assigned_partitions);
    EXPECT_EQ(parsed->group.members[0].session_timeout_ms, 6000);
}

TEST(OffsetsTopic, ForeignRecordsAreIgnored) {
    protocol::Record record;
    record.has_key = true;
    record.key = "not ours";
    EXPECT_FALSE(parse_offsets_topic_record(record).has_value());
}

TEST(GroupStateTest, OnlyKafkasTransitionsAreLegal) {
    EXPECT_TRUE(is_legal_transition(GroupState::Empty, GroupState::PreparingRebalance));
    EXPECT_TRUE(is_legal_transition(GroupState::PreparingRebalance,
                                    GroupState::CompletingRebalance));
    EXPECT_TRUE(is_legal_transition(GroupState::CompletingRebalance, GroupState::Stable));
    EXPECT_TRUE(is_legal_transition(GroupState::Stable, GroupState::PreparingRebalance));
    EXPECT_TRUE(is_legal_transition(GroupState::PreparingRebalance, GroupState::Empty));
    EXPECT_TRUE(is_legal_transition(GroupState::Stable, GroupState::Dead));
    EXPECT_FALSE(is_legal_transition(GroupState::Empty, GroupState::Stable));
    EXPECT_FALSE(is_legal_transition(GroupState::Stable, GroupState::CompletingRebalance));
    EXPECT_FALSE(is_legal_transition(GroupState::CompletingRebalance, GroupState::Empty));
    EXPECT_FALSE(is_legal_transition(GroupState::Dead, GroupState::Stable));
}

}  // namespace
