#pragma once
// The transaction coordinator a broker hosts (Kafka's TransactionCoordinator with its
// TransactionStateManager and TransactionMarkerChannelManager): for the
// __transaction_state partitions this broker leads, it owns the transactional ids hashed
// there — InitProducerId bumping the producer epoch (fencing the previous holder, whose
// open transaction it aborts), AddPartitionsToTxn, EndTxn — appends each transition to
// the partition with acks=all before acting on it, writes the COMMIT/ABORT markers with
// WriteTxnMarkers to every partition of a decided transaction, aborts transactions open
// longer than their transaction.timeout.ms, and reloads everything (resuming the marker
// writes of decided transactions) when leadership of a partition moves here.
//
// The broker feeds it: transaction requests (handle_request), the answers to its own
// appends and marker writes, metadata changes (on_metadata_update) and its timers.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/config/broker_config.h"
#include "core/coordinator/coordinator_runtime.h"
#include "core/protocol/group.h"
#include "core/protocol/init_producer_id.h"
#include "core/protocol/produce.h"
#include "core/protocol/transactions.h"
#include "core/protocol/txn_offsets.h"
#include "core/protocol/write_txn_markers.h"
#include "core/transaction/transaction_metadata.h"
#include "sim/node_env.h"

namespace core::broker {
class ReplicaManager;
class ReplicaManagerHost;
}  // namespace core::broker

namespace core::transaction {

/// Kafka's ProducerIdManager: hands out cluster-unique producer ids (the broker's block
/// from the controller); `then` runs once one is available.
class ProducerIdManager {
   public:
    virtual ~ProducerIdManager() = default;
    virtual void generate_producer_id(std::function<void(int64_t producer_id)> then) = 0;
};

/// Correlation ids of the coordinator's own requests (appends, marker writes) start here,
/// so the broker routes their answers to it rather than to the group coordinator.
constexpr int32_t kTransactionCorrelationBase = 1 << 29;
constexpr int32_t kTransactionCorrelationEnd = 1 << 30;

class TransactionCoordinator final : private coordinator::CoordinatorShard {
   public:
    TransactionCoordinator(sim::NodeEnv& env, const config::BrokerConfig& config,
                           broker::ReplicaManager& replica_manager,
                           broker::ReplicaManagerHost& host, ProducerIdManager& producer_ids);
    ~TransactionCoordinator() override;

    /// True when `message` is for the transaction coordinator (then it is answered, now or
    /// later): FindCoordinator with key_type 1, InitProducerId with a transactional id,
    /// AddPartitionsToTxn, EndTxn.
    bool handle_request(sim::NodeId from, const sim::MessagePtr& message);
    /// Answers to our own requests; false when the message is not one.
    bool handle_response(const sim::MessagePtr& message);
    void on_metadata_update();
    /// TimerComponent::Transaction timers.
    void on_timer(uint64_t tag);

    /// For tests: the transactional id's state when this broker coordinates it.
    const TransactionMetadata* transaction(const std::string& transactional_id) const;

   private:
    struct HeldReply {
        sim::NodeId node = sim::kNoNode;
        int32_t correlation_id = 0;
        /// Answer as AddOffsetsToTxn (the group's offsets partition) rather than
        /// AddPartitionsToTxn.
        bool add_offsets = false;
    };
    /// What to do once a transition is durable in __transaction_state.
    enum class AppendKind { InitProducerId, AddPartitions, EndTxn, Abort, Complete };
    struct PendingAppend {
        AppendKind kind = AppendKind::InitProducerId;
        TransactionMetadata target;
        HeldReply reply;
        std::vector<TopicPartition> partitions;  ///< AddPartitions: the request's
    };
    struct Entry {
        TransactionMetadata metadata;
        /// A transition of this id is being appended (Kafka's pendingState).
        bool pending = false;
    };
    /// A decided transaction's markers still to write (Kafka's TxnMarkerEntry).
    struct MarkerWork {
        TransactionMetadata metadata;
        int32_t coordinator_epoch = 0;
        std::set<TopicPartition> remaining;
        /// Partitions with a WriteTxnMarkers request in flight, and when it was sent.
        std::map<TopicPartition, sim::Time> in_flight;
    };

    // transaction_coordinator.cc: the client requests.
    void handle_init_producer_id(sim::NodeId from, const protocol::InitProducerIdRequest& r);
    void init_existing(Entry& entry, const protocol::InitProducerIdRequest& r, HeldReply reply);
    void handle_add_partitions(sim::NodeId from, const protocol::AddPartitionsToTxnRequest& r,
                               bool add_offsets = false);
    void handle_add_offsets(sim::NodeId from, const protocol::AddOffsetsToTxnRequest& r);
    void handle_end_txn(sim::NodeId from, const protocol::EndTxnRequest& r);
    protocol::Error end_txn_error(const Entry* entry, const protocol::EndTxnRequest& r) const;
    void reply_init(HeldReply to, protocol::Error error, const TransactionMetadata* m);
    void reply_add_partitions(HeldReply to, const std::vector<TopicPartition>& partitions,
                              protocol::Error error);
    void reply_end_txn(HeldReply to, protocol::Error error);
    /// NONE when this broker serves `transactional_id`, else NOT_COORDINATOR or
    /// COORDINATOR_LOAD_IN_PROGRESS.
    protocol::Error coordinator_error(const std::string& transactional_id) const {
        return runtime_.coordinator_error(transactional_id);
    }
    int32_t partition_of(const std::string& transactional_id) const;

    // transaction_state.cc: appends, their answers, loading, resigning, timeouts.
    void append(PendingAppend pending);
    void on_append_response(const protocol::ProduceResponse& response);
    void complete_append(const PendingAppend& pending, protocol::Error error);
    /// Ongoing -> PrepareCommit/PrepareAbort, as EndTxn, a timeout or a fence decides.
    void prepare_end(Entry& entry, bool commit, bool bump_epoch, HeldReply reply);
    // CoordinatorShard: following __transaction_state leadership.
    void schedule_load(int32_t partition, sim::Duration delay) override;
    void load_partition(int32_t partition, const log::PartitionLog& log) override;
    void resign_partition(int32_t partition) override;
    int32_t next_correlation_id(protocol::ApiKey api) override;
    void abort_timed_out_transactions();

    // transaction_markers.cc: WriteTxnMarkers for decided transactions.
    void add_txn_markers_to_send(const TransactionMetadata& metadata);
    void send_markers();
    void on_write_txn_markers_response(const protocol::WriteTxnMarkersResponse& response);
    void complete_markers(const std::string& transactional_id);

    sim::NodeEnv& env_;
    const config::BrokerConfig& config_;
    broker::ReplicaManager& replica_manager_;
    broker::ReplicaManagerHost& host_;
    ProducerIdManager& producer_ids_;
    std::map<std::string, Entry> transactions_;
    std::map<int32_t, PendingAppend> pending_appends_;
    std::map<std::string, MarkerWork> markers_;
    /// WriteTxnMarkers in flight: correlation id -> transactional ids it carries.
    std::map<int32_t, std::vector<std::string>> marker_requests_;
    int32_t next_correlation_id_ = kTransactionCorrelationBase;
    bool ticking_ = false;
    coordinator::CoordinatorRuntime runtime_;
};

}  // namespace core::transaction
