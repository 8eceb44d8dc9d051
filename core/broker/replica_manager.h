#pragma once
// The partitions this broker hosts (Kafka's ReplicaManager): recovers their logs from the
// disk, makes them leaders or followers as committed metadata says, serves Produce, Fetch
// and ListOffsets, parks acks=all produces and long-poll fetches in purgatories, proposes
// ISR changes to the controller, and checkpoints high watermarks.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/broker/follower_fetcher.h"
#include "core/broker/partition.h"
#include "core/broker/purgatory.h"
#include "core/config/broker_config.h"
#include "core/controller/metadata_image.h"
#include "core/protocol/alter_partition.h"
#include "core/protocol/fetch.h"
#include "core/protocol/list_offsets.h"
#include "core/protocol/offset_for_leader_epoch.h"
#include "core/protocol/produce.h"
#include "core/protocol/write_txn_markers.h"
#include "sim/node_env.h"

namespace core::broker {

/// What the replica manager needs from the broker hosting it.
class ReplicaManagerHost {
 public:
    virtual ~ReplicaManagerHost() = default;
    /// Sends to the active controller (AlterPartition); dropped when none is known.
    virtual void send_to_controller(std::shared_ptr<const protocol::KafkaMessage> request) = 0;
    virtual int64_t broker_epoch() const = 0;
    virtual const controller::MetadataImage& image() const = 0;
    /// A COMMIT (`committed`) or ABORT marker of `producer_id` was appended to `tp` here.
    virtual void on_txn_marker_written(const TopicPartition& tp, int64_t producer_id,
                                       bool committed) {
        (void)tp;
        (void)producer_id;
        (void)committed;
    }
};

class ReplicaManager {
 public:
    ReplicaManager(sim::NodeEnv& env, const config::BrokerConfig& config, ReplicaManagerHost& host);
    ~ReplicaManager();

    /// Recovers every partition log found on the disk and starts the periodic tasks.
    void start();
    /// Becomes leader/follower/offline for the partitions `delta` touched.
    void apply_delta(const controller::MetadataImage& image, const controller::ImageDelta& delta);

    void handle_produce(sim::NodeId from, const protocol::ProduceRequest& request);
    void handle_fetch(sim::NodeId from, std::shared_ptr<const protocol::FetchRequest> request);
    void handle_list_offsets(sim::NodeId from, const protocol::ListOffsetsRequest& request);
    /// A consumer validating its position after a leader change (KIP-320).
    void handle_offset_for_leader_epoch(sim::NodeId from,
                                        const protocol::OffsetForLeaderEpochRequest& request);
    /// Appends each COMMIT/ABORT marker as leader; answers once all are replicated.
    void handle_write_txn_markers(sim::NodeId from,
                                  const protocol::WriteTxnMarkersRequest& request);
    void on_fetch_response(sim::NodeId from, const protocol::FetchResponse& response);
    void on_alter_partition_response(const protocol::AlterPartitionResponse& response);
    void on_disconnected(sim::NodeId peer);

    Partition* partition(const TopicPartition& tp);
    const std::map<TopicPartition, std::unique_ptr<Partition>>& partitions() const {
        return partitions_;
    }

 private:
    friend class FollowerFetcher;

    Partition& get_or_create(const TopicPartition& tp, const controller::MetadataImage& image);
    void delete_partition(const TopicPartition& tp);
    config::TopicConfig topic_config(const std::string& topic,
                                     const controller::MetadataImage& image) const;
    void recover_logs();
    void checkpoint_high_watermarks();
    std::map<TopicPartition, Offset> read_checkpoint() const;
    void check_isr_expiry();
    /// Counts a committed ISR shrink to exactly min.insync.replicas on the leader.
    void probe_isr_shrink(const Partition& p, size_t isr_before);
    void send_alter_partition(protocol::AlterPartitionData data);

    // Timers: the periodic tasks, then those whose payload names a request or a parked id.
    void on_isr_expiry_timer(uint64_t);
    void on_checkpoint_timer(uint64_t);
    void on_retention_timer(uint64_t);
    void on_alter_partition_timeout(uint64_t correlation_id);
    void on_produce_timeout(uint64_t id) { try_complete_produce(id, true); }
    void on_fetch_deadline(uint64_t id);
    void on_delayed_send(uint64_t id);

