// Produce (0), versions 3-11 (3 is the first with record batch v2; Kafka 4 removed 0-2),
// flexible from 9; InitProducerId (22), versions 0-5, flexible from 2. From
// ProduceRequest/Response.json and InitProducerIdRequest/Response.json.
#include "core/protocol/init_producer_id.h"
#include "core/protocol/produce.h"
#include "wire/message_codec.h"
#include "wire/record_batch.h"

namespace wire::detail {
namespace {

using namespace core::protocol;

// A Produce partition carries exactly one batch from v3 (Kafka's
// ProduceRequest.validateRecords); null or empty records is an empty batch.
void read_records(Reader& io, RecordBatch& batch) {
    std::optional<std::string_view> bytes = io.nullable_bytes_view();
    if (!io.ok() || !bytes || bytes->empty()) return;
    DecodedBatches decoded = decode_record_batches(*bytes);
    std::string problem = decoded.error_message;
    if (decoded.error == Error::NONE && (decoded.partial_tail || decoded.batches.size() != 1)) {
        problem = "a produce partition needs exactly one whole record batch";
    }
    if (!problem.empty()) {
        if (io.corrupt == Error::NONE) {
            io.corrupt = Error::CORRUPT_MESSAGE;
            io.corrupt_message = problem;
        }
        return;
    }
    batch = std::move(decoded.batches.front());
}

void write_records(Writer& io, const RecordBatch& batch) {
    std::string bytes;
    encode_record_batch(batch, io.compression, bytes);
    io.bytes(bytes);
}

struct ProduceRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.nullable_string(m.transactional_id);
        io.i16(m.acks);
        io.i32(m.timeout_ms);
        topic_partitions(io, m.partitions, [&](auto& p) {
            io.i32(p.topic_partition.partition);
            if constexpr (IO::kReading) {
                read_records(io, p.records);
            } else {
                write_records(io, p.records);
            }
        });
        end_struct(io);
    }
};

template <class IO, class P>
void produce_partition_response(IO& io, P& p, int16_t v) {
    io.i32(p.topic_partition.partition);
    io.enum16(p.error);
    io.i64(p.base_offset);
    if (v >= 2) io.i64(p.log_append_time_ms);
    if (v >= 5) io.i64(p.log_start_offset);
    if (v >= 8) {
        std::vector<int32_t> record_errors;  // BatchIndexAndErrorMessage: none in kafkasim
        io.array(record_errors, [&](auto&) {});
        io.string_or_null(p.error_message);
    }
}

struct ProduceResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        topic_partitions(io, m.responses,
                         [&](auto& p) { produce_partition_response(io, p, v); });
        if (v >= 1) io.i32(m.throttle_time_ms);
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> produce_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<ProduceResponse>();
    for (const auto& p : static_cast<const ProduceRequest&>(request).partitions) {
        PartitionProduceResponse& r = response->responses.emplace_back();
        r.topic_partition = p.topic_partition;
        r.error = error;
    }
    return response;
}

struct InitProducerIdRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.nullable_string(m.transactional_id);
        io.i32(m.transaction_timeout_ms);
        if (v >= 3) {
            io.i64(m.producer_id);
            io.i16(m.producer_epoch);
        }
        end_struct(io);
    }
};

struct InitProducerIdResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        io.i32(throttle_time_ms);
        io.enum16(m.error);
        io.i64(m.producer_id);
        io.i16(m.producer_epoch);
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> init_producer_id_error(const KafkaMessage&, Error error) {
    auto response = std::make_shared<InitProducerIdResponse>();
    response->error = error;
    return response;
}

}  // namespace

ApiCodec produce_codec() {
    return make_codec<ProduceRequest, ProduceRequestFields, ProduceResponse,
                      ProduceResponseFields, &produce_error>();
}

ApiCodec init_producer_id_codec() {
    return make_codec<InitProducerIdRequest, InitProducerIdRequestFields,
                      InitProducerIdResponse, InitProducerIdResponseFields,
                      &init_producer_id_error>();
}

}  // namespace wire::detail
