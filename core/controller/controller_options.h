#pragma once
// The controller's settings: Kafka's config keys (in comments) with Kafka's defaults.

#include <cstdint>
#include <string>

#include "sim/time.h"

namespace core::controller {

struct ControllerOptions {
    /// cluster.id as the brokers must present it.
    std::string cluster_id = "kafkasim";
    /// broker.session.timeout.ms: a broker silent this long is fenced.
    sim::Duration broker_session_timeout_ns = 9000 * sim::kMillisecond;
    /// How often the active controller looks for expired sessions.
    sim::Duration session_check_interval_ns = 500 * sim::kMillisecond;
    /// num.partitions: CreateTopics with num_partitions = -1.
    int32_t num_partitions = 1;
    /// default.replication.factor: CreateTopics with replication_factor = -1.
    int16_t default_replication_factor = 1;
    /// delete.topic.enable
    bool delete_topic_enable = true;
    /// unclean.leader.election.enable (broker default; a topic config overrides it).
    bool unclean_leader_election_enable = false;
};

}  // namespace core::controller
