#pragma once
// The seam between the QuorumController and whatever makes metadata records durable and
// agreed: a single-node log committing after fsync (LocalMetadataLog), or the Raft
// quorum (the "raft" helper's RaftNode implements this same interface).
//
// Contract:
// - The controller calls append() only while is_leader(); the log gives the records
//   consecutive offsets (one batch, committed atomically) and returns the last offset,
//   or nullopt when this node is not (or no longer) the leader.
// - Committed entries reach the listener through on_committed, in offset order, each
//   exactly once per process lifetime; after a restart the log replays its committed
//   entries from the start (or from a snapshot) before anything else.
// - on_become_leader(epoch) comes after every entry of earlier epochs was delivered, so
//   the controller's committed image is complete when it starts deciding; on_resign()
//   comes when leadership is lost: uncommitted appends may then be lost or committed later
//   (they arrive through on_committed if they do).
// - The log owns its timers (aimed at itself) and messages: the hosting Process forwards
//   those to on_message.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/protocol/metadata_fetch.h"
#include "sim/message.h"

namespace core::controller {

class MetadataLogListener {
 public:
    virtual ~MetadataLogListener() = default;
    virtual void on_committed(const std::vector<protocol::MetadataLogEntry>& entries) = 0;
    /// The log replaced the state with a snapshot: `records` rebuild the whole image, and
    /// the next committed entry comes after `end_offset` (exclusive end of the snapshot).
    virtual void on_snapshot(const std::vector<protocol::MetadataRecord>& records,
                             int64_t end_offset) = 0;
    virtual void on_become_leader(int32_t epoch) = 0;
    virtual void on_resign() = 0;
};

class MetadataLog {
 public:
    virtual ~MetadataLog() = default;
    /// REQUIRES: called once, before start().
    virtual void set_listener(MetadataLogListener* listener) = 0;
    /// Recovers from the disk and starts (elections, timers). Called from on_start.
    virtual void start() = 0;

    virtual std::optional<int64_t> append(std::vector<protocol::MetadataRecord> records) = 0;

    virtual bool is_leader() const = 0;
    /// The node id of the current leader, -1 when unknown.
    virtual int32_t leader_id() const = 0;
    /// Entries below this offset are committed.
    virtual int64_t committed_end_offset() const = 0;

    /// Returns false when `message` is not one of the log's own messages.
    virtual bool on_message(sim::NodeId from, const sim::MessagePtr& message) = 0;
    virtual void on_disconnected(sim::NodeId peer) { (void)peer; }
};

}  // namespace core::controller
