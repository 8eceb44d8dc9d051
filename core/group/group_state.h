#pragma once
// A classic consumer group's states (Kafka's GroupState in GroupMetadata.scala) and the
// legal transitions between them, asserted on every change.

#include <string_view>

namespace core::group {

enum class GroupState {
    /// No members; offsets may still be kept (standalone commits, or everyone left).
    Empty,
    /// Waiting for every known member to (re)join, up to the rebalance timeout.
    PreparingRebalance,
    /// Joins answered; waiting for the leader's SyncGroup with the assignment.
    CompletingRebalance,
    /// Every member has its assignment and heartbeats.
    Stable,
    /// The coordinator no longer owns the group (resigned, or the group was removed).
    Dead,
};

/// Kafka's validPreviousStates, read from the target's side.
constexpr bool is_legal_transition(GroupState from, GroupState to) {
    switch (to) {
        case GroupState::Dead: return true;
        case GroupState::CompletingRebalance: return from == GroupState::PreparingRebalance;
        case GroupState::Stable: return from == GroupState::CompletingRebalance;
        case GroupState::PreparingRebalance:
            return from == GroupState::Stable || from == GroupState::CompletingRebalance ||
                   from == GroupState::Empty;
        case GroupState::Empty: return from == GroupState::PreparingRebalance;
    }
    return false;
}

constexpr std::string_view group_state_name(GroupState state) {
    switch (state) {
        case GroupState::Empty: return "Empty";
        case GroupState::PreparingRebalance: return "PreparingRebalance";
        case GroupState::CompletingRebalance: return "CompletingRebalance";
        case GroupState::Stable: return "Stable";
        case GroupState::Dead: return "Dead";
    }
    return "?";
}

}  // namespace core::group
