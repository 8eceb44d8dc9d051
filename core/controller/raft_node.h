#pragma once
// One voter of the controller quorum: KRaft-style Raft (epochs, randomized election
// timeouts, pre-vote, check-quorum resignation, commit by counting in the current epoch,
// snapshots) driving a RaftStateMachine over the metadata log. It runs inside the host's
// sim::Process and reaches the world only through sim::NodeEnv.
//
// Routing: the host passes every message to on_message(), which returns false for what is
// not Raft's; Raft's timers are aimed at the RaftNode itself (a sim::TimerTarget). A host:
//   on_start()            { raft_.on_start(); ... }
//   on_message(from, m)   { if (raft_.on_message(from, m)) return; ...its own messages... }
// The host is rebuilt at every restart; the new RaftNode recovers from the node's disk.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/node_env.h"

namespace core::controller {

class RaftLog;
struct RaftEntry;
struct VoteRequest;
struct VoteResponse;
struct AppendEntriesRequest;
struct AppendEntriesResponse;
struct InstallSnapshotRequest;

/// Raft's timers: the payload of a timer aimed at the RaftNode.
enum class RaftTimer : uint64_t {
    /// Follower/candidate: no leader heard for the election timeout.
    Election = 0,
    /// Leader: send AppendEntries to every follower.
    Heartbeat = 1,
    /// Leader: resign unless a majority answered within the fetch timeout.
    CheckQuorum = 2,
    /// Any node: answers held back until the fsync they depend on has completed.
    Durable = 3,
};

struct RaftConfig {
    /// controller.quorum.voters: the node ids of the voters (this node among them).
    std::vector<sim::NodeId> voters;
    /// controller.quorum.election.timeout.ms: a follower that hears nothing from a leader
    /// for a random time in [T, 2T) starts a (pre-)election; a candidate retries after
    /// another such time. Voters also refuse pre-votes within T of hearing the leader.
    int64_t election_timeout_ms = 1000;
    /// controller.quorum.fetch.timeout.ms: a leader that has not heard from a majority
    /// (itself included) within this long resigns (check-quorum).
    int64_t fetch_timeout_ms = 2000;
    /// How often the leader sends AppendEntries (empty = heartbeat) and resends
    /// unacknowledged entries.
    int64_t heartbeat_interval_ms = 100;
    /// Compact the log into a snapshot once this many applied entries follow the last one
    /// (KRaft: metadata.log.max.record.bytes.between.snapshots, counted in entries here).
    int64_t snapshot_threshold_entries = 1000;
    /// At most this many entries in one AppendEntries request.
    int64_t max_entries_per_request = 256;
    /// Directory of the log, quorum-state and snapshot files on the node's disk.
    std::string directory = "__cluster_metadata-0/";
};

/// The replicated state (the controller's metadata image). Called in index order.
class RaftStateMachine {
   public:
    virtual ~RaftStateMachine() = default;
    /// A committed Data entry. LeaderChange control records are not passed, so indices
    /// may skip. Never called twice for one index in one process lifetime.
    virtual void apply(int64_t index, const std::string& payload) = 0;
    /// The state after every entry applied so far.
    virtual std::string snapshot() const = 0;
    /// Replaces the state with one snapshot() produced (at start, or from the leader).
    virtual void restore(const std::string& data) = 0;
    /// The known leader or the epoch changed (KRaft's handleLeaderChange); nullopt while
    /// no leader is known. Called after the message or timer that caused it.
    virtual void on_leader_change(std::optional<sim::NodeId> leader, int64_t epoch) {
        (void)leader, (void)epoch;
    }
    /// One of Raft's timers ran (commits or leadership may have moved).
    virtual void after_timer() {}
};

/// One committed entry as a checker sees it.
struct CommittedEntry {
    int64_t index = 0;
    int64_t epoch = 0;
    uint64_t payload_hash = 0;  ///< sim::fnv1a64 of the payload
};

/// Hooks for checkers and tests; each defaults to nothing.
class RaftObserver {
   public:
    virtual ~RaftObserver() = default;
    virtual void on_became_leader(sim::NodeId node, int64_t epoch) { (void)node, (void)epoch; }
    /// Each entry this node learns is committed, in index order (entries it receives inside
    /// a snapshot are not reported one by one).
    virtual void on_committed(sim::NodeId node, const CommittedEntry& entry) {
        (void)node, (void)entry;
    }
    /// The node replaced its state with the leader's snapshot of entries 1..index; its
    /// next on_committed is index + 1.
    virtual void on_snapshot_installed(sim::NodeId node, int64_t index, int64_t epoch) {
        (void)node, (void)index, (void)epoch;
    }
};

/// KRaft's quorum states (Voted and Resigned fold into Unattached here).
enum class QuorumStateName { Unattached, Follower, Prospective, Candidate, Leader };

class RaftNode final : public sim::TimerTarget {
 public:
    RaftNode(sim::NodeEnv& env, RaftConfig config, RaftStateMachine& state_machine);
    ~RaftNode();
    RaftNode(const RaftNode&) = delete;
    RaftNode& operator=(const RaftNode&) = delete;

    /// Optional; `observer` must outlive this node.
    void set_observer(RaftObserver* observer) { observer_ = observer; }

