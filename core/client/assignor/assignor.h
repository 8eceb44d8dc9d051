#pragma once
// The consumer-group partition assignor interface (Kafka's ConsumerPartitionAssignor) and
// the lookup of Kafka's four built-in strategies by name or class name.
//
// These live with the client because in the classic protocol only the client runs them:
// the group leader's GroupMember assigns and sends the result in SyncGroup; the
// coordinator only relays it (Kafka: org.apache.kafka.clients.consumer). KIP-848's
// server-side assignors (`uniform`, `range`: Kafka's
// org.apache.kafka.coordinator.group.assignor.UniformAssignor and RangeAssignor, issue 21)
// are a different interface — a target assignment over member epochs and subscribed topic
// metadata, computed by the coordinator — and belong in core/group/ beside it; the names
// overlap, the code does not.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/record.h"

namespace core::client {

/// One member's JoinGroup metadata as the group leader's assignor sees it.
struct Subscription {
    std::string member_id;
    /// group.instance.id of a static member; orders before dynamic members.
    std::optional<std::string> group_instance_id;
    std::vector<std::string> topics;
    /// What the member owned in its last generation (Kafka's ownedPartitions, or the
    /// StickyAssignor's userData); only the sticky strategies read it.
    std::vector<TopicPartition> owned_partitions;
    /// The generation those partitions were owned in; nullopt when unknown.
    std::optional<int32_t> generation;
};

/// Topic -> partition count for every subscribed topic that exists.
using PartitionsPerTopic = std::map<std::string, int32_t>;
/// Member id -> assigned partitions; every member appears, idle ones with an empty list.
using Assignment = std::map<std::string, std::vector<TopicPartition>>;

/// Kafka's RebalanceProtocol: EAGER revokes everything before a rebalance; COOPERATIVE
/// keeps what stays and revokes only what moves, assigning it one rebalance later.
enum class RebalanceProtocol { Eager, Cooperative };

class Assignor {
   public:
    virtual ~Assignor() = default;
    /// Kafka's protocol name: "range", "roundrobin", "sticky", "cooperative-sticky".
    virtual std::string_view name() const = 0;
    /// Kafka's class name, e.g. "org.apache.kafka.clients.consumer.RangeAssignor".
    virtual std::string_view class_name() const = 0;
    virtual RebalanceProtocol protocol() const { return RebalanceProtocol::Eager; }
    /// Computes the group's assignment. Deterministic: the same input gives the same
    /// output. REQUIRES: member ids are distinct.
    virtual Assignment assign(const PartitionsPerTopic& partitions_per_topic,
                              const std::vector<Subscription>& subscriptions) const = 0;
};

std::unique_ptr<Assignor> make_range_assignor();
std::unique_ptr<Assignor> make_round_robin_assignor();
std::unique_ptr<Assignor> make_sticky_assignor();
std::unique_ptr<Assignor> make_cooperative_sticky_assignor();

/// The assignor called `name` (Kafka's protocol name or class name); nullptr if unknown.
std::unique_ptr<Assignor> make_assignor(std::string_view name);

/// Kafka's MemberInfo order: static members (by group.instance.id) before dynamic ones
/// (by member id). Range and round-robin hand out partitions in this order.
bool member_order_less(const Subscription& left, const Subscription& right);

/// Every partition of the given topics that exist, sorted by (topic, partition).
std::vector<TopicPartition> sorted_partitions(const PartitionsPerTopic& partitions_per_topic,
                                              const std::vector<std::string>& topics);

}  // namespace core::client