    // produce_handler.cc
    void try_complete_produces(const TopicPartition& tp);
    bool try_complete_produce(uint64_t id, bool timed_out);
    /// Parks a produce or marker write until its partitions are replicated (or answers).
    void park_produce(DelayedProduceState state, bool waits, int32_t timeout_ms);
    void send_produce_response(DelayedProduceState& state, uint64_t id);
    void send_after(sim::Duration delay, sim::NodeId to, sim::MessagePtr message);
    // fetch_handler.cc
    void update_follower_fetch_state(const protocol::FetchRequest& request);
    void read_partition(const Partition& p, const protocol::FetchPartition& fp,
                        const protocol::FetchRequest& request,
                        protocol::FetchablePartitionResponse& out, int64_t* count_bytes);
    std::shared_ptr<protocol::FetchResponse> read_fetch(const protocol::FetchRequest& request);
    /// One partition's answer. With `count_bytes`, only the error and the divergence are
    /// filled and the size of what it would read is added to *count_bytes (no records,
    /// no topic name copied); without, the whole answer with its records.
    protocol::FetchablePartitionResponse read_fetch_partition(
        const protocol::FetchRequest& request, const protocol::FetchPartition& fp,
        int64_t* count_bytes);
    /// Whether read_fetch would answer `request` now (an error, or min_bytes of data).
    bool fetch_ready(const protocol::FetchRequest& request, const TopicPartition& moved);
    void try_complete_fetches(const TopicPartition& tp);
    void on_high_watermark_moved(const TopicPartition& tp);

    sim::NodeEnv& env_;
    const config::BrokerConfig& config_;
    ReplicaManagerHost& host_;
    std::map<TopicPartition, std::unique_ptr<Partition>> partitions_;
    /// The same partitions by topic, then partition number (nullptr where absent): every
    /// request looks partitions up, and one hash and one topic comparison are much cheaper
    /// than the several (topic, partition) comparisons a walk down partitions_ costs.
    /// Only ever looked up, never iterated, so its order can't reach behaviour.
    std::unordered_map<std::string, std::vector<Partition*>> partitions_by_topic_;
    /// Logs found on the disk at start, waiting for metadata to claim them.
    std::map<TopicPartition, std::unique_ptr<log::PartitionLog>> recovered_logs_;
    std::map<TopicPartition, Offset> checkpointed_;
    FollowerFetcher fetcher_;

    std::map<uint64_t, DelayedProduceState> delayed_produces_;
    std::map<uint64_t, DelayedFetchState> delayed_fetches_;
    /// The parked produces and fetches waiting on each partition, ascending: ids only grow
    /// and are appended when parked, so a vector stays sorted without a node per id.
    std::map<TopicPartition, std::vector<uint64_t>> produce_watchers_;
    std::map<TopicPartition, std::vector<uint64_t>> fetch_watchers_;
    std::map<uint64_t, sim::MessagePtr> delayed_sends_;
    std::map<uint64_t, sim::NodeId> delayed_send_targets_;
    std::map<int32_t, PendingAlterState> pending_alters_;
    uint64_t next_id_ = 1;

    sim::TimerMember<ReplicaManager, &ReplicaManager::on_isr_expiry_timer> isr_expiry_timer_{*this};
    sim::TimerMember<ReplicaManager, &ReplicaManager::on_checkpoint_timer> checkpoint_timer_{*this};
    sim::TimerMember<ReplicaManager, &ReplicaManager::on_retention_timer> retention_timer_{*this};
    sim::TimerMember<ReplicaManager, &ReplicaManager::on_alter_partition_timeout>
        alter_partition_timer_{*this};
    sim::TimerMember<ReplicaManager, &ReplicaManager::on_produce_timeout> produce_timer_{*this};
    sim::TimerMember<ReplicaManager, &ReplicaManager::on_fetch_deadline> fetch_timer_{*this};
    /// A response held back for flush.ms or the fsync latency (payload: its id).
    sim::TimerMember<ReplicaManager, &ReplicaManager::on_delayed_send> delayed_send_timer_{*this};
};

}  // namespace core::broker
