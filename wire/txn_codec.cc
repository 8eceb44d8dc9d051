// Transactions (KIP-98): AddPartitionsToTxn (24) 0-3, AddOffsetsToTxn (25) 0-4, EndTxn (26)
// 0-4 and TxnOffsetCommit (28) 0-4, all flexible from 3. AddPartitionsToTxn v4+ is the
// brokers' batched verification (KIP-890) and EndTxn v5 returns the bumped epoch of
// transactions v2, which core/ does not model. From their *.json files.
#include "core/protocol/transactions.h"
#include "core/protocol/txn_offsets.h"
#include "wire/message_codec.h"

namespace wire::detail {
namespace {

using namespace core::protocol;

struct AddPartitionsToTxnRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.transactional_id);
        io.i64(m.producer_id);
        io.i16(m.producer_epoch);
        if constexpr (IO::kReading) {
            read_partitions(io, m.partitions);
        } else {
            write_partitions(io, m.partitions);
        }
        end_struct(io);
    }
};

struct AddPartitionsToTxnResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        io.i32(throttle_time_ms);
        topic_partitions(io, m.results, [&](auto& r) {
            io.i32(r.topic_partition.partition);
            io.enum16(r.error);
        });
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> add_partitions_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<AddPartitionsToTxnResponse>();
    for (const auto& tp : static_cast<const AddPartitionsToTxnRequest&>(request).partitions) {
        response->results.push_back({tp, error});
    }
    return response;
}

struct AddOffsetsToTxnRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.transactional_id);
        io.i64(m.producer_id);
        io.i16(m.producer_epoch);
        io.string(m.group_id);
        end_struct(io);
    }
};

struct EndTxnRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.transactional_id);
        io.i64(m.producer_id);
        io.i16(m.producer_epoch);
        io.boolean(m.committed);
        end_struct(io);
    }
};

// AddOffsetsToTxn's and EndTxn's (v0-4) answers: throttle time and an error.
struct ErrorOnlyResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        io.i32(throttle_time_ms);
        io.enum16(m.error);
        end_struct(io);
    }
};

struct TxnOffsetCommitRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.transactional_id);
        io.string(m.group_id);
        io.i64(m.producer_id);
        io.i16(m.producer_epoch);
        if (v >= 3) {
            io.i32(m.generation_id);
            io.string(m.member_id);
            std::optional<std::string> group_instance_id;
            io.nullable_string(group_instance_id);
        }
        topic_partitions(io, m.partitions, [&](auto& p) {
            io.i32(p.topic_partition.partition);
            io.i64(p.committed_offset);
            if (v >= 2) io.i32(p.committed_leader_epoch);
            io.string_or_null(p.committed_metadata);
        });
        end_struct(io);
    }
};

struct TxnOffsetCommitResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        io.i32(throttle_time_ms);
        topic_partitions(io, m.partitions, [&](auto& p) {
            io.i32(p.topic_partition.partition);
            io.enum16(p.error);
        });
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> txn_offset_commit_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<TxnOffsetCommitResponse>();
    for (const auto& p : static_cast<const TxnOffsetCommitRequest&>(request).partitions) {
        response->partitions.push_back({p.topic_partition, error});
    }
    return response;
}

template <class Response>
std::shared_ptr<KafkaMessage> top_level_error(const KafkaMessage&, Error error) {
    auto response = std::make_shared<Response>();
    response->error = error;
    return response;
}

}  // namespace

ApiCodec add_partitions_to_txn_codec() {
    return make_codec<AddPartitionsToTxnRequest, AddPartitionsToTxnRequestFields,
                      AddPartitionsToTxnResponse, AddPartitionsToTxnResponseFields,
                      &add_partitions_error>();
}

ApiCodec add_offsets_to_txn_codec() {
    return make_codec<AddOffsetsToTxnRequest, AddOffsetsToTxnRequestFields, AddOffsetsToTxnResponse,
                      ErrorOnlyResponseFields, &top_level_error<AddOffsetsToTxnResponse>>();
}

ApiCodec end_txn_codec() {
    return make_codec<EndTxnRequest, EndTxnRequestFields, EndTxnResponse, ErrorOnlyResponseFields,
                      &top_level_error<EndTxnResponse>>();
}

ApiCodec txn_offset_commit_codec() {
    return make_codec<TxnOffsetCommitRequest, TxnOffsetCommitRequestFields, TxnOffsetCommitResponse,
                      TxnOffsetCommitResponseFields, &txn_offset_commit_error>();
}

}  // namespace wire::detail
