#include "core/controller/placement.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/assert.h"

namespace core::controller {

using protocol::Error;

namespace {

// Kafka's replicaIndex: the j-th follower sits 1 + (shift + j) % (n - 1) after the
// leader, so it is never the leader itself and followers differ from each other.
int32_t replica_index(int32_t first, int32_t shift, int32_t j, int32_t n) {
    int32_t offset = 1 + (shift + j) % (n - 1);
    return (first + offset) % n;
}

}  // namespace

PlacementResult assign_replicas(std::vector<int32_t> brokers, int32_t partitions,
                                int32_t replication_factor, sim::Rng& rng,
                                int32_t fixed_start_index, int32_t fixed_replica_shift) {
    PlacementResult result;
    if (partitions <= 0) {
        result.error = Error::INVALID_PARTITIONS;
        result.error_message = "Number of partitions must be larger than 0.";
        return result;
    }
    if (replication_factor <= 0) {
        result.error = Error::INVALID_REPLICATION_FACTOR;
        result.error_message = "Replication factor must be larger than 0.";
        return result;
    }
    const auto n = static_cast<int32_t>(brokers.size());
    if (replication_factor > n) {
        result.error = Error::INVALID_REPLICATION_FACTOR;
        result.error_message = fmt::format(
            "Replication factor: {} larger than available brokers: {}.", replication_factor, n);
        return result;
    }
    std::sort(brokers.begin(), brokers.end());
    int32_t start_index = fixed_start_index >= 0
                              ? fixed_start_index
                              : static_cast<int32_t>(rng.uniform(static_cast<uint64_t>(n)));
    int32_t shift = fixed_replica_shift >= 0
                        ? fixed_replica_shift
                        : static_cast<int32_t>(rng.uniform(static_cast<uint64_t>(n)));
    for (int32_t partition = 0; partition < partitions; ++partition) {
        if (partition > 0 && partition % n == 0) shift += 1;
        int32_t first = (partition + start_index) % n;
        std::vector<int32_t> replicas{brokers[first]};
        for (int32_t j = 0; j < replication_factor - 1; ++j) {
            replicas.push_back(brokers[replica_index(first, shift, j, n)]);
        }
        KS_ASSERT(static_cast<int32_t>(replicas.size()) == replication_factor);
        result.assignment[partition] = std::move(replicas);
    }
    return result;
}

}  // namespace core::controller
