#include "core/controller/broker_registry.h"

namespace core::controller {

bool BrokerRegistry::has_valid_session(int32_t broker_id, sim::Time now) const {
    auto it = last_contact_.find(broker_id);
    return it != last_contact_.end() && now - it->second <= session_timeout_;
}

std::vector<int32_t> BrokerRegistry::expired(sim::Time now) const {
    std::vector<int32_t> ids;
    for (const auto& [id, last] : last_contact_) {
        if (now - last > session_timeout_) ids.push_back(id);
    }
    return ids;
}

}  // namespace core::controller
