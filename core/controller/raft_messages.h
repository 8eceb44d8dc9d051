#pragma once
// The messages of the controller quorum's Raft: (pre-)votes, AppendEntries replication
// and snapshot installation, as immutable sim::Messages with stable digests.
//
// Replication is Raft's push model (the leader sends AppendEntries; empty ones are the
// heartbeat), not KRaft's pull model (followers Fetch): push keeps the leader the only
// node that decides what to send, which makes the safety argument the textbook one. The
// KRaft parts kept are its names where they exist (epoch for term, the Vote API with
// KIP-996's pre-vote flag, the LeaderChange control record, check-quorum resignation).

#include <cstdint>
#include <string>
#include <vector>

#include "sim/message.h"

namespace core::controller {

/// What an entry of the metadata log holds. KRaft writes a LeaderChange control record
/// at the start of every epoch; it is what lets a new leader commit (Raft §5.4.2) and is
/// never handed to the state machine.
enum class RaftRecordType : uint8_t { Data = 0, LeaderChange = 1 };

/// One entry of the replicated metadata log. Indices start at 1; 0 means "before the log".
struct RaftEntry {
    int64_t epoch = 0;
    int64_t index = 0;
    RaftRecordType type = RaftRecordType::Data;
    std::string payload;

    bool operator==(const RaftEntry&) const = default;
};

/// Vote request. With `pre_vote` set (KIP-996) it asks "would you vote for me in
/// `candidate_epoch`?" without changing anyone's epoch, so a node that cannot win (it
/// was partitioned, or the leader is healthy) never bumps the quorum's epoch.
struct VoteRequest final : sim::Message {
    int64_t candidate_epoch = 0;
    sim::NodeId candidate_id = sim::kNoNode;
    int64_t last_epoch = 0;  ///< epoch of the candidate's last log entry
    int64_t last_index = 0;  ///< index of the candidate's last log entry
    bool pre_vote = false;

    const char* name() const override { return pre_vote ? "PreVote" : "Vote"; }
    uint64_t digest() const override;
};

struct VoteResponse final : sim::Message {
    int64_t epoch = 0;  ///< the voter's epoch (for a granted pre-vote: the asked epoch)
    bool vote_granted = false;
    bool pre_vote = false;

    const char* name() const override { return pre_vote ? "PreVoteResponse" : "VoteResponse"; }
    uint64_t digest() const override;
};

/// Leader to follower: entries after (prev_index, prev_epoch); empty = heartbeat.
struct AppendEntriesRequest final : sim::Message {
    int64_t epoch = 0;
    sim::NodeId leader_id = sim::kNoNode;
    int64_t prev_index = 0;
    int64_t prev_epoch = 0;
    std::vector<RaftEntry> entries;
    int64_t leader_commit = 0;

    const char* name() const override { return "AppendEntries"; }
    uint64_t digest() const override;
    uint32_t size_bytes() const override;
};

/// Follower to leader. On success `match_index` is the last index known to equal the
/// leader's log; on failure it is the follower's hint of where to retry from (the leader
/// resends from match_index + 1).
struct AppendEntriesResponse final : sim::Message {
    int64_t epoch = 0;
    bool success = false;
    int64_t match_index = 0;

    const char* name() const override { return "AppendEntriesResponse"; }
    uint64_t digest() const override;
};

/// Leader to a follower that needs entries the leader already compacted away: the whole
/// snapshot in one message (KRaft's FetchSnapshot sends chunks; one chunk is enough here).
/// The follower answers with an AppendEntriesResponse whose match_index = last_index.
struct InstallSnapshotRequest final : sim::Message {
    int64_t epoch = 0;
    sim::NodeId leader_id = sim::kNoNode;
    int64_t last_index = 0;  ///< the snapshot covers entries 1..last_index
    int64_t last_epoch = 0;
    std::string data;

    const char* name() const override { return "InstallSnapshot"; }
    uint64_t digest() const override;
    uint32_t size_bytes() const override;
};

}  // namespace core::controller
