#pragma once
// The classic consumer-group APIs (KIP-62/KIP-394 era): FindCoordinator (10), JoinGroup
// (11), Heartbeat (12), LeaveGroup (13) and SyncGroup (14).
//
// Contract:
// - FindCoordinator may go to any broker; it answers the leader of the group's partition
//   of __consumer_offsets (COORDINATOR_NOT_AVAILABLE while the topic or leader is missing;
//   the first request creates the topic).
// - JoinGroup, SyncGroup, Heartbeat and LeaveGroup go to the coordinator; any other broker
//   answers NOT_COORDINATOR, a coordinator still reading its partition answers
//   COORDINATOR_LOAD_IN_PROGRESS.
// - A JoinGroup with an empty member_id is answered MEMBER_ID_REQUIRED with the member id
//   to use (KIP-394); the member joins again with it.
// - JoinGroup and SyncGroup are held by the coordinator until the rebalance completes.
// - The protocol metadata and assignments are Kafka's ConsumerProtocol contents, kept
//   structured here instead of serialized: the coordinator never looks inside them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

/// FindCoordinator key_type: 0 = group, 1 = transaction.
constexpr int8_t kCoordinatorTypeGroup = 0;
constexpr int8_t kCoordinatorTypeTransaction = 1;
/// generation_id of a member outside any generation (Kafka's Generation.NO_GENERATION).
constexpr int32_t kNoGeneration = -1;
/// member_id of a member not yet known to the coordinator (JoinGroupRequest.UNKNOWN_MEMBER_ID).
inline const std::string kUnknownMemberId;

/// Kafka's ConsumerProtocolSubscription: what a member wants and held.
struct ConsumerProtocolSubscription {
    std::vector<std::string> topics;
    /// KIP-429 owned partitions (cooperative); also read by the sticky assignors.
    std::vector<TopicPartition> owned_partitions;
    int32_t generation_id = kNoGeneration;
};

/// Kafka's ConsumerProtocolAssignment.
struct ConsumerProtocolAssignment {
    std::vector<TopicPartition> assigned_partitions;
};

class FindCoordinatorRequest : public KafkaRequest<ApiKey::FindCoordinator> {
   public:
    /// The group id (or transactional id).
    std::string key;
    int8_t key_type = kCoordinatorTypeGroup;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(key).add(int32_t{key_type}).value();
    }
};

class FindCoordinatorResponse : public KafkaResponse<ApiKey::FindCoordinator> {
   public:
    Error error = Error::NONE;
    std::string error_message;
    int32_t node_id = kNoLeader;
    std::string host;
    int32_t port = 9092;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(error).add(node_id).value();
    }
};

struct JoinGroupRequestProtocol {
    /// The assignor name: "range", "roundrobin", "sticky", "cooperative-sticky".
    std::string name;
    ConsumerProtocolSubscription metadata;
};

class JoinGroupRequest : public KafkaRequest<ApiKey::JoinGroup> {
   public:
    std::string group_id;
    int32_t session_timeout_ms = 45000;
    /// max.poll.interval.ms on the consumer.
    int32_t rebalance_timeout_ms = 300000;
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::string protocol_type = "consumer";
    /// In the member's order of preference.
    std::vector<JoinGroupRequestProtocol> protocols;
    std::string client_id;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(group_id).add(member_id).add(session_timeout_ms);
        for (const auto& p : protocols) d.add(p.name).add(p.metadata.generation_id);
        return d.value();
    }
};

struct JoinGroupResponseMember {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    ConsumerProtocolSubscription metadata;
};

class JoinGroupResponse : public KafkaResponse<ApiKey::JoinGroup> {
   public:
    Error error = Error::NONE;
    int32_t generation_id = kNoGeneration;
    std::string protocol_type;
    std::string protocol_name;
    std::string leader;
    std::string member_id;
    /// Filled for the leader only: every member with its chosen protocol's metadata.
    std::vector<JoinGroupResponseMember> members;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(error).add(generation_id).add(leader).add(member_id);
        d.add(static_cast<uint64_t>(members.size()));
        return d.value();
    }
};

struct SyncGroupRequestAssignment {
    std::string member_id;
    ConsumerProtocolAssignment assignment;
};

class SyncGroupRequest : public KafkaRequest<ApiKey::SyncGroup> {
   public:
    std::string group_id;
    int32_t generation_id = kNoGeneration;
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::string protocol_type = "consumer";
    std::string protocol_name;
    /// Sent by the leader only.
    std::vector<SyncGroupRequestAssignment> assignments;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(group_id).add(generation_id).add(member_id);
        for (const auto& a : assignments) {
            d.add(a.member_id).add(static_cast<uint64_t>(a.assignment.assigned_partitions.size()));
        }
        return d.value();
    }
};

class SyncGroupResponse : public KafkaResponse<ApiKey::SyncGroup> {
   public:
    Error error = Error::NONE;
    std::string protocol_type;
    std::string protocol_name;
    ConsumerProtocolAssignment assignment;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(error);
        for (const auto& tp : assignment.assigned_partitions) d.add(tp);
        return d.value();
    }
};

class HeartbeatRequest : public KafkaRequest<ApiKey::Heartbeat> {
   public:
    std::string group_id;
    int32_t generation_id = kNoGeneration;
    std::string member_id;
    std::optional<std::string> group_instance_id;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(group_id).add(generation_id).add(member_id)
            .value();
    }
};

class HeartbeatResponse : public KafkaResponse<ApiKey::Heartbeat> {
   public:
    Error error = Error::NONE;

    uint64_t digest() const override { return Digest().add(correlation_id).add(error).value(); }
};

struct MemberIdentity {
    std::string member_id;
    std::optional<std::string> group_instance_id;
};

class LeaveGroupRequest : public KafkaRequest<ApiKey::LeaveGroup> {
   public:
    std::string group_id;
    std::vector<MemberIdentity> members;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(group_id);
        for (const auto& m : members) d.add(m.member_id);
        return d.value();
    }
};

struct MemberResponse {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    Error error = Error::NONE;
};

class LeaveGroupResponse : public KafkaResponse<ApiKey::LeaveGroup> {
   public:
    Error error = Error::NONE;
    std::vector<MemberResponse> members;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(error);
        for (const auto& m : members) d.add(m.member_id).add(m.error);
        return d.value();
    }
};

}  // namespace core::protocol
