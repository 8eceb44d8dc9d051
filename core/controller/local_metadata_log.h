#pragma once
// A single-node MetadataLog: this node is always the leader; appended records go to a
// file on the node's disk, are fsynced, and commit once the fsync latency has passed.
// Used by a lone controller (and by tests); the Raft quorum replaces it for 3/5/7.

#include <deque>
#include <string>

#include "core/controller/metadata_log.h"
#include "sim/node_env.h"

namespace core::controller {

class LocalMetadataLog : public MetadataLog {
 public:
    explicit LocalMetadataLog(sim::NodeEnv& env, std::string file = "__cluster_metadata-0/log");

    void set_listener(MetadataLogListener* listener) override { listener_ = listener; }
    void start() override;
    std::optional<int64_t> append(std::vector<protocol::MetadataRecord> records) override;
    bool is_leader() const override { return started_; }
    int32_t leader_id() const override;
    int64_t committed_end_offset() const override { return committed_end_offset_; }
    bool on_message(sim::NodeId, const sim::MessagePtr&) override { return false; }

 private:
    /// The fsync of everything below `end_offset` (the payload) has completed.
    void on_fsync_done(uint64_t end_offset);

    sim::NodeEnv& env_;
    sim::TimerMember<LocalMetadataLog, &LocalMetadataLog::on_fsync_done> fsync_timer_{*this};
    std::string file_;
    MetadataLogListener* listener_ = nullptr;
    bool started_ = false;
    int64_t next_offset_ = 0;
    int64_t committed_end_offset_ = 0;
    /// Appended, fsynced, waiting for the fsync latency to pass.
    std::deque<protocol::MetadataLogEntry> pending_;
};

}  // namespace core::controller
