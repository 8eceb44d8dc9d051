// CreateTopics (19), versions 2-7, flexible from 5; DeleteTopics (20), versions 1-6,
// flexible from 4; DescribeConfigs (32), versions 1-4, flexible from 4 (Kafka 4 removed
// CreateTopics 0-1, DeleteTopics 0 and DescribeConfigs 0). From their *.json files.
#include "core/protocol/admin.h"
#include "wire/message_codec.h"

namespace wire::detail {
namespace {

using namespace core::protocol;

struct ConfigEntry {
    std::string name;
    std::optional<std::string> value;
};

template <class IO, class T>
void creatable_topic(IO& io, T& t) {
    io.string(t.name);
    io.i32(t.num_partitions);
    io.i16(t.replication_factor);
    std::vector<std::pair<int32_t, std::vector<int32_t>>> assignments(t.assignments.begin(),
                                                                      t.assignments.end());
    io.array(assignments, [&](auto& a) {
        io.i32(a.first);
        int32_array(io, a.second);
        end_struct(io);
    });
    std::vector<ConfigEntry> configs;
    for (const auto& [name, value] : t.configs) configs.push_back({name, value});
    io.array(configs, [&](auto& c) {
        io.string(c.name);
        io.nullable_string(c.value);
        end_struct(io);
    });
    if constexpr (IO::kReading) {
        t.assignments = {assignments.begin(), assignments.end()};
        for (auto& c : configs) t.configs[c.name] = c.value.value_or("");
    }
    end_struct(io);
}

struct CreateTopicsRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.array(m.topics, [&](auto& t) { creatable_topic(io, t); });
        io.i32(m.timeout_ms);
        if (v >= 1) io.boolean(m.validate_only);
        end_struct(io);
    }
};

template <class IO, class T>
void creatable_topic_result(IO& io, T& t, int16_t v) {
    io.string(t.name);
    Uuid topic_id = topic_uuid(t.topic_id);
    if (v >= 7) io.uuid(topic_id);
    if constexpr (IO::kReading) t.topic_id = topic_id.most_significant;
    io.enum16(t.error);
    if (v >= 1) io.string_or_null(t.error_message);
    if (v >= 5) {
        io.i32(t.num_partitions);
        io.i16(t.replication_factor);
        std::vector<ConfigEntry> configs;  // the created topic's configs: not reported
        io.array(configs, [&](auto&) {});
    }
    end_struct(io);  // TopicConfigErrorCode (tag 0) is never set
}

struct CreateTopicsResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        if (v >= 2) io.i32(throttle_time_ms);
        io.array(m.topics, [&](auto& t) { creatable_topic_result(io, t, v); });
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> create_topics_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<CreateTopicsResponse>();
    for (const auto& t : static_cast<const CreateTopicsRequest&>(request).topics) {
        CreatableTopicResult& r = response->topics.emplace_back();
        r.name = t.name;
        r.error = error;
    }
    return response;
}

struct DeleteTopicsRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        if (v >= 6) {
            io.array(m.topic_names, [&](auto& name) {
                io.string(name);  // nullable: a topic named by id only reads as ""
                Uuid topic_id;
                io.uuid(topic_id);
                end_struct(io);
            });
        } else {
            io.array(m.topic_names, [&](auto& name) { io.string(name); });
        }
        io.i32(m.timeout_ms);
        end_struct(io);
    }
};

struct DeleteTopicsResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        if (v >= 1) io.i32(throttle_time_ms);
        io.array(m.responses, [&](auto& r) {
            io.string(r.name);
            Uuid topic_id;
            if (v >= 6) io.uuid(topic_id);
            io.enum16(r.error);
            if (v >= 5) io.string_or_null(r.error_message);
            end_struct(io);
        });
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> delete_topics_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<DeleteTopicsResponse>();
    for (const auto& name : static_cast<const DeleteTopicsRequest&>(request).topic_names) {
        response->responses.push_back({name, error, ""});
    }
    return response;
}

struct DescribeConfigsRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.array(m.resources, [&](auto& r) {
            io.enum8(r.resource_type);
            io.string(r.resource_name);
            std::optional<std::vector<std::string>> keys;  // null: every config
            io.nullable_array(keys, [&](auto& key) { io.string(key); });
            end_struct(io);
        });
        bool include_synonyms = false, include_documentation = false;
        if (v >= 1) io.boolean(include_synonyms);
        if (v >= 3) io.boolean(include_documentation);
        end_struct(io);
    }
};

// Kafka's ConfigSource: DYNAMIC_TOPIC_CONFIG (1) when set on the topic, else
// DEFAULT_CONFIG (5); v0 has IsDefault instead.
template <class IO, class C>
void config_entry(IO& io, C& c, int16_t v) {
    io.string(c.name);
    std::optional<std::string> value = c.value;
    io.nullable_string(value);
    bool read_only = false, is_default = !c.is_set, is_sensitive = false;
    int8_t source = c.is_set ? 1 : 5;
    io.boolean(read_only);
    if (v == 0) io.boolean(is_default);
    if (v >= 1) io.i8(source);
    io.boolean(is_sensitive);
    std::vector<ConfigEntry> synonyms;
    if (v >= 1) io.array(synonyms, [&](auto&) {});
    int8_t config_type = 0;
    std::optional<std::string> documentation;
    if (v >= 3) {
        io.i8(config_type);
        io.nullable_string(documentation);
    }
    if constexpr (IO::kReading) {
        c.value = value.value_or("");
        c.is_set = v == 0 ? !is_default : source == 1;
    }
    end_struct(io);
}

struct DescribeConfigsResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        io.i32(throttle_time_ms);
        io.array(m.results, [&](auto& r) {
            io.enum16(r.error);
            io.string_or_null(r.error_message);
            io.enum8(r.resource_type);
            io.string(r.resource_name);
            io.array(r.configs, [&](auto& c) { config_entry(io, c, v); });
            end_struct(io);
        });
        end_struct(io);
    }
};

std::shared_ptr<KafkaMessage> describe_configs_error(const KafkaMessage& request, Error error) {
    auto response = std::make_shared<DescribeConfigsResponse>();
    for (const auto& resource : static_cast<const DescribeConfigsRequest&>(request).resources) {
        DescribeConfigsResult& r = response->results.emplace_back();
        r.error = error;
        r.resource_type = resource.resource_type;
        r.resource_name = resource.resource_name;
    }
    return response;
}

}  // namespace

ApiCodec create_topics_codec() {
    return make_codec<CreateTopicsRequest, CreateTopicsRequestFields, CreateTopicsResponse,
                      CreateTopicsResponseFields, &create_topics_error>();
}

ApiCodec delete_topics_codec() {
    return make_codec<DeleteTopicsRequest, DeleteTopicsRequestFields, DeleteTopicsResponse,
                      DeleteTopicsResponseFields, &delete_topics_error>();
}

ApiCodec describe_configs_codec() {
    return make_codec<DescribeConfigsRequest, DescribeConfigsRequestFields,
                      DescribeConfigsResponse, DescribeConfigsResponseFields,
                      &describe_configs_error>();
}

}  // namespace wire::detail
