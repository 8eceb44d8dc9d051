// GroupMetadata: protocol support and selection, and the group metadata record value.

#include "core/group/group_metadata.h"

#include <algorithm>

namespace core::group {

bool GroupMetadata::supports_protocols(
    const std::string& type, const std::vector<protocol::JoinGroupRequestProtocol>& ps) const {
    if (ps.empty() || type.empty()) return false;
    if (members.empty()) return true;
    if (type != protocol_type) return false;
    for (const auto& candidate : ps) {
        bool everyone = true;
        for (const auto& [id, m] : members) {
            if (m.metadata_for(candidate.name) == nullptr) everyone = false;
        }
        if (everyone) return true;
    }
    return false;
}

std::string GroupMetadata::select_protocol() const {
    KS_ASSERT(!members.empty());
    // Candidates in the first member's order; kept only when every member supports them.
    std::vector<std::string> candidates;
    for (const auto& p : members.begin()->second.protocols) {
        bool everyone = true;
        for (const auto& [id, m] : members) {
            if (m.metadata_for(p.name) == nullptr) everyone = false;
        }
        if (everyone) candidates.push_back(p.name);
    }
    KS_ASSERT(!candidates.empty());
    std::map<std::string, int> votes;
    for (const auto& [id, m] : members) {
        for (const auto& p : m.protocols) {
            if (std::find(candidates.begin(), candidates.end(), p.name) != candidates.end()) {
                ++votes[p.name];
                break;
            }
        }
    }
    std::string best = candidates.front();
    for (const auto& name : candidates) {
        if (votes[name] > votes[best]) best = name;
    }
    return best;
}

GroupMetadataValue GroupMetadata::to_value(int64_t now_ms) const {
    GroupMetadataValue value;
    value.protocol_type = protocol_type;
    value.generation_id = generation_id;
    value.protocol_name = protocol_name;
    value.leader = leader_id.value_or("");
    value.current_state_timestamp_ms = now_ms;
    for (const auto& [id, m] : members) {
        MemberMetadataValue mv;
        mv.member_id = id;
        mv.group_instance_id = m.group_instance_id;
        mv.client_id = m.client_id;
        mv.rebalance_timeout_ms = m.rebalance_timeout_ms;
        mv.session_timeout_ms = m.session_timeout_ms;
        if (const auto* sub = m.metadata_for(protocol_name)) mv.subscription = *sub;
        mv.assignment = m.assignment;
        value.members.push_back(std::move(mv));
    }
    return value;
}

}  // namespace core::group
