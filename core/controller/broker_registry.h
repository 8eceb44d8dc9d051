#pragma once
// The active controller's view of broker sessions (Kafka's BrokerHeartbeatManager):
// when each broker last heartbeated, and which sessions have expired. Sessions live in
// memory only: a newly active controller starts every known broker with a fresh session.

#include <cstdint>
#include <map>
#include <vector>

#include "sim/time.h"

namespace core::controller {

class BrokerRegistry {
 public:
    explicit BrokerRegistry(sim::Duration session_timeout) : session_timeout_(session_timeout) {}

    /// A heartbeat or registration from `broker_id` arrived at `now`.
    void touch(int32_t broker_id, sim::Time now) { last_contact_[broker_id] = now; }
    void remove(int32_t broker_id) { last_contact_.erase(broker_id); }
    void clear() { last_contact_.clear(); }

    /// True while the broker heartbeated within broker.session.timeout.ms.
    bool has_valid_session(int32_t broker_id, sim::Time now) const;
    /// Brokers whose session expired, in id order.
    std::vector<int32_t> expired(sim::Time now) const;

    sim::Duration session_timeout() const { return session_timeout_; }

 private:
    sim::Duration session_timeout_;
    std::map<int32_t, sim::Time> last_contact_;
};

}  // namespace core::controller
