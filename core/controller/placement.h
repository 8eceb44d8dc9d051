#pragma once
// Replica placement for a new topic, as Kafka's AdminUtils assigns replicas without racks:
// a random start broker, partitions walk the sorted broker list round-robin so leaders
// spread, and followers sit at a random shift from the leader that grows every full turn.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/protocol/errors.h"
#include "sim/rng.h"

namespace core::controller {

struct PlacementResult {
    protocol::Error error = protocol::Error::NONE;
    std::string error_message;
    /// partition → replicas, the first being the preferred leader.
    std::map<int32_t, std::vector<int32_t>> assignment;
};

/// Assigns `partitions` partitions of `replication_factor` replicas over `brokers`
/// (the unfenced brokers; any order). Draws the start index and the shift from `rng`
/// unless fixed (>= 0), as Kafka's fixedStartIndex/startPartitionId allow.
PlacementResult assign_replicas(std::vector<int32_t> brokers, int32_t partitions,
                                int32_t replication_factor, sim::Rng& rng,
                                int32_t fixed_start_index = -1, int32_t fixed_replica_shift = -1);

}  // namespace core::controller
