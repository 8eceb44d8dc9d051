#include "harness/shell/consumer_groups.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/broker/broker.h"
#include "core/broker/partition.h"
#include "core/group/group_coordinator.h"
#include "harness/run/cluster.h"

namespace harness::shell {
namespace {

std::string or_dash(const std::optional<int64_t>& value) {
    return value ? std::to_string(*value) : "-";
}

std::string or_dash(const std::optional<int32_t>& value) {
    return value ? std::to_string(*value) : "-";
}

std::string or_dash(const std::string& value) { return value.empty() ? "-" : value; }

/// The coordinator's in-memory group, from whichever running broker coordinates it.
const core::group::GroupMetadata* find_group(RunCluster& cluster, const std::string& group) {
    for (sim::NodeId id : cluster.brokers()) {
        auto* broker = cluster.world().process_as<core::broker::Broker>(id);
        if (broker == nullptr || !broker->group_coordinator().is_coordinator_for(group)) {
            continue;
        }
        return broker->group_coordinator().group(group);
    }
    return nullptr;
}

/// What ListOffsets(latest) answers: the leader's high watermark.
std::optional<int64_t> log_end_offset(RunCluster& cluster, const core::TopicPartition& tp) {
    const int32_t leader = cluster.leader_of(tp.topic, tp.partition);
    auto* broker = leader < 0 ? nullptr : cluster.world().process_as<core::broker::Broker>(leader);
    if (broker == nullptr) return std::nullopt;
    auto* partition = broker->replica_manager().partition(tp);
    if (partition == nullptr) return std::nullopt;
    return partition->high_watermark();
}

std::vector<GroupOffsetRow> group_rows(RunCluster& cluster,
                                       const core::group::GroupMetadata& group) {
    std::map<core::TopicPartition, GroupOffsetRow> rows;
    for (const auto& [member_id, member] : group.members) {
        for (const auto& tp : member.assignment.assigned_partitions) {
            GroupOffsetRow& row = rows[tp];
            row.consumer_id = member_id;
            row.host = "/127.0.0.1";
            row.client_id = member.client_id;
        }
    }
    for (const auto& [tp, offset] : group.offsets) rows[tp];
    std::vector<GroupOffsetRow> out;
    for (auto& [tp, row] : rows) {
        row.topic = tp.topic;
        row.partition = tp.partition;
        auto committed = group.offsets.find(tp);
        if (committed != group.offsets.end()) {
            row.current_offset = committed->second.committed_offset;
        }
        row.log_end_offset = log_end_offset(cluster, tp);
        out.push_back(std::move(row));
    }
    // Kafka lists a member without partitions too, with "-" for what it does not own.
    for (const auto& [member_id, member] : group.members) {
        if (!member.assignment.assigned_partitions.empty()) continue;
        GroupOffsetRow row;
        row.consumer_id = member_id;
        row.host = "/127.0.0.1";
        row.client_id = member.client_id;
        out.push_back(std::move(row));
    }
    return out;
}

/// Kafka drops a group once it has neither members nor offsets (it turns Dead).
bool exists(const core::group::GroupMetadata* metadata) {
    return metadata != nullptr && !metadata->is(core::group::GroupState::Dead) &&
           !(metadata->members.empty() && metadata->offsets.empty());
}

}  // namespace

std::string format_group_offsets(const std::string& group,
                                 const std::vector<GroupOffsetRow>& rows) {
    size_t group_width = std::max<size_t>(15, group.size());
    size_t topic_width = 15;
    size_t consumer_width = 15;
    size_t host_width = 15;
    for (const GroupOffsetRow& row : rows) {
        topic_width = std::max(topic_width, or_dash(row.topic).size());
        consumer_width = std::max(consumer_width, or_dash(row.consumer_id).size());
        host_width = std::max(host_width, or_dash(row.host).size());
    }
    auto line = [&](const std::string& g, const std::string& topic, const std::string& partition,
                    const std::string& current, const std::string& end, const std::string& lag,
                    const std::string& consumer, const std::string& host,
                    const std::string& client) {
        return fmt::format("{:<{}} {:<{}} {:<10} {:<15} {:<15} {:<15} {:<{}} {:<{}} {}\n", g,
                           group_width, topic, topic_width, partition, current, end, lag,
                           consumer, consumer_width, host, host_width, client);
    };
    std::string text = "\n" + line("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET",
                                   "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
    for (const GroupOffsetRow& row : rows) {
        std::optional<int64_t> lag;
        if (row.current_offset && row.log_end_offset) {
            lag = *row.log_end_offset - *row.current_offset;
        }
        text += line(group, or_dash(row.topic), or_dash(row.partition), or_dash(row.current_offset),
                     or_dash(row.log_end_offset), or_dash(lag), or_dash(row.consumer_id),
                     or_dash(row.host), or_dash(row.client_id));
    }
    return text;
}

std::string describe_consumer_group(RunCluster& cluster, const std::string& group) {
    const core::group::GroupMetadata* metadata = find_group(cluster, group);
    if (!exists(metadata)) {
        return "Error: Consumer group '" + group + "' does not exist.\n";
    }
    std::string text;
    if (metadata->members.empty()) {
        text = "\nConsumer group '" + group + "' has no active members.\n";
    } else if (metadata->is(core::group::GroupState::PreparingRebalance) ||
               metadata->is(core::group::GroupState::CompletingRebalance)) {
        text = "\nWarning: Consumer group '" + group + "' is rebalancing.\n";
    }
    return text + format_group_offsets(group, group_rows(cluster, *metadata));
}

std::string list_consumer_groups(RunCluster& cluster, const std::vector<std::string>& known) {
    std::vector<std::string> names = known;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::string text;
    for (const std::string& name : names) {
        if (exists(find_group(cluster, name))) text += name + "\n";
    }
    return text;
}

}  // namespace harness::shell
