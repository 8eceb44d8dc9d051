#pragma once
// The one place serve meets sim's node and network API for its connections: adding and
// removing a connection's endpoint node, reading broker states and the next event's time.
// When sim::Network grows explicit connections (issue 16), only this file changes.

#include <cstdint>

#include "serve/client_endpoint.h"
#include "sim/world.h"

namespace serve {

/// Endpoint node ids: one per accepted connection, apart from every simulated node's range.
constexpr sim::NodeId kFirstEndpointNode = 50001;

/// Adds the endpoint node of a new connection to `broker`. A fresh connection sees the
/// links of `broker` as the cluster's admin client does, so a connection opened while the
/// broker is isolated is cut too.
void add_endpoint(sim::World& world, sim::NodeId id, sim::NodeId broker, ConnectionSink* sink);

/// The endpoint's process, or nullptr once it is removed.
ClientEndpoint* find_endpoint(sim::World& world, sim::NodeId id);

/// The connection closed: its node crashes for good and never hears from the broker again.
void remove_endpoint(sim::World& world, sim::NodeId id);

/// True while `broker` is crashed (its port must refuse connections).
bool is_crashed(const sim::World& world, sim::NodeId broker);

/// Virtual time of the next pending event, or sim::kTimeNever.
sim::Time next_event_time(sim::World& world);

}  // namespace serve
