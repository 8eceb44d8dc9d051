#pragma once
// Builds the simulated cluster a scenario describes: the World with its network and
// disks, KRaft controllers and brokers with the scenario's Kafka configs, and the node
// ids of every client; and answers which nodes a fault target means right now.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/metadata.h"
#include "harness/scenario/scenario.h"
#include "sim/faults/schedule.h"
#include "sim/world.h"

namespace core::controller {
class MetadataImage;
}  // namespace core::controller

namespace harness {

/// Node ids: brokers keep their Kafka ids; the rest live in their own ranges.
constexpr sim::NodeId kAdminNode = 9000;
constexpr sim::NodeId kFirstProducerNode = 20001;
constexpr sim::NodeId kFirstConsumerNode = 30001;

class RunCluster {
   public:
    /// `listeners`: where each broker id is advertised in Metadata (`kafkasim serve`'s
    /// sockets); empty for a run, whose clients are all simulated.
    RunCluster(const Scenario& scenario, uint64_t seed, bool keep_trace,
               std::map<int32_t, core::protocol::AdvertisedListener> listeners = {});

    sim::World& world() { return *world_; }
    const std::vector<sim::NodeId>& brokers() const { return brokers_; }
    const std::vector<sim::NodeId>& controllers() const { return controllers_; }

    /// Runs until every broker is registered and unfenced, at most `timeout`.
    bool wait_for_brokers(sim::Duration timeout);
    /// Runs until every partition of `topics` has a leader that acts as one.
    bool wait_for_leaders(const std::vector<TopicSpec>& topics, sim::Duration timeout);

    /// Client nodes, registered by the workload as it adds them.
    void add_producer_node(const std::string& name, sim::NodeId node);
    void add_consumer_node(const std::string& group, int32_t member, sim::NodeId node);
    /// The node of member `member` (1-based) of a consumer group; nullopt when unknown.
    std::optional<sim::NodeId> consumer_node(const std::string& group, int32_t member) const {
        auto it = consumer_nodes_.find({group, member});
        if (it == consumer_nodes_.end()) return std::nullopt;
        return it->second;
    }

    /// The nodes a target ("broker:2", "leader(t,0)", ...; "" = every broker and
    /// controller) means at this moment. Unknown or unresolvable targets give no node.
    std::vector<sim::NodeId> resolve(std::string_view target);
    sim::TargetResolver resolver() {
        return [this](std::string_view target) { return resolve(target); };
    }

    /// The leader of a partition per the freshest broker metadata; -1 when none.
    int32_t leader_of(const std::string& topic, int32_t partition);
    /// The broker coordinating `group` now (-1 before __consumer_offsets exists).
    int32_t coordinator_of(const std::string& group);

   private:
    const core::controller::MetadataImage* freshest_image();
    void add_controllers(const Scenario& scenario);
    void add_brokers(const Scenario& scenario,
                     const std::map<int32_t, core::protocol::AdvertisedListener>& listeners);
    std::vector<sim::NodeId> resolve_role(std::string_view role, std::string_view args);

    std::unique_ptr<sim::World> world_;
    std::vector<sim::NodeId> brokers_;
    std::vector<sim::NodeId> controllers_;
    bool combined_ = false;
    std::map<std::string, sim::NodeId> producer_nodes_;
    std::map<std::pair<std::string, int32_t>, sim::NodeId> consumer_nodes_;
};

}  // namespace harness
