#include "serve/world_adapter.h"

#include <string>

#include "harness/run/cluster.h"

namespace serve {

void add_endpoint(sim::World& world, sim::NodeId id, sim::NodeId broker, ConnectionSink* sink) {
    world.add_node(id, "client-" + std::to_string(id), [broker, sink](sim::NodeEnv& env) {
        return std::make_unique<ClientEndpoint>(env, broker, sink);
    });
    sim::Network& network = world.network();
    if (network.is_cut(broker, harness::kAdminNode)) network.cut_one_way(broker, id);
    if (network.is_cut(harness::kAdminNode, broker)) network.cut_one_way(id, broker);
}

ClientEndpoint* find_endpoint(sim::World& world, sim::NodeId id) {
    return world.process_as<ClientEndpoint>(id);
}

void remove_endpoint(sim::World& world, sim::NodeId id) { world.crash(id); }

bool is_crashed(const sim::World& world, sim::NodeId broker) {
    return world.node_state(broker) == sim::NodeState::Crashed;
}

sim::Time next_event_time(sim::World& world) { return world.loop().next_time(); }

}  // namespace serve
