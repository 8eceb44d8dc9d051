#include "harness/scenario/cluster_shape.h"

#include <fmt/format.h>

#include "core/controller/controller_node.h"

namespace harness {

std::vector<int32_t> voter_nodes(const ClusterSpec& cluster) {
    // RunCluster::add_controllers builds the same quorum.
    if (cluster.controllers == 0) return {cluster.broker_ids.front()};
    std::vector<int32_t> voters;
    for (int32_t i = 1; i <= cluster.controllers; ++i) {
        voters.push_back(core::controller::controller_node_id(i));
    }
    return voters;
}

std::string cluster_text(const ClusterSpec& cluster) {
    const size_t brokers = cluster.broker_ids.size();
    std::string out = fmt::format("{} broker{} [{}]; KRaft quorum: ", brokers,
                                  brokers == 1 ? "" : "s", fmt::join(cluster.broker_ids, ","));
    if (cluster.controllers == 0) {
        // One voter: losing it stops elections, registrations and producer ids.
        return out + fmt::format("1 voter, combined with broker {} (no controller failover)",
                                 cluster.broker_ids.front());
    }
    const int32_t n = cluster.controllers;
    if (n == 1) return out + "1 voter, dedicated controller:1 (no controller failover)";
    return out + fmt::format("{} voters, dedicated controller:1..{} (a majority of {} must run)",
                             n, n, n / 2 + 1);
}

}  // namespace harness
