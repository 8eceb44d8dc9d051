#include "core/broker/isr.h"

#include <algorithm>

#include "sim/assert.h"

namespace core::broker {

void record_follower_fetch(FollowerState& state, Offset fetch_offset, Offset leader_log_end,
                           sim::Time now, int64_t broker_epoch) {
    if (fetch_offset >= leader_log_end) {
        state.last_caught_up_time = std::max(state.last_caught_up_time, now);
    } else if (fetch_offset >= state.last_fetch_leader_log_end_offset &&
               state.last_fetch_leader_log_end_offset != kNoOffset) {
        state.last_caught_up_time = std::max(state.last_caught_up_time, state.last_fetch_time);
    }
    state.log_end_offset = fetch_offset;
    state.last_fetch_leader_log_end_offset = leader_log_end;
    state.last_fetch_time = now;
    state.broker_epoch = broker_epoch;
}

bool is_caught_up(const FollowerState& state, Offset leader_log_end, sim::Time now,
                  sim::Duration replica_lag_time_max) {
    return state.log_end_offset == leader_log_end ||
           now - state.last_caught_up_time <= replica_lag_time_max;
}

std::vector<int32_t> out_of_sync_replicas(const std::vector<int32_t>& isr, int32_t leader,
                                          const std::map<int32_t, FollowerState>& followers,
                                          Offset leader_log_end, sim::Time now,
                                          sim::Duration replica_lag_time_max) {
    std::vector<int32_t> out;
    for (int32_t id : isr) {
        if (id == leader) continue;
        auto it = followers.find(id);
        if (it == followers.end() ||
            !is_caught_up(it->second, leader_log_end, now, replica_lag_time_max)) {
            out.push_back(id);
        }
    }
    return out;
}

bool can_join_isr(const FollowerState& state, Offset high_watermark,
                  Offset leader_epoch_start_offset) {
    return state.log_end_offset != kNoOffset && state.log_end_offset >= high_watermark &&
           state.log_end_offset >= leader_epoch_start_offset;
}

Offset compute_high_watermark(Offset current, Offset leader_log_end,
                              const std::vector<int32_t>& maximal_isr, int32_t leader,
                              const std::map<int32_t, FollowerState>& followers, sim::Time now,
                              sim::Duration replica_lag_time_max) {
    Offset candidate = leader_log_end;
    for (int32_t id : maximal_isr) {
        if (id == leader) continue;
        auto it = followers.find(id);
        Offset end = it == followers.end() ? kNoOffset : it->second.log_end_offset;
        candidate = std::min(candidate, end);
    }
    for (const auto& [id, state] : followers) {
        if (std::find(maximal_isr.begin(), maximal_isr.end(), id) != maximal_isr.end() ||
            state.log_end_offset == kNoOffset) {
            continue;
        }
        if (now - state.last_caught_up_time <= replica_lag_time_max) {
            candidate = std::min(candidate, state.log_end_offset);
        }
    }
    KS_ASSERT(current <= leader_log_end);
    return std::max(current, candidate);
}

}  // namespace core::broker
