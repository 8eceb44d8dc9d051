#pragma once
// The leader's ISR rules (Kafka's Partition.maybeShrinkIsr/maybeExpandIsr and
// maybeIncrementLeaderHW): when a follower counts as caught up, which followers fall out
// of the ISR, which may join it, and the high watermark they allow. Pure functions over
// the leader's view of its followers, so they are tested without a cluster.

#include <cstdint>
#include <map>
#include <vector>

#include "core/protocol/record.h"
#include "sim/time.h"

namespace core::broker {

/// The leader's view of one follower (Kafka's ReplicaState).
struct FollowerState {
    /// The offset the follower fetched from last: its log end offset. -1 = unknown.
    Offset log_end_offset = kNoOffset;
    /// Last time the follower was at the leader's log end (Kafka's lastCaughtUpTimeMs).
    sim::Time last_caught_up_time = 0;
    sim::Time last_fetch_time = 0;
    /// The leader's log end at the follower's previous fetch.
    Offset last_fetch_leader_log_end_offset = kNoOffset;
    /// The broker epoch the follower fetched with (KIP-903).
    int64_t broker_epoch = -1;
};

/// Updates `state` for a fetch at `fetch_offset` (Kafka's updateFetchState): the follower
/// is caught up at this fetch if it reached the leader's end, or up to the previous fetch
/// if it reached where the leader's end was then.
void record_follower_fetch(FollowerState& state, Offset fetch_offset, Offset leader_log_end,
                           sim::Time now, int64_t broker_epoch);

/// Kafka's isCaughtUp: at the leader's end, or caught up within replica.lag.time.max.ms.
bool is_caught_up(const FollowerState& state, Offset leader_log_end, sim::Time now,
                  sim::Duration replica_lag_time_max);

/// ISR members (other than the leader) that are no longer caught up.
std::vector<int32_t> out_of_sync_replicas(const std::vector<int32_t>& isr, int32_t leader,
                                          const std::map<int32_t, FollowerState>& followers,
                                          Offset leader_log_end, sim::Time now,
                                          sim::Duration replica_lag_time_max);

/// A follower may join the ISR once it has reached the high watermark and the start of
/// the current leader epoch (so it holds everything this leader committed).
bool can_join_isr(const FollowerState& state, Offset high_watermark,
                  Offset leader_epoch_start_offset);

/// The high watermark the leader may move to: the least log end over the leader, the
/// maximal ISR and any follower still caught up (Kafka 3.x), never below `current`.
Offset compute_high_watermark(Offset current, Offset leader_log_end,
                              const std::vector<int32_t>& maximal_isr, int32_t leader,
                              const std::map<int32_t, FollowerState>& followers, sim::Time now,
                              sim::Duration replica_lag_time_max);

}  // namespace core::broker
