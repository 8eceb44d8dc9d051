#pragma once
// What the cluster of a scenario is, in words: its brokers and its KRaft quorum (how many
// voters, on which nodes, combined with a broker or dedicated), for the run summary, the
// shell's banner and the note a run writes when a fault takes down the last voter.

#include <string>
#include <vector>

#include "harness/scenario/scenario.h"

namespace harness {

/// The node ids of the quorum's voters: broker 1's id in combined mode (the first broker
/// hosts the only controller), else the dedicated controllers 3001..300N.
std::vector<int32_t> voter_nodes(const ClusterSpec& cluster);

/// "3 brokers [1,2,3]; KRaft quorum: 1 voter, combined with broker 1" or
/// "3 brokers [1,2,3]; KRaft quorum: 3 voters, dedicated controller:1..3".
std::string cluster_text(const ClusterSpec& cluster);

}  // namespace harness
