// The classic group protocol: FindCoordinator (10) 0-3 flexible from 3 (v0 kept: librdkafka
// requires it before it uses lz4), JoinGroup (11) 2-9 flexible from 6, Heartbeat (12) 0-4
// flexible from 4, LeaveGroup (13) 0-5 flexible from 4, SyncGroup (14) 0-5 flexible from 4.
// From their *.json files; the member metadata and assignment bytes are Kafka's
// ConsumerProtocolSubscription / ConsumerProtocolAssignment (ConsumerProtocol.java).
#include <algorithm>

#include "core/protocol/group.h"
#include "wire/message_codec.h"

namespace wire::detail {

void read_partitions(Reader& r, std::vector<core::TopicPartition>& out) {
    int32_t topics = r.array_length();
    for (int32_t t = 0; t < topics && r.ok(); ++t) {
        std::string topic;
        r.string(topic);
        std::vector<int32_t> partitions;
        int32_array(r, partitions);
        for (int32_t p : partitions) out.push_back({topic, p});
        r.tagged_fields();
    }
}

void write_partitions(Writer& w, const std::vector<core::TopicPartition>& list) {
    std::vector<std::pair<std::string, std::vector<int32_t>>> topics;
    for (const core::TopicPartition& tp : list) {
        auto it = std::find_if(topics.begin(), topics.end(),
                               [&](const auto& t) { return t.first == tp.topic; });
        if (it == topics.end()) it = topics.insert(topics.end(), {tp.topic, {}});
        it->second.push_back(tp.partition);
    }
    w.array_length(static_cast<int32_t>(topics.size()));
    for (const auto& [topic, partitions] : topics) {
        w.string(topic);
        int32_array(w, partitions);
        w.tagged_fields();
    }
}

namespace {

using namespace core::protocol;
using core::TopicPartition;

// ConsumerProtocolSubscription v0-3; an unreadable one (another protocol type) is empty.
ConsumerProtocolSubscription read_subscription(std::string_view bytes) {
    ConsumerProtocolSubscription out;
    Reader r(bytes);
    int16_t version = 0;
    r.i16(version);
    r.array(out.topics, [&](std::string& topic) { r.string(topic); });
    r.nullable_bytes_view();  // user data: kafkasim's assignors keep none
    if (version >= 1) read_partitions(r, out.owned_partitions);
    if (version >= 2) r.i32(out.generation_id);
    if (!r.ok()) return {};
    return out;
}

std::string write_subscription(const ConsumerProtocolSubscription& s) {
    std::string out;
    Writer w(out);
    int16_t version = s.generation_id == kNoGeneration ? 1 : 2;
    w.i16(version);
    w.array(s.topics, [&](const std::string& topic) { w.string(topic); });
    w.bytes("");  // user data: empty, as librdkafka and kafka-python send it
    write_partitions(w, s.owned_partitions);
    if (version >= 2) w.i32(s.generation_id);
    return out;
}

ConsumerProtocolAssignment read_assignment(std::string_view bytes) {
    ConsumerProtocolAssignment out;
    if (bytes.empty()) return out;  // an empty assignment (a failed SyncGroup)
    Reader r(bytes);
    int16_t version = 0;
    r.i16(version);
    read_partitions(r, out.assigned_partitions);
    if (!r.ok()) return {};
    return out;
}

std::string write_assignment(const ConsumerProtocolAssignment& a) {
    std::string out;
    Writer w(out);
    w.i16(1);
    write_partitions(w, a.assigned_partitions);
    w.bytes("");
    return out;
}

// Bytes fields holding a consumer-protocol struct, in either direction.
template <class T>
void protocol_bytes(Reader& io, T& value, T (*read)(std::string_view),
                    std::string (*)(const T&)) {
    std::optional<std::string_view> bytes = io.nullable_bytes_view();
    value = read(bytes.value_or(std::string_view()));
}

template <class T>
void protocol_bytes(Writer& io, const T& value, T (*)(std::string_view),
                    std::string (*write)(const T&)) {
    io.bytes(write(value));
}

// v4+ batch coordinator keys (KIP-699) and answer them by key, which core/'s one-key
// response cannot echo; clients fall back to v3 when the broker stops there.
struct FindCoordinatorRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.key);
        if (v >= 1) io.i8(m.key_type);
        end_struct(io);
    }
};

struct FindCoordinatorResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        if (v >= 1) io.i32(throttle_time_ms);
        io.enum16(m.error);
        if (v >= 1) io.string_or_null(m.error_message);
        io.i32(m.node_id);
        io.string(m.host);
        io.i32(m.port);
        end_struct(io);
    }
};

