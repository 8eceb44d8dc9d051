#pragma once
// kafka-consumer-groups.sh --list and --describe over the simulated cluster: each group's
// members and assignment and its committed offsets as its coordinator holds them, the
// log end offsets from the partitions' leaders, in the tool's own table.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace harness {
class RunCluster;
}  // namespace harness

namespace harness::shell {

/// One row of the --describe table; unknown values print "-".
struct GroupOffsetRow {
    /// Empty (printed "-") for a member without partitions.
    std::string topic;
    std::optional<int32_t> partition;
    std::optional<int64_t> current_offset;
    std::optional<int64_t> log_end_offset;
    std::string consumer_id;
    std::string host;
    std::string client_id;
};

/// The table as ConsumerGroupCommand prints it: a blank line, the header, one row per
/// partition (then one per member without partitions); columns as wide as their longest
/// value (at least 15).
std::string format_group_offsets(const std::string& group, const std::vector<GroupOffsetRow>& rows);

/// --describe --group `group`: a notice when it has no active members or is rebalancing,
/// then its table; or the tool's error when no coordinator knows the group.
std::string describe_consumer_group(RunCluster& cluster, const std::string& group);

/// --list: the groups among `known` (those the session's consumers used) that a
/// coordinator holds, one a line.
std::string list_consumer_groups(RunCluster& cluster, const std::vector<std::string>& known);

}  // namespace harness::shell
