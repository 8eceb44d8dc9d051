// ListOffsets (2), versions 1-10, flexible from 6 (Kafka 4 removed v0); OffsetForLeaderEpoch
// (23), versions 2-4, flexible from 4 (Kafka 4 removed 0-1). From ListOffsetsRequest/
// Response.json and OffsetForLeaderEpochRequest/Response.json.
#include "core/protocol/list_offsets.h"
#include "core/protocol/offset_for_leader_epoch.h"
#include "wire/message_codec.h"

namespace wire::detail {
namespace {

using namespace core::protocol;

struct ListOffsetsRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.i32(m.replica_id);
        if (v >= 2) io.enum8(m.isolation_level);
        topic_partitions(io, m.partitions, [&](auto& p) {
            io.i32(p.topic_partition.partition);
            if (v >= 4) io.i32(p.current_leader_epoch);
            io.i64(p.timestamp);
        });
        int32_t timeout_ms = 30000;
        if (v >= 10) io.i32(timeout_ms);
        end_struct(io);
    }
};

struct ListOffsetsResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        if (v >= 2) io.i32(throttle_time_ms);
        topic_partitions(io, m.responses, [&](auto& p) {
            io.i32(p.topic_partition.partition);
            io.enum16(p.error);
            io.i64(p.timestamp);
            io.i64(p.offset);
            if (v >= 4) io.i32(p.leader_epoch);
        });
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> list_offsets_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<ListOffsetsResponse>();
    for (const auto& p : static_cast<const ListOffsetsRequest&>(request).partitions) {
        ListOffsetsPartitionResponse& r = response->responses.emplace_back();
        r.topic_partition = p.topic_partition;
        r.error = error;
    }
    return response;
}

struct OffsetForLeaderEpochRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        if (v >= 3) io.i32(m.replica_id);
        topic_partitions(io, m.partitions, [&](auto& p) {
            io.i32(p.topic_partition.partition);
            if (v >= 2) io.i32(p.current_leader_epoch);
            io.i32(p.leader_epoch);
        });
        end_struct(io);
    }
};

struct OffsetForLeaderEpochResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        if (v >= 2) io.i32(m.throttle_time_ms);
        topic_partitions(io, m.partitions, [&](auto& p) {
            io.enum16(p.error);
            io.i32(p.topic_partition.partition);
            if (v >= 1) io.i32(p.leader_epoch);
            io.i64(p.end_offset);
        });
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> offset_for_leader_epoch_error(const KafkaMessage& request,
                                                            Error error) {
    auto response = std::make_shared<OffsetForLeaderEpochResponse>();
    for (const auto& p : static_cast<const OffsetForLeaderEpochRequest&>(request).partitions) {
        OffsetForLeaderEpochPartitionResult& r = response->partitions.emplace_back();
        r.topic_partition = p.topic_partition;
        r.error = error;
    }
    return response;
}

}  // namespace

ApiCodec list_offsets_codec() {
    return make_codec<ListOffsetsRequest, ListOffsetsRequestFields, ListOffsetsResponse,
                      ListOffsetsResponseFields, &list_offsets_error>();
}

ApiCodec offset_for_leader_epoch_codec() {
    return make_codec<OffsetForLeaderEpochRequest, OffsetForLeaderEpochRequestFields,
                      OffsetForLeaderEpochResponse, OffsetForLeaderEpochResponseFields,
                      &offset_for_leader_epoch_error>();
}

}  // namespace wire::detail
