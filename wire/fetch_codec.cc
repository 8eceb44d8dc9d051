// Fetch (1), versions 4-12, flexible from 12. From FetchRequest.json / FetchResponse.json.
// 4 is the first version whose records are batches v2 (Kafka 4 removed 0-3); 13+ name
// topics by id (KIP-516), which needs the broker's id map, so the table stops at 12.
// Fetch sessions (KIP-227) are not kept: every request is a full fetch (session id 0).
#include "core/protocol/fetch.h"
#include "wire/message_codec.h"
#include "wire/record_batch.h"

namespace wire::detail {
namespace {

using namespace core::protocol;

template <class IO, class P>
void fetch_partition(IO& io, P& p, int16_t v) {
    io.i32(p.topic_partition.partition);
    if (v >= 9) io.i32(p.current_leader_epoch);
    io.i64(p.fetch_offset);
    if (v >= 12) io.i32(p.last_fetched_epoch);
    if (v >= 5) io.i64(p.log_start_offset);
    io.i32(p.partition_max_bytes);
}

struct FetchRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.i32(m.replica_id);
        io.i32(m.max_wait_ms);
        io.i32(m.min_bytes);
        if (v >= 3) io.i32(m.max_bytes);
        if (v >= 4) io.enum8(m.isolation_level);
        int32_t session_id = 0, session_epoch = -1;
        if (v >= 7) {
            io.i32(session_id);
            io.i32(session_epoch);
        }
        topic_partitions(io, m.partitions, [&](auto& p) { fetch_partition(io, p, v); });
        if (v >= 7) {
            std::vector<int32_t> forgotten;  // full fetches forget nothing
            io.array(forgotten, [&](auto&) {});
        }
        std::string rack_id;
        if (v >= 11) io.string(rack_id);
        end_struct(io);  // ClusterId (tag 0) is informational
    }
};

template <class IO, class A>
void aborted_transactions(IO& io, A& list) {
    io.array(list, [&](auto& a) {
        io.i64(a.producer_id);
        io.i64(a.first_offset);
        end_struct(io);
    });
}

void read_records(Reader& io, std::vector<RecordBatch>& batches) {
    std::optional<std::string_view> bytes = io.nullable_bytes_view();
    if (!io.ok() || !bytes) return;
    DecodedBatches decoded = decode_record_batches(*bytes);
    if (decoded.error != Error::NONE) {
        io.fail("fetch records: " + decoded.error_message);
        return;
    }
    batches = std::move(decoded.batches);
}

void write_records(Writer& io, const std::vector<RecordBatch>& batches) {
    std::string bytes;
    for (const RecordBatch& batch : batches) encode_record_batch(batch, io.compression, bytes);
    io.bytes(bytes);
}

template <class IO, class P>
void fetch_partition_response(IO& io, P& p, int16_t v) {
    io.i32(p.topic_partition.partition);
    io.enum16(p.error);
    io.i64(p.high_watermark);
    io.i64(p.last_stable_offset);
    if (v >= 5) io.i64(p.log_start_offset);
    aborted_transactions(io, p.aborted_transactions);
    int32_t preferred_read_replica = -1;
    if (v >= 11) io.i32(preferred_read_replica);
    if constexpr (IO::kReading) {
        read_records(io, p.records);
    } else {
        write_records(io, p.records);
    }
}

// DivergingEpoch (tag 0) and CurrentLeader (tag 1) of a flexible partition response.
void partition_tags(Reader& io, FetchablePartitionResponse& p) {
    io.tagged_fields([&](uint32_t tag, Reader& body) {
        if (tag == 0) {
            body.i32(p.diverging_epoch.epoch);
            body.i64(p.diverging_epoch.end_offset);
        } else if (tag == 1) {
            body.i32(p.current_leader.leader_id);
            body.i32(p.current_leader.leader_epoch);
        }
        body.tagged_fields();
        return tag <= 1;
    });
}

void partition_tags(Writer& io, const FetchablePartitionResponse& p) {
    io.tagged_fields([&](TaggedFieldWriter& fields) {
        if (p.diverging_epoch.present()) {
            fields.field(0, [&](Writer& body) {
                body.i32(p.diverging_epoch.epoch);
                body.i64(p.diverging_epoch.end_offset);
                body.tagged_fields();
            });
        }
        if (p.current_leader.leader_id != kNoLeader) {
            fields.field(1, [&](Writer& body) {
                body.i32(p.current_leader.leader_id);
                body.i32(p.current_leader.leader_epoch);
                body.tagged_fields();
            });
        }
    });
}

struct FetchResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        if (v >= 1) io.i32(m.throttle_time_ms);
        int32_t session_id = 0;
        if (v >= 7) {
            io.enum16(m.error);
            io.i32(session_id);
        }
        topic_partitions(
            io, m.responses, [&](auto& p) { fetch_partition_response(io, p, v); },
            [](auto& io_, auto& p) { partition_tags(io_, p); });
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> fetch_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<FetchResponse>();
    response->error = error;
    for (const auto& p : static_cast<const FetchRequest&>(request).partitions) {
        FetchablePartitionResponse& r = response->responses.emplace_back();
        r.topic_partition = p.topic_partition;
        r.error = error;
    }
    return response;
}

}  // namespace

ApiCodec fetch_codec() {
    return make_codec<FetchRequest, FetchRequestFields, FetchResponse, FetchResponseFields,
                      &fetch_error>();
}

}  // namespace wire::detail
