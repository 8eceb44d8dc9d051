#pragma once
// CoordinatorRuntime: the plumbing every coordinator over an internal topic shares (the
// group coordinator over __consumer_offsets, the transaction coordinator over
// __transaction_state; Kafka's CoordinatorRuntime and CoordinatorLoader, which
// TransactionStateManager repeats): creating the topic on the first FindCoordinator and
// naming the leader of the key's partition, following leadership of each partition (load
// it after a delay on becoming its leader, resign on losing it), answering whether this
// broker serves a key, appending with acks=all, and reading a partition back.
//
// The coordinator it serves keeps its own state and timers; the runtime calls it back
// through CoordinatorShard.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/protocol/group.h"
#include "core/protocol/produce.h"
#include "sim/node_env.h"

namespace core::broker {
class ReplicaManager;
class ReplicaManagerHost;
}  // namespace core::broker

namespace core::log {
class PartitionLog;
}

namespace core::coordinator {

/// What the runtime asks of the coordinator it serves (Kafka's CoordinatorShard).
class CoordinatorShard {
 public:
    virtual ~CoordinatorShard() = default;
    /// Leadership of `partition` came here: call CoordinatorRuntime::load after `delay`
    /// (reading the log takes time; Kafka loads in a background thread).
    virtual void schedule_load(int32_t partition, sim::Duration delay) = 0;
    /// Rebuild the partition's state from its log (the runtime already counts it loaded).
    virtual void load_partition(int32_t partition, const log::PartitionLog& log) = 0;
    /// Leadership of `partition` left (or moved to a new epoch): drop its state.
    virtual void resign_partition(int32_t partition) = 0;
    /// A correlation id for a request the runtime sends on the coordinator's behalf.
    virtual int32_t next_correlation_id(protocol::ApiKey api) = 0;
};

struct CoordinatorRuntimeOptions {
    /// "group coordinator": starts the trace notes.
    std::string name;
    std::string topic;
    int32_t num_partitions = 1;
    /// Capped at the number of active brokers when the topic is created.
    int64_t replication_factor = 1;
    /// Topic configs at creation ("cleanup.policy", "segment.bytes"...).
    std::map<std::string, std::string> configs;
    /// min.insync.replicas at creation, capped at the replication factor; < 0: not set.
    int64_t min_insync_replicas = -1;
};

class CoordinatorRuntime {
 public:
    CoordinatorRuntime(sim::NodeEnv& env, broker::ReplicaManager& replica_manager,
                       broker::ReplicaManagerHost& host, CoordinatorShard& shard,
                       CoordinatorRuntimeOptions options);

    /// Kafka's Utils.abs(key.hashCode) % partition count.
    int32_t partition_for(const std::string& key) const;
    /// Answers FindCoordinator for `request.key`: the leader of its partition, creating the
    /// topic first if it does not exist; an empty key gets `empty_key_error`.
    void find_coordinator(sim::NodeId from, const protocol::FindCoordinatorRequest& request,
                          protocol::Error empty_key_error);
    /// Loads or resigns each partition whose leadership moved to or from this broker.
    void on_metadata_update();
    /// The delayed load of `partition` (CoordinatorShard::schedule_load): still the leader
    /// in the same epoch, its state is read back and it serves its keys.
    void load(int32_t partition);
    /// NONE when this broker serves `key`, else NOT_COORDINATOR or
    /// COORDINATOR_LOAD_IN_PROGRESS.
    protocol::Error coordinator_error(const std::string& key) const;
    /// The leader epoch of the partition holding `key` while this broker leads it (Kafka's
    /// coordinatorEpoch); nullopt otherwise.
    std::optional<int32_t> coordinator_epoch(const std::string& key) const;
    /// True when this broker leads at least one of the topic's partitions.
    bool owns_any() const { return !owned_.empty(); }

    /// Appends `batch` to `partition` with acks=all; the answer comes to the broker as
    /// the ProduceResponse of `correlation_id` (registered by the caller first: the
    /// replica manager may answer before this returns).
    void append(int32_t correlation_id, int32_t partition, protocol::RecordBatch batch,
                int32_t timeout_ms);
    /// Kafka's mapping of append errors to coordinator errors
    /// (GroupMetadataManager.storeOffsets, TransactionStateManager.appendTransactionToLog).
    static protocol::Error append_error(const protocol::ProduceResponse& response);
    /// Every batch of `log` from its start to its end, with the offset the read is at
    /// (records of a batch below it were read before).
    static void read_log(const log::PartitionLog& log,
                         const std::function<void(const protocol::RecordBatch&, Offset)>& each);

 private:
    struct OwnedPartition {
        int32_t leader_epoch = -1;
        bool loaded = false;
    };
    void maybe_create_topic();
    void resign(int32_t partition);

    sim::NodeEnv& env_;
    broker::ReplicaManager& replica_manager_;
    broker::ReplicaManagerHost& host_;
    CoordinatorShard& shard_;
    CoordinatorRuntimeOptions options_;
    std::map<int32_t, OwnedPartition> owned_;
    sim::Time last_create_request_ = -1;
};

}  // namespace core::coordinator