struct JoinGroupRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.group_id);
        io.i32(m.session_timeout_ms);
        if (v >= 1) io.i32(m.rebalance_timeout_ms);
        io.string(m.member_id);
        if (v >= 5) io.nullable_string(m.group_instance_id);
        io.string(m.protocol_type);
        io.array(m.protocols, [&](auto& p) {
            io.string(p.name);
            protocol_bytes(io, p.metadata, &read_subscription, &write_subscription);
            end_struct(io);
        });
        std::optional<std::string> reason;
        if (v >= 8) io.nullable_string(reason);
        end_struct(io);
    }
};

struct JoinGroupResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        if (v >= 2) io.i32(throttle_time_ms);
        io.enum16(m.error);
        io.i32(m.generation_id);
        if (v >= 7) io.string_or_null(m.protocol_type);
        io.string(m.protocol_name);
        io.string(m.leader);
        bool skip_assignment = false;
        if (v >= 9) io.boolean(skip_assignment);
        io.string(m.member_id);
        io.array(m.members, [&](auto& member) {
            io.string(member.member_id);
            if (v >= 5) io.nullable_string(member.group_instance_id);
            protocol_bytes(io, member.metadata, &read_subscription, &write_subscription);
            end_struct(io);
        });
        end_struct(io);
    }
};

struct SyncGroupRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.group_id);
        io.i32(m.generation_id);
        io.string(m.member_id);
        if (v >= 3) io.nullable_string(m.group_instance_id);
        if (v >= 5) {
            io.string_or_null(m.protocol_type);
            io.string_or_null(m.protocol_name);
        }
        io.array(m.assignments, [&](auto& a) {
            io.string(a.member_id);
            protocol_bytes(io, a.assignment, &read_assignment, &write_assignment);
            end_struct(io);
        });
        end_struct(io);
    }
};

struct SyncGroupResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        if (v >= 1) io.i32(throttle_time_ms);
        io.enum16(m.error);
        if (v >= 5) {
            io.string_or_null(m.protocol_type);
            io.string_or_null(m.protocol_name);
        }
        protocol_bytes(io, m.assignment, &read_assignment, &write_assignment);
        end_struct(io);
    }
};

struct HeartbeatRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.group_id);
        io.i32(m.generation_id);
        io.string(m.member_id);
        if (v >= 3) io.nullable_string(m.group_instance_id);
        end_struct(io);
    }
};

struct HeartbeatResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        if (v >= 1) io.i32(throttle_time_ms);
        io.enum16(m.error);
        end_struct(io);
    }
};

// v0-2 name one member; core/ keeps the v3+ list.
struct LeaveGroupRequestFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        io.string(m.group_id);
        if (v <= 2) {
            std::string member_id = m.members.empty() ? "" : m.members.front().member_id;
            io.string(member_id);
            if constexpr (IO::kReading) m.members = {MemberIdentity{member_id, std::nullopt}};
        } else {
            io.array(m.members, [&](auto& member) {
                io.string(member.member_id);
                io.nullable_string(member.group_instance_id);
                std::optional<std::string> reason;
                if (v >= 5) io.nullable_string(reason);
                end_struct(io);
            });
        }
        end_struct(io);
    }
};

struct LeaveGroupResponseFields {
    template <class IO, class M>
    static void io(IO& io, M& m, int16_t v) {
        int32_t throttle_time_ms = 0;
        if (v >= 1) io.i32(throttle_time_ms);
        io.enum16(m.error);
        if (v >= 3) {
            io.array(m.members, [&](auto& member) {
                io.string(member.member_id);
                io.nullable_string(member.group_instance_id);
                io.enum16(member.error);
                end_struct(io);
            });
        }
        end_struct(io);
    }
};

template <class Response>
std::shared_ptr<KafkaMessage> top_level_error(const KafkaMessage&, Error error) {
    auto response = std::make_shared<Response>();
    response->error = error;
    return response;
}

}  // namespace

ApiCodec find_coordinator_codec() {
    return make_codec<FindCoordinatorRequest, FindCoordinatorRequestFields,
                      FindCoordinatorResponse, FindCoordinatorResponseFields,
                      &top_level_error<FindCoordinatorResponse>>();
}

ApiCodec join_group_codec() {
    return make_codec<JoinGroupRequest, JoinGroupRequestFields, JoinGroupResponse,
                      JoinGroupResponseFields, &top_level_error<JoinGroupResponse>>();
}

ApiCodec sync_group_codec() {
    return make_codec<SyncGroupRequest, SyncGroupRequestFields, SyncGroupResponse,
                      SyncGroupResponseFields, &top_level_error<SyncGroupResponse>>();
}

ApiCodec heartbeat_codec() {
    return make_codec<HeartbeatRequest, HeartbeatRequestFields, HeartbeatResponse,
                      HeartbeatResponseFields, &top_level_error<HeartbeatResponse>>();
}

ApiCodec leave_group_codec() {
    return make_codec<LeaveGroupRequest, LeaveGroupRequestFields, LeaveGroupResponse,
                      LeaveGroupResponseFields, &top_level_error<LeaveGroupResponse>>();
}

}  // namespace wire::detail