    /// Recovers from the disk (restoring the snapshot into the state machine) and arms
    /// the election timer. Call once, from the host's Process::on_start().
    void on_start();
    /// True when `message` was a Raft message (handled here).
    bool on_message(sim::NodeId from, const sim::MessagePtr& message);
    /// One of Raft's timers (payload: a RaftTimer) fired.
    void on_timer(uint64_t payload) override;

    bool is_leader() const { return state_ == QuorumStateName::Leader; }
    /// Leader whose own LeaderChange record is committed, so every entry committed before
    /// this epoch has been applied: only then may the controller act on its state.
    bool is_leader_ready() const { return is_leader() && commit_index_ >= epoch_start_index_; }
    QuorumStateName state() const { return state_; }
    int64_t epoch() const;
    std::optional<sim::NodeId> leader() const { return leader_id_; }
    /// Leader only: appends `payload` and returns its index; nullopt when not the leader.
    /// The entry is fsynced here and counts for this node once the fsync latency passed;
    /// it is committed (and applied) when commit_index() reaches the index, or lost if
    /// this leader is deposed first: the caller learns which from apply().
    std::optional<int64_t> propose(std::string payload);
    int64_t commit_index() const { return commit_index_; }
    int64_t last_index() const;
    /// The committed entries still in the log (after the snapshot), in index order.
    std::vector<CommittedEntry> committed_prefix() const;
    /// Index of the last entry the snapshot covers (the compacted committed prefix).
    int64_t snapshot_index() const;

   private:
    /// An answer waiting for an fsync, or (message == nullptr) the moment the log up to
    /// (durable_index, durable_epoch) becomes durable.
    struct Deferred {
        sim::Time due = 0;
        sim::NodeId to = sim::kNoNode;
        sim::MessagePtr message;
        int64_t durable_index = 0;
        int64_t durable_epoch = 0;
    };
    struct Peer {
        int64_t next_index = 1;
        int64_t match_index = 0;
        sim::Time last_heard = 0;  // last response in this epoch (check-quorum)
        int64_t snapshot_sent_index = 0;  // the snapshot last sent (0: none)
        sim::Time snapshot_sent_at = 0;
    };

    // Messages.
    void on_vote_request(sim::NodeId from, const VoteRequest& request);
    void on_pre_vote_request(sim::NodeId from, const VoteRequest& request);
    void on_vote_response(sim::NodeId from, const VoteResponse& response);
    void on_append_entries(sim::NodeId from, const AppendEntriesRequest& request);
    void on_append_entries_response(sim::NodeId from, const AppendEntriesResponse& response);
    void on_install_snapshot(sim::NodeId from, const InstallSnapshotRequest& request);

    // Timers.
    void on_election_timeout();
    void on_heartbeat();
    void on_check_quorum();

    // Transitions.
    void become_unattached(int64_t epoch);
    void become_follower(int64_t epoch, sim::NodeId leader);
    void become_prospective();
    void become_candidate();
    void become_leader();
    void request_votes(bool pre_vote, int64_t candidate_epoch);

    // Leader duties.
    void send_append(sim::NodeId peer, bool heartbeat = false);
    void send_snapshot(sim::NodeId peer, bool heartbeat);
    void maybe_advance_commit();

    // Helpers.
    bool accept_leader(int64_t epoch, sim::NodeId leader);
    int64_t append_from_leader(const AppendEntriesRequest& request);
    int64_t conflict_hint(int64_t prev_index) const;
    void reply_append(sim::NodeId to, bool success, int64_t match_index);
    void apply_committed();
    void maybe_snapshot();
    bool log_up_to_date(int64_t last_epoch, int64_t last_index) const;
    bool majority(size_t count) const { return count * 2 > config_.voters.size(); }
    void notify_leader_change();
    void respond(sim::NodeId to, sim::MessagePtr message);
    void mark_durable();
    void defer(Deferred item);
    void deliver(const Deferred& item);
    void on_durable();
    void restart_election_timer();
    void cancel_leader_timers();

    sim::NodeEnv& env_;
    RaftConfig config_;
    RaftStateMachine& state_machine_;
    RaftObserver* observer_ = nullptr;
    std::unique_ptr<RaftLog> log_;

    QuorumStateName state_ = QuorumStateName::Unattached;
    std::optional<sim::NodeId> leader_id_;
    sim::Time last_leader_contact_ = 0;
    bool heard_from_leader_ = false;
    std::set<sim::NodeId> votes_granted_;
    int64_t prospective_epoch_ = 0;  // the epoch a pre-vote asks for
    std::map<sim::NodeId, Peer> peers_;  // leader only

    int64_t commit_index_ = 0;
    int64_t last_applied_ = 0;
    int64_t epoch_start_index_ = 0;
    int64_t durable_index_ = 0;  // the log is durable up to here (its fsync waited out)
    std::deque<Deferred> outbox_;
    sim::TimerId durable_timer_;  // the current epoch's LeaderChange record (leader)
    std::optional<sim::NodeId> notified_leader_;
    int64_t notified_epoch_ = -1;

    sim::TimerId election_timer_;
    sim::TimerId heartbeat_timer_;
    sim::TimerId check_quorum_timer_;
};

}  // namespace core::controller
