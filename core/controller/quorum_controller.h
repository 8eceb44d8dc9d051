#pragma once
// The KRaft controller (Kafka's QuorumController with its ClusterControlManager and
// ReplicationControlManager): it turns every request that changes the cluster into
// metadata records, appends them to the MetadataLog and answers once they commit.
//
// Two images: `committed_` holds only committed records (what brokers can see);
// `speculative_` adds this leader's appended-but-uncommitted records, so a second request
// is validated against the first (two CreateTopics of one name). Losing leadership drops
// the speculative state. Sessions (BrokerRegistry) live only on the active controller.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/controller/broker_registry.h"
#include "core/controller/controller_options.h"
#include "core/controller/leader_election.h"
#include "core/controller/metadata_image.h"
#include "core/controller/metadata_log.h"
#include "core/protocol/admin.h"
#include "core/protocol/allocate_producer_ids.h"
#include "core/protocol/alter_partition.h"
#include "core/protocol/broker_lifecycle.h"
#include "core/protocol/metadata_fetch.h"
#include "sim/node_env.h"

namespace core::controller {

class QuorumController : public MetadataLogListener {
 public:
    QuorumController(sim::NodeEnv& env, ControllerOptions options, MetadataLog& log);

    /// Starts the metadata log (which replays committed records) and the session checks.
    void start();
    /// Handles a controller request; false when `message` is not one.
    bool on_message(sim::NodeId from, const sim::MessagePtr& message);

    bool is_active() const { return log_.is_leader(); }
    const MetadataImage& image() const { return committed_; }

    // MetadataLogListener
    void on_committed(const std::vector<protocol::MetadataLogEntry>& entries) override;
    void on_snapshot(const std::vector<protocol::MetadataRecord>& records,
                     int64_t end_offset) override;
    void on_become_leader(int32_t epoch) override;
    void on_resign() override;

 private:
    using Completion = std::function<void(bool committed)>;

    void handle_registration(sim::NodeId from, const protocol::BrokerRegistrationRequest& r);
    void handle_heartbeat(sim::NodeId from, const protocol::BrokerHeartbeatRequest& r);
    void handle_metadata_fetch(sim::NodeId from,
                               std::shared_ptr<const protocol::MetadataFetchRequest> r);
    void handle_create_topics(sim::NodeId from, const protocol::CreateTopicsRequest& r);
    void handle_delete_topics(sim::NodeId from, const protocol::DeleteTopicsRequest& r);
    void handle_alter_partition(sim::NodeId from, const protocol::AlterPartitionRequest& r);
    void handle_allocate_producer_ids(sim::NodeId from,
                                      const protocol::AllocateProducerIdsRequest& r);
    void reject_not_controller(sim::NodeId from, const protocol::KafkaMessage& request);

    /// Appends `records`, applies them to the speculative image and calls `done` once
    /// they commit (true) or leadership is lost first (false).
    void append(std::vector<protocol::MetadataRecord> records, Completion done);
    /// Calls `done(true)` once everything appended so far has committed.
    void after_pending(Completion done);

    protocol::CreatableTopicResult create_topic(const protocol::CreatableTopic& topic,
                                                bool validate_only);
    std::vector<protocol::MetadataRecord> fence_records(int32_t broker_id);
    std::vector<protocol::MetadataRecord> unfence_records(int32_t broker_id);
    bool unclean_enabled(const std::string& topic) const;
    void check_sessions();

    void answer_fetch(sim::NodeId from, const protocol::MetadataFetchRequest& r);
    void answer_parked_fetches();
    void answer_snapshot(sim::NodeId from, const protocol::MetadataFetchRequest& r);

    sim::NodeEnv& env_;
    ControllerOptions options_;
    MetadataLog& log_;
    MetadataImage committed_;
    MetadataImage speculative_;
    BrokerRegistry registry_;
    /// Committed entries, in offset order: what MetadataFetch serves.
    std::vector<protocol::MetadataLogEntry> entries_;
    /// entries_ are complete from this offset; a broker behind it gets a snapshot.
    int64_t log_start_offset_ = 0;
    /// Broker → offset of its latest RegisterBrokerRecord (unfencing waits for the broker
    /// to have applied it).
    std::map<int32_t, int64_t> registration_offsets_;
    /// Offset → completions waiting for it to commit.
    std::multimap<int64_t, Completion> waiting_;
    int64_t last_appended_offset_ = -1;

    struct ParkedFetch {
        sim::NodeId from = sim::kNoNode;
        std::shared_ptr<const protocol::MetadataFetchRequest> request;
        sim::TimerId timer;
    };
    std::map<uint64_t, ParkedFetch> parked_fetches_;
    uint64_t next_fetch_id_ = 1;
    sim::TimerId session_timer_;

    /// The periodic broker-session check; a parked MetadataFetch's deadline (payload: its id).
    void on_session_check_timer(uint64_t);
    void on_fetch_deadline(uint64_t id);
    sim::TimerMember<QuorumController, &QuorumController::on_session_check_timer>
        session_check_timer_{*this};
    sim::TimerMember<QuorumController, &QuorumController::on_fetch_deadline> fetch_timer_{*this};
};

}  // namespace core::controller
