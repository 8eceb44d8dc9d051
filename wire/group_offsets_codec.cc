// A group's committed offsets: OffsetCommit (8) 2-9 flexible from 8 and OffsetFetch (9) 1-7
// flexible from 6 (Kafka 4 removed OffsetCommit 0-1 and OffsetFetch 0). OffsetFetch v8+
// batches groups and answers them by group id, which core/'s one-group response does not
// carry; clients fall back to v7. From OffsetCommit/OffsetFetch Request/Response.json.
#include "core/protocol/offsets.h"
#include "wire/message_codec.h"

namespace wire::detail {
namespace {

using namespace core::protocol;

struct OffsetCommitRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.group_id);
        if (v >= 1) {
            io.i32(m.generation_id);
            io.string(m.member_id);
        }
        if (v >= 7) io.nullable_string(m.group_instance_id);
        int64_t retention_time_ms = -1;
        if (v >= 2 && v <= 4) io.i64(retention_time_ms);
        topic_partitions(io, m.partitions, [&](auto& p) {
            io.i32(p.topic_partition.partition);
            io.i64(p.committed_offset);
            if (v >= 6) io.i32(p.committed_leader_epoch);
            int64_t commit_timestamp = -1;
            if (v == 1) io.i64(commit_timestamp);
            io.string_or_null(p.committed_metadata);
        });
        end_struct(io);
    }
};

struct OffsetCommitResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        if (v >= 3) io.i32(throttle_time_ms);
        topic_partitions(io, m.partitions, [&](auto& p) {
            io.i32(p.topic_partition.partition);
            io.enum16(p.error);
        });
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> offset_commit_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<OffsetCommitResponse>();
    for (const auto& p : static_cast<const OffsetCommitRequest&>(request).partitions) {
        response->partitions.push_back({p.topic_partition, error});
    }
    return response;
}

// Topics is nullable from v2 (null: every committed partition); v1 has no null.
struct OffsetFetchRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.group_id);
        if constexpr (IO::kReading) {
            int32_t count = io.array_length();  // -1 for null
            if (count >= 0) m.partitions.emplace();
            for (int32_t t = 0; t < count && io.ok(); ++t) read_one_topic(io, *m.partitions);
        } else {
            if (!m.partitions) {
                io.array_length(-1);
            } else {
                write_partitions(io, *m.partitions);
            }
        }
        if (v >= 7) io.boolean(m.require_stable);
        end_struct(io);
    }
    static void read_one_topic(Reader& io, std::vector<core::TopicPartition>& out) {
        std::string topic;
        io.string(topic);
        std::vector<int32_t> partitions;
        int32_array(io, partitions);
        for (int32_t p : partitions) out.push_back({topic, p});
        io.tagged_fields();
    }
};

struct OffsetFetchResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        if (v >= 3) io.i32(throttle_time_ms);
        topic_partitions(io, m.partitions, [&](auto& p) {
            io.i32(p.topic_partition.partition);
            io.i64(p.committed_offset);
            if (v >= 5) io.i32(p.committed_leader_epoch);
            io.string_or_null(p.metadata);
            io.enum16(p.error);
        });
        if (v >= 2) io.enum16(m.error);
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> offset_fetch_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<OffsetFetchResponse>();
    response->error = error;
    const auto& r = static_cast<const OffsetFetchRequest&>(request);
    for (const auto& tp : r.partitions.value_or(std::vector<core::TopicPartition>{})) {
        OffsetFetchResponsePartition& p = response->partitions.emplace_back();
        p.topic_partition = tp;
        p.error = error;
    }
    return response;
}

}  // namespace

ApiCodec offset_commit_codec() {
    return make_codec<OffsetCommitRequest, OffsetCommitRequestFields, OffsetCommitResponse,
                      OffsetCommitResponseFields, &offset_commit_error>();
}

ApiCodec offset_fetch_codec() {
    return make_codec<OffsetFetchRequest, OffsetFetchRequestFields, OffsetFetchResponse,
                      OffsetFetchResponseFields, &offset_fetch_error>();
}

}  // namespace wire::detail
