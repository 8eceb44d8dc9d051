#pragma once
// The metadata log on the controller quorum: a MetadataLog over the "raft" helper's
// RaftNode. A batch of records is one Raft entry; record offsets are index * 2^20 + i,
// increasing and unique though not dense (LeaderChange entries take indices too). The
// controller becomes active only once Raft says the leader is ready (its LeaderChange
// entry committed, so every earlier entry was applied).

#include <functional>
#include <memory>
#include <vector>

#include "core/controller/metadata_image.h"
#include "core/controller/metadata_log.h"
#include "core/controller/raft_node.h"
#include "sim/node_env.h"

namespace core::controller {

class RaftMetadataLog : public MetadataLog, public RaftStateMachine {
 public:
    /// Records of one entry: offsets index * kRecordsPerEntry + position.
    static constexpr int64_t kRecordsPerEntry = int64_t{1} << 20;

    RaftMetadataLog(sim::NodeEnv& env, RaftConfig config);
    ~RaftMetadataLog() override;

    // MetadataLog
    void set_listener(MetadataLogListener* listener) override { listener_ = listener; }
    void start() override;
    std::optional<int64_t> append(std::vector<protocol::MetadataRecord> records) override;
    bool is_leader() const override { return active_; }
    int32_t leader_id() const override;
    int64_t committed_end_offset() const override { return committed_end_offset_; }
    bool on_message(sim::NodeId from, const sim::MessagePtr& message) override;

    // RaftStateMachine
    void apply(int64_t index, const std::string& payload) override;
    std::string snapshot() const override;
    void restore(const std::string& data) override;
    void after_timer() override { sync_leadership(); }

    RaftNode& raft() { return *raft_; }

 private:
    /// Tells the listener about leadership changes once Raft has finished its event.
    void sync_leadership();
    /// Leader whose first entry of its epoch (the LeaderChange record) is committed, so
    /// every entry of earlier epochs has been applied.
    bool leader_ready();

    sim::NodeEnv& env_;
    std::unique_ptr<RaftNode> raft_;
    MetadataLogListener* listener_ = nullptr;
    /// The applied image, kept only to write snapshots.
    MetadataImage image_;
    int64_t committed_end_offset_ = 0;
    bool active_ = false;
    int64_t leader_epoch_ = -1;
    int64_t leader_epoch_start_index_ = -1;
};

/// A ControllerNodeOptions::log_factory for a quorum of `voters` (controller.quorum.voters).
std::function<std::unique_ptr<MetadataLog>(sim::NodeEnv&)> raft_metadata_log_factory(
    std::vector<sim::NodeId> voters);

}  // namespace core::controller
