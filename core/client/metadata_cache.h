#pragma once
// A client's view of the cluster (Kafka's Metadata): bootstraps from any broker, refreshes
// on demand or every metadata.max.age.ms with retry.backoff.ms between attempts, and keeps
// the newest leader epoch seen per partition so stale answers are ignored (KIP-320).

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/protocol/errors.h"
#include "core/protocol/record.h"
#include "sim/node_env.h"

namespace core::protocol {
class MetadataResponse;
}

namespace core::client {

class NetworkClient;

struct PartitionMetadata {
    TopicPartition topic_partition;
    protocol::Error error = protocol::Error::NONE;
    /// kNoNode when the partition is offline or its leader is unknown.
    sim::NodeId leader = sim::kNoNode;
    int32_t leader_epoch = kNoLeaderEpoch;
    std::vector<int32_t> replicas;
    std::vector<int32_t> isr;
    std::vector<int32_t> offline_replicas;
};

struct TopicMetadata {
    std::string name;
    protocol::Error error = protocol::Error::NONE;
    uint64_t topic_id = 0;
    bool is_internal = false;
    /// Indexed by partition number.
    std::vector<PartitionMetadata> partitions;
};

struct MetadataOptions {
    /// metadata.max.age.ms: refresh at least this often even without errors.
    sim::Duration metadata_max_age = 300 * sim::kSecond;
    /// retry.backoff.ms: the least time between two metadata requests.
    sim::Duration retry_backoff = 100 * sim::kMillisecond;
};

class MetadataCache {
   public:
    MetadataCache(NetworkClient& network, std::vector<sim::NodeId> bootstrap_servers,
                  MetadataOptions options);

    /// Topics this client needs; a new one triggers an update.
    void add_topic(const std::string& topic);
    /// Ask for every topic (admin list/describe-all).
    void set_all_topics(bool all_topics);
    /// Kafka's requestUpdate(): the next poll() sends a request (after the backoff).
    void request_update();
    /// Sends a Metadata request when one is due and none is in flight. Returns when the
    /// owner should call poll() again (kTimeNever when waiting on a response).
    sim::Time poll();

    /// Applies a response (public for tests). Partitions whose leader epoch is older than
    /// one already seen keep their old entry, and another update is requested.
    void update(const protocol::MetadataResponse& response);

    const TopicMetadata* topic(const std::string& name) const;
    const PartitionMetadata* partition(const TopicPartition& tp) const;
    /// kNoNode when unknown or offline.
    sim::NodeId leader(const TopicPartition& tp) const;
    /// -1 when the topic is not (yet) known.
    int32_t partition_count(const std::string& topic) const;
    /// Live brokers from the last response, sorted; the bootstrap list before that.
    std::vector<sim::NodeId> brokers() const;
    int32_t controller_id() const { return controller_id_; }
    const std::map<std::string, TopicMetadata>& topics() const { return topics_; }
    /// Counts successful updates; lets owners notice a change cheaply.
    uint64_t version() const { return version_; }
    bool update_requested() const { return need_update_; }
    /// Called after every successful update (the producer and consumer re-drain then).
    void set_on_update(std::function<void()> on_update) { on_update_ = std::move(on_update); }

   private:
    void send_request(sim::Time now);
    void on_response(const protocol::MetadataResponse* response, protocol::Error error);
    void apply_topic(TopicMetadata incoming);

    NetworkClient& network_;
    std::vector<sim::NodeId> bootstrap_servers_;
    MetadataOptions options_;
    std::set<std::string> wanted_topics_;
    bool all_topics_ = false;
    bool need_update_ = true;
    bool in_flight_ = false;
    sim::Time last_attempt_ = -1;
    sim::Time last_success_ = -1;
    uint64_t version_ = 0;
    int32_t controller_id_ = -1;
    std::vector<sim::NodeId> live_brokers_;
    std::map<std::string, TopicMetadata> topics_;
    /// Newest leader epoch seen per partition; survives topics being dropped from view.
    std::map<TopicPartition, int32_t> last_seen_leader_epoch_;
    std::function<void()> on_update_;
};

}  // namespace core::client
