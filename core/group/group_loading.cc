// GroupCoordinator as the CoordinatorRuntime's shard: following __consumer_offsets
// leadership. Becoming the leader of a partition loads its groups and offsets by reading
// the log (requests for those groups get COORDINATOR_LOAD_IN_PROGRESS meanwhile); losing
// it drops them (NOT_COORDINATOR). Kafka's GroupMetadataManager load and unload.

#include "core/broker/replica_manager.h"
#include "core/common/probes.h"
#include "core/common/timer_tags.h"
#include "core/group/group_coordinator.h"
#include "core/protocol/control_record.h"

namespace core::group {

using namespace core::protocol;

namespace {

/// The newest value of each key in one __consumer_offsets partition.
struct LoadedState {
    std::map<std::string, std::map<TopicPartition, OffsetAndMetadata>> offsets;
    std::map<std::string, std::optional<GroupMetadataValue>> groups;
    /// Transactional offsets whose marker is not in the log yet, per producer.
    std::map<int64_t, std::map<std::string, std::map<TopicPartition, OffsetAndMetadata>>>
        pending;
};

/// A transaction's batch: its offsets wait for the marker; a marker settles them.
void apply_transactional(const RecordBatch& batch, Offset from, LoadedState& state) {
    if (batch.is_control) {
        auto end = end_transaction_marker(batch);
        auto it = state.pending.find(batch.producer_id);
        if (!end || it == state.pending.end()) return;
        if (end->control_type == ControlRecordType::COMMIT) {
            for (auto& [group_id, offsets] : it->second) {
                for (auto& [tp, value] : offsets) state.offsets[group_id][tp] = value;
            }
        }
        state.pending.erase(it);
        return;
    }
    for (size_t i = 0; i < batch.records.size(); ++i) {
        if (batch.base_offset + static_cast<Offset>(i) < from) continue;
        auto record = parse_offsets_topic_record(batch.records[i]);
        if (!record || record->kind != OffsetsTopicRecord::Kind::OffsetCommit) continue;
        if (record->tombstone) continue;
        state.pending[batch.producer_id][record->group_id][record->topic_partition] =
            record->offset;
    }
}

void apply_record(const OffsetsTopicRecord& record, LoadedState& state) {
    if (record.kind == OffsetsTopicRecord::Kind::OffsetCommit) {
        auto& offsets = state.offsets[record.group_id];
        if (record.tombstone) {
            offsets.erase(record.topic_partition);
        } else {
            offsets[record.topic_partition] = record.offset;
        }
        return;
    }
    if (record.tombstone) {
        state.groups[record.group_id] = std::nullopt;
    } else {
        state.groups[record.group_id] = record.group;
    }
}

LoadedState read_partition(const log::PartitionLog& log) {
    LoadedState state;
    coordinator::CoordinatorRuntime::read_log(log, [&](const RecordBatch& batch, Offset from) {
        if (batch.is_transactional || batch.is_control) {
            apply_transactional(batch, from, state);
            return;
        }
        for (size_t i = 0; i < batch.records.size(); ++i) {
            if (batch.base_offset + static_cast<Offset>(i) < from) continue;
            auto record = parse_offsets_topic_record(batch.records[i]);
            if (record) apply_record(*record, state);
        }
    });
    return state;
}

}  // namespace

void GroupCoordinator::on_metadata_update() { runtime_.on_metadata_update(); }

void GroupCoordinator::schedule_load(int32_t p, sim::Duration delay) {
    TimerEntry entry{TimerKind::Load, "", "", static_cast<uint64_t>(p)};
    entry.partition = p;
    env_.start_timer(delay, timer_tag(entry));
}

int32_t GroupCoordinator::next_correlation_id(ApiKey api) {
    // CreateTopics sent by the coordinator itself use ids no broker forward can collide with.
    constexpr int32_t kInternalCorrelationBase = 1 << 30;
    const int32_t id = next_correlation_id_++;
    return api == ApiKey::CreateTopics ? kInternalCorrelationBase + id : id;
}

void GroupCoordinator::load_partition(int32_t p, const log::PartitionLog& log) {
    LoadedState state = read_partition(log);
    std::set<std::string> ids;
    for (const auto& [id, offsets] : state.offsets) ids.insert(id);
    for (const auto& [id, value] : state.groups) ids.insert(id);
    for (const auto& id : ids) {
        groups_.erase(id);
        GroupMetadata& group = get_or_create_group(id);
        group.offsets = std::move(state.offsets[id]);
        const auto& value = state.groups[id];
        if (!value) continue;
        group.generation_id = value->generation_id;
        group.protocol_type = value->protocol_type;
        group.protocol_name = value->protocol_name;
        if (!value->leader.empty()) group.leader_id = value->leader;
        for (const auto& mv : value->members) {
            MemberMetadata m;
            m.member_id = mv.member_id;
            m.group_instance_id = mv.group_instance_id;
            m.client_id = mv.client_id;
            m.session_timeout_ms = mv.session_timeout_ms;
            m.rebalance_timeout_ms = mv.rebalance_timeout_ms;
            m.protocols.push_back({value->protocol_name, mv.subscription});
            m.assignment = mv.assignment;
            m.last_heartbeat = env_.now();
            group.members.emplace(m.member_id, std::move(m));
        }
        // A loaded group with members is Stable in its stored generation: they keep
        // heartbeating and committing without a rebalance if they reach us in time.
        group.load_state(group.members.empty() ? GroupState::Empty : GroupState::Stable);
        for (auto& [member_id, m] : group.members) arm_session_timer(group, m);
    }
    for (auto& [producer_id, groups] : state.pending) {
        for (auto& [group_id, offsets] : groups) {
            pending_txn_offsets_[producer_id][group_id] = std::move(offsets);
        }
    }
    hit(env_, Probe::CoordinatorLoadedOffsetsPartition);
    env_.note("group coordinator: loaded __consumer_offsets-" + std::to_string(p) + " (" +
              std::to_string(ids.size()) + " groups)");
}

void GroupCoordinator::resign_partition(int32_t p) {
    std::vector<std::string> dropped;
    for (auto& [id, group] : groups_) {
        if (partition_of(id) != p) continue;
        for (auto& [member_id, m] : group->members) {
            if (m.awaiting_join) hit(env_, Probe::CoordinatorFailoverMidJoin);
            if (m.awaiting_join) reply_join_error(*m.awaiting_join, Error::NOT_COORDINATOR);
            if (m.awaiting_sync) reply_sync(*m.awaiting_sync, Error::NOT_COORDINATOR);
        }
        group->transition_to(GroupState::Dead);
        dropped.push_back(id);
    }
    for (const auto& id : dropped) groups_.erase(id);
    for (auto it = pending_txn_offsets_.begin(); it != pending_txn_offsets_.end();) {
        std::erase_if(it->second, [&](const auto& g) { return partition_of(g.first) == p; });
        it = it->second.empty() ? pending_txn_offsets_.erase(it) : std::next(it);
    }
    hit(env_, Probe::CoordinatorResignedOffsetsPartition);
    env_.note("group coordinator: resigned __consumer_offsets-" + std::to_string(p));
}

}  // namespace core::group
