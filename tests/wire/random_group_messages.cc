// Random messages of the classic group protocol for the codec's property tests (see
// random_messages.h): subscriptions and assignments as a consumer's ConsumerProtocol
// carries them, topics grouped as the wire nests them.
#include "core/protocol/group.h"
#include "core/protocol/offsets.h"
#include "tests/wire/random_messages.h"

namespace wire::testing {

using namespace core::protocol;

namespace {

std::string text(sim::Rng& rng) {
    std::string out(rng.uniform(10), ' ');
    for (char& c : out) c = static_cast<char>('a' + rng.uniform(26));
    return out;
}
bool flip(sim::Rng& rng) { return rng.uniform(2) == 1; }
int32_t i32(sim::Rng& rng) { return static_cast<int32_t>(rng.between(-1, 100000)); }
std::optional<std::string> maybe(sim::Rng& rng) {
    if (flip(rng)) return text(rng);
    return std::nullopt;
}
Error error(sim::Rng& rng) {
    return flip(rng) ? Error::NONE : Error::REBALANCE_IN_PROGRESS;
}

std::vector<core::TopicPartition> partitions(sim::Rng& rng) {
    std::vector<core::TopicPartition> out;
    for (int t = static_cast<int>(rng.uniform(3)); t > 0; --t) {
        std::string topic = "t" + std::to_string(t);
        for (int p = static_cast<int>(rng.uniform(3)); p >= 0; --p) out.push_back({topic, p});
    }
    return out;
}

ConsumerProtocolSubscription subscription(sim::Rng& rng) {
    ConsumerProtocolSubscription s;
    for (uint64_t n = rng.uniform(3); n > 0; --n) s.topics.push_back(text(rng));
    s.owned_partitions = partitions(rng);
    s.generation_id = flip(rng) ? kNoGeneration : i32(rng);
    return s;
}

std::shared_ptr<KafkaMessage> join_or_sync_request(ApiKey key, sim::Rng& rng) {
    if (key == ApiKey::JoinGroup) {
        auto m = std::make_shared<JoinGroupRequest>();
        m->group_id = text(rng);
        m->session_timeout_ms = i32(rng);
        m->rebalance_timeout_ms = i32(rng);
        m->member_id = text(rng);
        m->group_instance_id = maybe(rng);
        m->protocols.push_back({"range", subscription(rng)});
        if (flip(rng)) m->protocols.push_back({"cooperative-sticky", subscription(rng)});
        m->client_id = "test";  // decode_request takes it from the header
        return m;
    }
    auto m = std::make_shared<SyncGroupRequest>();
    m->group_id = text(rng);
    m->generation_id = i32(rng);
    m->member_id = text(rng);
    m->group_instance_id = maybe(rng);
    m->protocol_name = text(rng);
    for (uint64_t n = rng.uniform(3); n > 0; --n) {
        m->assignments.push_back({text(rng), {partitions(rng)}});
    }
    return m;
}

std::shared_ptr<KafkaMessage> offsets_request(ApiKey key, sim::Rng& rng) {
    if (key == ApiKey::OffsetCommit) {
        auto m = std::make_shared<OffsetCommitRequest>();
        m->group_id = text(rng);
        m->generation_id = i32(rng);
        m->member_id = text(rng);
        m->group_instance_id = maybe(rng);
        for (const auto& tp : partitions(rng)) {
            m->partitions.push_back({tp, i32(rng), i32(rng), text(rng)});
        }
        return m;
    }
    auto m = std::make_shared<OffsetFetchRequest>();
    m->group_id = text(rng);
    if (flip(rng)) m->partitions = partitions(rng);
    m->require_stable = flip(rng);
    return m;
}

std::shared_ptr<KafkaMessage> offsets_response(ApiKey key, sim::Rng& rng) {
    if (key == ApiKey::OffsetCommit) {
        auto m = std::make_shared<OffsetCommitResponse>();
        for (const auto& tp : partitions(rng)) m->partitions.push_back({tp, error(rng)});
        return m;
    }
    auto m = std::make_shared<OffsetFetchResponse>();
    m->error = error(rng);
    for (const auto& tp : partitions(rng)) {
        m->partitions.push_back({tp, i32(rng), i32(rng), text(rng), error(rng)});
    }
    return m;
}

}  // namespace

std::shared_ptr<KafkaMessage> random_group_request(ApiKey key, sim::Rng& rng) {
    switch (key) {
        case ApiKey::OffsetCommit:
        case ApiKey::OffsetFetch: return offsets_request(key, rng);
        case ApiKey::FindCoordinator: {
            auto m = std::make_shared<FindCoordinatorRequest>();
            m->key = text(rng);
            m->key_type = flip(rng) ? kCoordinatorTypeGroup : kCoordinatorTypeTransaction;
            return m;
        }
        case ApiKey::Heartbeat: {
            auto m = std::make_shared<HeartbeatRequest>();
            m->group_id = text(rng);
            m->generation_id = i32(rng);
            m->member_id = text(rng);
            m->group_instance_id = maybe(rng);
            return m;
        }
        case ApiKey::LeaveGroup: {
            auto m = std::make_shared<LeaveGroupRequest>();
            m->group_id = text(rng);
            for (uint64_t n = rng.uniform(3) + 1; n > 0; --n) {
                m->members.push_back({text(rng), maybe(rng)});
            }
            return m;
        }
        default: return join_or_sync_request(key, rng);
    }
}

std::shared_ptr<KafkaMessage> random_group_response(ApiKey key, sim::Rng& rng) {
    switch (key) {
        case ApiKey::OffsetCommit:
        case ApiKey::OffsetFetch: return offsets_response(key, rng);
        case ApiKey::FindCoordinator: {
            auto m = std::make_shared<FindCoordinatorResponse>();
            m->error = error(rng);
            m->error_message = text(rng);
            m->node_id = i32(rng);
            m->host = text(rng);
            m->port = i32(rng);
            return m;
        }
        case ApiKey::JoinGroup: {
            auto m = std::make_shared<JoinGroupResponse>();
            m->error = error(rng);
            m->generation_id = i32(rng);
            m->protocol_type = "consumer";
            m->protocol_name = text(rng);
            m->leader = text(rng);
            m->member_id = text(rng);
            for (uint64_t n = rng.uniform(3); n > 0; --n) {
                m->members.push_back({text(rng), maybe(rng), subscription(rng)});
            }
            return m;
        }
        case ApiKey::SyncGroup: {
            auto m = std::make_shared<SyncGroupResponse>();
            m->error = error(rng);
            m->protocol_type = "consumer";
            m->protocol_name = text(rng);
            m->assignment.assigned_partitions = partitions(rng);
            return m;
        }
        case ApiKey::Heartbeat: {
            auto m = std::make_shared<HeartbeatResponse>();
            m->error = error(rng);
            return m;
        }
        case ApiKey::LeaveGroup: {
            auto m = std::make_shared<LeaveGroupResponse>();
            m->error = error(rng);
            for (uint64_t n = rng.uniform(3); n > 0; --n) {
                m->members.push_back({text(rng), maybe(rng), error(rng)});
            }
            return m;
        }
        default: return nullptr;
    }
}

}  // namespace wire::testing
