#pragma once
// The plumbing every API file of wire/ shares: the per-API codec entry (four function
// pointers), the adapters from one field list (a template over Reader and Writer) to
// those pointers, and Kafka's topic -> partitions nesting over core's flat lists.
//
// Writing an API: a struct with `template <class IO, class M> static void io(IO&, M&,
// int16_t version)` per message lists its fields in Kafka's order with their versions
// (clients/src/main/resources/common/message/<Name>.json); fields core/ lacks go through
// a local so both directions agree; the struct ends with io.tagged_fields().

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/protocol/api.h"
#include "core/protocol/kafka_message.h"
#include "wire/io.h"

namespace wire::detail {

using core::protocol::Error;
using core::protocol::KafkaMessage;

struct ApiCodec {
    std::shared_ptr<KafkaMessage> (*read_request)(Reader&, int16_t) = nullptr;
    void (*write_request)(Writer&, const KafkaMessage&, int16_t) = nullptr;
    std::shared_ptr<KafkaMessage> (*read_response)(Reader&, int16_t) = nullptr;
    void (*write_response)(Writer&, const KafkaMessage&, int16_t) = nullptr;
    /// Kafka's getErrorResponse for a decoded request.
    std::shared_ptr<KafkaMessage> (*error_response)(const KafkaMessage&, Error) = nullptr;
};

template <class M, class Fields>
std::shared_ptr<KafkaMessage> read_with(Reader& reader, int16_t version) {
    auto message = std::make_shared<M>();
    Fields::io(reader, *message, version);
    return message;
}

template <class M, class Fields>
void write_with(Writer& writer, const KafkaMessage& message, int16_t version) {
    Fields::io(writer, static_cast<const M&>(message), version);
}

template <class Request, class RequestFields, class Response, class ResponseFields,
          std::shared_ptr<KafkaMessage> (*ErrorResponse)(const KafkaMessage&, Error)>
ApiCodec make_codec() {
    return ApiCodec{&read_with<Request, RequestFields>, &write_with<Request, RequestFields>,
                    &read_with<Response, ResponseFields>, &write_with<Response, ResponseFields>,
                    ErrorResponse};
}

inline void end_struct(Reader& io) { io.tagged_fields(); }
inline void end_struct(Writer& io) { io.tagged_fields(); }

/// Kafka nests partitions under their topic ([name, [partition...]]); core/ keeps flat
/// entries with a `topic_partition`. Reading flattens in wire order; writing groups by
/// topic in order of first appearance. `each` reads/writes one partition's fields (its
/// index included, since Kafka's field order varies); `partition_end` ends its struct.
template <class T, class F, class End>
void topic_partitions(Reader& io, std::vector<T>& entries, F&& each, End&& partition_end) {
    int32_t topics = io.array_length();
    entries.clear();
    for (int32_t t = 0; t < topics && io.ok(); ++t) {
        std::string name;
        io.string(name);
        int32_t partitions = io.array_length();
        for (int32_t p = 0; p < partitions && io.ok(); ++p) {
            T& entry = entries.emplace_back();
            entry.topic_partition.topic = name;
            each(entry);
            partition_end(io, entry);
        }
        io.tagged_fields();
    }
}

template <class T, class F, class End>
void topic_partitions(Writer& io, const std::vector<T>& entries, F&& each, End&& partition_end) {
    std::map<std::string, size_t> index;
    std::vector<std::pair<std::string, std::vector<const T*>>> topics;
    for (const T& entry : entries) {
        auto [it, added] = index.try_emplace(entry.topic_partition.topic, topics.size());
        if (added) topics.push_back({entry.topic_partition.topic, {}});
        topics[it->second].second.push_back(&entry);
    }
    io.array_length(static_cast<int32_t>(topics.size()));
    for (const auto& [name, members] : topics) {
        io.string(name);
        io.array_length(static_cast<int32_t>(members.size()));
        for (const T* entry : members) {
            each(*entry);
            partition_end(io, *entry);
        }
        io.tagged_fields();
    }
}

template <class IO, class V, class F>
void topic_partitions(IO& io, V& entries, F&& each) {
    topic_partitions(io, entries, each, [](auto& io_, const auto&) { io_.tagged_fields(); });
}

/// An int32 array (replica lists).
template <class IO, class V>
void int32_array(IO& io, V& values) {
    io.array(values, [&](auto& value) { io.i32(value); });
}

/// Kafka's [topic, [partition index]] lists over a flat TopicPartition list (consumer
/// protocol, OffsetFetch): reading appends in wire order, writing groups by topic in order
/// of first appearance. Non-flexible or flexible as the Reader/Writer is.
void read_partitions(Reader& io, std::vector<core::TopicPartition>& out);
void write_partitions(Writer& io, const std::vector<core::TopicPartition>& list);

/// core's 64-bit topic id as a Kafka UUID (high half; the low half is zero).
inline Uuid topic_uuid(uint64_t topic_id) { return Uuid{topic_id, 0}; }

// The codec of each API family, one file each.
ApiCodec api_versions_codec();
ApiCodec metadata_codec();
ApiCodec produce_codec();
ApiCodec fetch_codec();
ApiCodec list_offsets_codec();
ApiCodec offset_for_leader_epoch_codec();
ApiCodec create_topics_codec();
ApiCodec delete_topics_codec();
ApiCodec describe_configs_codec();
ApiCodec describe_cluster_codec();
ApiCodec init_producer_id_codec();
ApiCodec find_coordinator_codec();
ApiCodec join_group_codec();
ApiCodec sync_group_codec();
ApiCodec heartbeat_codec();
ApiCodec leave_group_codec();
ApiCodec offset_commit_codec();
ApiCodec offset_fetch_codec();

}  // namespace wire::detail
