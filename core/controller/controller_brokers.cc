// QuorumController: broker registration, heartbeats, session expiry and the fencing and
// unfencing that move partition leadership (Kafka's ClusterControlManager and
// ReplicationControlManager.handleBrokerFenced/Unfenced).

#include <algorithm>

#include "core/common/probes.h"
#include "core/controller/quorum_controller.h"

namespace core::controller {

using namespace core::protocol;

namespace {

/// The change elects a leader from outside the partition's ISR.
bool elects_unclean(const PartitionRegistration& p, const PartitionChangeRecord& change) {
    return change.leader != kNoLeaderChange && change.leader != kNoLeader &&
           !p.in_isr(change.leader);
}

}  // namespace

void QuorumController::handle_registration(sim::NodeId from, const BrokerRegistrationRequest& r) {
    auto response = std::make_shared<BrokerRegistrationResponse>();
    response->correlation_id = r.correlation_id;
    response->leader_id = log_.leader_id();
    const BrokerRegistration* existing = speculative_.broker(r.broker_id);
    if (existing != nullptr && existing->incarnation_id == r.incarnation_id) {
        // A retried registration: answer with the epoch already given, once committed.
        response->broker_epoch = existing->epoch;
        registry_.touch(r.broker_id, env_.now());
        after_pending([this, from, response](bool committed) {
            if (!committed) response->error = Error::NOT_CONTROLLER;
            env_.send(from, response);
        });
        return;
    }
    if (existing != nullptr && !existing->fenced &&
        registry_.has_valid_session(r.broker_id, env_.now())) {
        // Kafka refuses a new incarnation while the old one still holds a live session:
        // the restarted broker retries until that session expires and it is fenced.
        response->error = Error::DUPLICATE_BROKER_REGISTRATION;
        env_.send(from, response);
        return;
    }
    std::vector<MetadataRecord> records;
    if (existing != nullptr && !existing->fenced) records = fence_records(r.broker_id);
    RegisterBrokerRecord record;
    record.broker_id = r.broker_id;
    record.incarnation_id = r.incarnation_id;
    record.broker_epoch = speculative_.next_broker_epoch();
    record.rack = r.rack;
    record.fenced = true;
    response->broker_epoch = record.broker_epoch;
    records.push_back(record);
    registry_.touch(r.broker_id, env_.now());
    env_.note("controller: registering broker " + std::to_string(r.broker_id) + " epoch " +
              std::to_string(record.broker_epoch));
    append(std::move(records), [this, from, response](bool committed) {
        if (!committed) response->error = Error::NOT_CONTROLLER;
        env_.send(from, response);
    });
}

void QuorumController::handle_heartbeat(sim::NodeId from, const BrokerHeartbeatRequest& r) {
    auto response = std::make_shared<BrokerHeartbeatResponse>();
    response->correlation_id = r.correlation_id;
    response->leader_id = log_.leader_id();
    const BrokerRegistration* registration = speculative_.broker(r.broker_id);
    if (registration == nullptr || registration->epoch != r.broker_epoch) {
        response->error = Error::STALE_BROKER_EPOCH;
        env_.send(from, response);
        return;
    }
    registry_.touch(r.broker_id, env_.now());
    auto offset_it = registration_offsets_.find(r.broker_id);
    const bool caught_up = offset_it != registration_offsets_.end() &&
                           offset_it->second < log_.committed_end_offset() &&
                           r.current_metadata_offset >= offset_it->second;
    response->is_caught_up = caught_up;
    if (registration->fenced && caught_up && !r.want_fence && !r.want_shut_down) {
        env_.note("controller: unfencing broker " + std::to_string(r.broker_id));
        append(unfence_records(r.broker_id), [this, from, response](bool committed) {
            if (!committed) response->error = Error::NOT_CONTROLLER;
            response->is_fenced = !committed;
            env_.send(from, response);
        });
        return;
    }
    response->is_fenced = registration->fenced;
    env_.send(from, response);
}

void QuorumController::check_sessions() {
    for (int32_t broker_id : registry_.expired(env_.now())) {
        const BrokerRegistration* registration = speculative_.broker(broker_id);
        if (registration == nullptr || registration->fenced) continue;
        env_.note("controller: fencing broker " + std::to_string(broker_id) + " (session expired)");
        hit(env_, Probe::ControllerBrokerSessionExpired);
        append(fence_records(broker_id), [](bool) {});
    }
}

bool QuorumController::unclean_enabled(const std::string& topic) const {
    const auto& configs = speculative_.topic_configs(topic);
    auto it = configs.find("unclean.leader.election.enable");
    if (it == configs.end()) return options_.unclean_leader_election_enable;
    return it->second == "true";
}

std::vector<MetadataRecord> QuorumController::fence_records(int32_t broker_id) {
    const BrokerRegistration* registration = speculative_.broker(broker_id);
    KS_ASSERT(registration != nullptr);
    std::vector<MetadataRecord> records{FenceBrokerRecord{broker_id, registration->epoch}};
    IsActive is_active = [&](int32_t id) { return id != broker_id && speculative_.is_active(id); };
    for (const auto& [topic_id, topic] : speculative_.topics()) {
        const bool unclean = unclean_enabled(topic.name);
        for (const auto& [partition_id, p] : topic.partitions) {
            if (!p.in_isr(broker_id) && p.leader != broker_id) continue;
            std::vector<int32_t> isr;
            std::copy_if(p.isr.begin(), p.isr.end(), std::back_inserter(isr),
                         [&](int32_t id) { return id != broker_id; });
            auto change =
                build_partition_change(topic_id, partition_id, p, isr, is_active, unclean);
            if (change && elects_unclean(p, *change)) hit(env_, Probe::UncleanLeaderElection);
            if (change) records.push_back(*change);
        }
    }
    return records;
}

std::vector<MetadataRecord> QuorumController::unfence_records(int32_t broker_id) {
    const BrokerRegistration* registration = speculative_.broker(broker_id);
    KS_ASSERT(registration != nullptr);
    std::vector<MetadataRecord> records{UnfenceBrokerRecord{broker_id, registration->epoch}};
    IsActive is_active = [&](int32_t id) { return id == broker_id || speculative_.is_active(id); };
    for (const auto& [topic_id, topic] : speculative_.topics()) {
        const bool unclean = unclean_enabled(topic.name);
        for (const auto& [partition_id, p] : topic.partitions) {
            if (p.leader != kNoLeader || !p.has_replica(broker_id)) continue;
            auto change =
                build_partition_change(topic_id, partition_id, p, p.isr, is_active, unclean);
            if (change) {
                if (elects_unclean(p, *change)) hit(env_, Probe::UncleanLeaderElection);
                records.push_back(*change);
            }
        }
    }
    return records;
}

}  // namespace core::controller
