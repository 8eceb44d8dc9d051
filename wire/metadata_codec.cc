// Metadata (3), versions 0-12, flexible from 9; DescribeCluster (60), versions 0-1,
// flexible from 0. From MetadataRequest/Response.json and DescribeClusterRequest/Response.json.
#include "core/protocol/describe_cluster.h"
#include "core/protocol/metadata.h"
#include "wire/message_codec.h"

namespace wire::detail {
namespace {

using namespace core::protocol;

// Metadata v0 has no null topic list: an empty list asks for every topic.
struct MetadataRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        auto topic = [&](auto& name) {
            Uuid topic_id;
            if (v >= 10) io.uuid(topic_id);
            io.string(name);  // nullable from v10 (by id); kafkasim always names the topic
            end_struct(io);
        };
        if (v == 0) {
            std::vector<std::string> names = m.topics.value_or(std::vector<std::string>{});
            io.array(names, topic);
            if constexpr (IO::kReading) {
                if (!names.empty()) m.topics = std::move(names);
            }
        } else {
            io.nullable_array(m.topics, topic);
        }
        if (v >= 4) io.boolean(m.allow_auto_topic_creation);
        bool include_cluster_operations = false, include_topic_operations = false;
        if (v >= 8 && v <= 10) io.boolean(include_cluster_operations);
        if (v >= 8) io.boolean(include_topic_operations);
        end_struct(io);
    }
};

template <class IO, class B>
void metadata_broker(IO& io, B& b, int16_t v) {
    io.i32(b.node_id);
    io.string(b.host);
    io.i32(b.port);
    if (v >= 1) io.string_or_null(b.rack);
    end_struct(io);
}

template <class IO, class P>
void metadata_partition(IO& io, P& p, int16_t v) {
    io.enum16(p.error);
    io.i32(p.partition_index);
    io.i32(p.leader_id);
    if (v >= 7) io.i32(p.leader_epoch);
    int32_array(io, p.replica_nodes);
    int32_array(io, p.isr_nodes);
    if (v >= 5) int32_array(io, p.offline_replicas);
    end_struct(io);
}

template <class IO, class T>
void metadata_topic(IO& io, T& t, int16_t v) {
    io.enum16(t.error);
    io.string(t.name);
    Uuid topic_id = topic_uuid(t.topic_id);
    if (v >= 10) io.uuid(topic_id);
    if constexpr (IO::kReading) t.topic_id = topic_id.most_significant;
    if (v >= 1) io.boolean(t.is_internal);
    io.array(t.partitions, [&](auto& p) { metadata_partition(io, p, v); });
    int32_t topic_authorized_operations = INT32_MIN;
    if (v >= 8) io.i32(topic_authorized_operations);
    end_struct(io);
}

struct MetadataResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        if (v >= 3) io.i32(m.throttle_time_ms);
        io.array(m.brokers, [&](auto& b) { metadata_broker(io, b, v); });
        if (v >= 2) io.string_or_null(m.cluster_id);
        if (v >= 1) io.i32(m.controller_id);
        io.array(m.topics, [&](auto& t) { metadata_topic(io, t, v); });
        int32_t cluster_authorized_operations = INT32_MIN;
        if (v >= 8 && v <= 10) io.i32(cluster_authorized_operations);
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> metadata_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<MetadataResponse>();
    const auto& r = static_cast<const MetadataRequest&>(request);
    for (const std::string& name : r.topics.value_or(std::vector<std::string>{})) {
        MetadataResponseTopic& topic = response->topics.emplace_back();
        topic.name = name;
        topic.error = error;
    }
    return response;
}

struct DescribeClusterRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.boolean(m.include_cluster_authorized_operations);
        if (v >= 1) io.i8(m.endpoint_type);
        end_struct(io);
    }
};

struct DescribeClusterResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.i32(m.throttle_time_ms);
        io.enum16(m.error);
        io.nullable_string(m.error_message);
        if (v >= 1) io.i8(m.endpoint_type);
        io.string(m.cluster_id);
        io.i32(m.controller_id);
        io.array(m.brokers, [&](auto& b) { metadata_broker(io, b, 1); });
        io.i32(m.cluster_authorized_operations);
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> describe_cluster_error(const KafkaMessage&, Error error) {
    auto response = std::make_shared<DescribeClusterResponse>();
    response->error = error;
    return response;
}

}  // namespace

ApiCodec metadata_codec() {
    return make_codec<MetadataRequest, MetadataRequestFields, MetadataResponse,
                      MetadataResponseFields, &metadata_error>();
}

ApiCodec describe_cluster_codec() {
    return make_codec<DescribeClusterRequest, DescribeClusterRequestFields,
                      DescribeClusterResponse, DescribeClusterResponseFields,
                      &describe_cluster_error>();
}

}  // namespace wire::detail
