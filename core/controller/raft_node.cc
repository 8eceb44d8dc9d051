// RaftNode: lifecycle, timers, elections (pre-vote and vote) and state transitions.
// Replication, commit and snapshots are in raft_replication.cc.

#include "core/controller/raft_node.h"

#include <algorithm>
#include <string>

#include "core/common/probes.h"
#include "core/controller/raft_log.h"
#include "core/controller/raft_messages.h"
#include "sim/assert.h"

namespace core::controller {
RaftNode::RaftNode(sim::NodeEnv& env, RaftConfig config, RaftStateMachine& state_machine)
    : env_(env),
      config_(std::move(config)),
      state_machine_(state_machine),
      log_(std::make_unique<RaftLog>(env.disk(), config_.directory)) {
    KS_ASSERT(!config_.voters.empty());
    KS_ASSERT(std::count(config_.voters.begin(), config_.voters.end(), env.self()) == 1);
    KS_ASSERT(config_.election_timeout_ms > 0);
    KS_ASSERT(config_.heartbeat_interval_ms > 0);
    std::sort(config_.voters.begin(), config_.voters.end());
}

RaftNode::~RaftNode() = default;

void RaftNode::on_start() {
    log_->recover();
    if (log_->snapshot_index() > 0) state_machine_.restore(log_->snapshot_data());
    commit_index_ = log_->snapshot_index();
    last_applied_ = log_->snapshot_index();
    durable_index_ = log_->last_index();  // every handler fsyncs what it wrote
    state_ = QuorumStateName::Unattached;
    env_.note("raft: started at epoch " + std::to_string(log_->epoch()) + ", log end " +
              std::to_string(log_->last_index()));
    restart_election_timer();
    notify_leader_change();
}

int64_t RaftNode::epoch() const { return log_->epoch(); }

int64_t RaftNode::last_index() const { return log_->last_index(); }

int64_t RaftNode::snapshot_index() const { return log_->snapshot_index(); }

bool RaftNode::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    const sim::Message* raw = message.get();
    log_->reset_sync_latency();
    const bool voter = std::binary_search(config_.voters.begin(), config_.voters.end(), from);
    if (const auto* vote = dynamic_cast<const VoteRequest*>(raw)) {
        if (!voter) return true;
        vote->pre_vote ? on_pre_vote_request(from, *vote) : on_vote_request(from, *vote);
    } else if (const auto* response = dynamic_cast<const VoteResponse*>(raw)) {
        if (voter) on_vote_response(from, *response);
    } else if (const auto* append = dynamic_cast<const AppendEntriesRequest*>(raw)) {
        if (voter) on_append_entries(from, *append);
    } else if (const auto* appended = dynamic_cast<const AppendEntriesResponse*>(raw)) {
        if (voter) on_append_entries_response(from, *appended);
    } else if (const auto* snapshot = dynamic_cast<const InstallSnapshotRequest*>(raw)) {
        if (voter) on_install_snapshot(from, *snapshot);
    } else {
        return false;
    }
    notify_leader_change();
    return true;
}

void RaftNode::on_timer(uint64_t payload) {
    log_->reset_sync_latency();
    switch (static_cast<RaftTimer>(payload)) {
        case RaftTimer::Election:
            election_timer_ = {};
            on_election_timeout();
            break;
        case RaftTimer::Heartbeat:
            heartbeat_timer_ = {};
            on_heartbeat();
            break;
        case RaftTimer::CheckQuorum:
            check_quorum_timer_ = {};
            on_check_quorum();
            break;
        case RaftTimer::Durable:
            durable_timer_ = {};
            on_durable();
            break;
        default:
            KS_UNREACHABLE();
    }
    notify_leader_change();
    state_machine_.after_timer();
}

void RaftNode::notify_leader_change() {
    if (notified_leader_ == leader_id_ && notified_epoch_ == epoch()) return;
    notified_leader_ = leader_id_;
    notified_epoch_ = epoch();
    state_machine_.on_leader_change(leader_id_, epoch());
}

void RaftNode::on_election_timeout() {
    switch (state_) {
        case QuorumStateName::Leader:
            return;  // a leader's election timer is cancelled; a late fire is harmless
        case QuorumStateName::Unattached:
        case QuorumStateName::Follower:
        case QuorumStateName::Prospective:
        case QuorumStateName::Candidate:
            hit(env_, Probe::RaftElectionTimeout);
            become_prospective();
            return;
    }
    KS_UNREACHABLE();
}

void RaftNode::on_heartbeat() {
    if (state_ != QuorumStateName::Leader) return;
    for (auto& [id, peer] : peers_) {
        // Resend whatever is unacknowledged: it may have been lost on a cut link.
        if (peer.match_index < log_->last_index()) peer.next_index = peer.match_index + 1;
        send_append(id, true);
    }
    heartbeat_timer_ = env_.start_timer(sim::from_ms(config_.heartbeat_interval_ms), *this,
                                        static_cast<uint64_t>(RaftTimer::Heartbeat));
}

void RaftNode::on_check_quorum() {
    if (state_ != QuorumStateName::Leader) return;
    const sim::Time since = env_.now() - sim::from_ms(config_.fetch_timeout_ms);
    size_t heard = 1;  // the leader itself
    for (const auto& [id, peer] : peers_) {
        if (peer.last_heard >= since) ++heard;
    }
    if (!majority(heard)) {
        hit(env_, Probe::RaftLeaderResignedNoMajority);
        env_.note("raft: resigning epoch " + std::to_string(epoch()) + ", heard from " +
                  std::to_string(heard));
        become_unattached(epoch());
        return;
    }
    check_quorum_timer_ = env_.start_timer(sim::from_ms(config_.fetch_timeout_ms), *this,
                                           static_cast<uint64_t>(RaftTimer::CheckQuorum));
}

void RaftNode::become_unattached(int64_t new_epoch) {
    KS_ASSERT(new_epoch >= epoch());
    if (new_epoch > epoch()) log_->persist_quorum_state(new_epoch, std::nullopt);
    cancel_leader_timers();
    state_ = QuorumStateName::Unattached;
    leader_id_.reset();
    heard_from_leader_ = false;
    votes_granted_.clear();
    restart_election_timer();
}

void RaftNode::become_follower(int64_t new_epoch, sim::NodeId leader) {
    KS_ASSERT(new_epoch >= epoch());
    KS_ASSERT(leader != env_.self());
    if (new_epoch > epoch()) {
        log_->persist_quorum_state(new_epoch, std::nullopt);
    } else {
        // Two leaders in one epoch would break Election Safety.
        KS_ASSERT(state_ != QuorumStateName::Leader);
    }
    cancel_leader_timers();
    if (leader_id_ != leader) {
        env_.note("raft: following " + std::to_string(leader) + " in epoch " +
                  std::to_string(new_epoch));
    }
    state_ = QuorumStateName::Follower;
    leader_id_ = leader;
    votes_granted_.clear();
}

void RaftNode::become_prospective() {
    cancel_leader_timers();
    state_ = QuorumStateName::Prospective;
    leader_id_.reset();
    heard_from_leader_ = false;
    prospective_epoch_ = epoch() + 1;
    votes_granted_ = {env_.self()};
    restart_election_timer();
    if (majority(votes_granted_.size())) {
        become_candidate();
        return;
    }
    request_votes(true, prospective_epoch_);
}

void RaftNode::become_candidate() {
    state_ = QuorumStateName::Candidate;
    leader_id_.reset();
    log_->persist_quorum_state(epoch() + 1, env_.self());
    votes_granted_ = {env_.self()};
    env_.note("raft: candidate for epoch " + std::to_string(epoch()));
    restart_election_timer();
    if (majority(votes_granted_.size())) {
        become_leader();
        return;
    }
    request_votes(false, epoch());
}

void RaftNode::request_votes(bool pre_vote, int64_t candidate_epoch) {
    for (sim::NodeId voter : config_.voters) {
        if (voter == env_.self()) continue;
        auto request = std::make_shared<VoteRequest>();
        request->candidate_epoch = candidate_epoch;
        request->candidate_id = env_.self();
        request->last_epoch = log_->last_epoch();
        request->last_index = log_->last_index();
        request->pre_vote = pre_vote;
        env_.send(voter, std::move(request));
    }
}

void RaftNode::become_leader() {
    KS_ASSERT(state_ == QuorumStateName::Candidate);
    KS_ASSERT(log_->voted_for() == env_.self());
    if (election_timer_) env_.cancel_timer(election_timer_);
    election_timer_ = {};
    state_ = QuorumStateName::Leader;
    leader_id_ = env_.self();
    votes_granted_.clear();
    peers_.clear();
    for (sim::NodeId voter : config_.voters) {
        if (voter == env_.self()) continue;
        Peer& peer = peers_[voter];
        peer.next_index = log_->last_index() + 1;
        peer.last_heard = env_.now();  // a grace period before the first check-quorum
    }
    env_.note("raft: leader of epoch " + std::to_string(epoch()));
    hit(env_, Probe::RaftBecameLeader);
    // Only a leader writes entries, so a non-empty log means an earlier leader existed.
    if (log_->last_index() > 0) hit(env_, Probe::ControllerLeaderChange);
    if (observer_ != nullptr) observer_->on_became_leader(env_.self(), epoch());
    // KRaft's LeaderChange record: an entry of this epoch that commits the earlier ones.
    RaftEntry entry;
    entry.epoch = epoch();
    entry.index = log_->last_index() + 1;
    entry.type = RaftRecordType::LeaderChange;
    entry.payload = "leader=" + std::to_string(env_.self());
    epoch_start_index_ = entry.index;
    log_->append(std::move(entry));
    log_->flush();
    mark_durable();
    on_heartbeat();
    check_quorum_timer_ = env_.start_timer(sim::from_ms(config_.fetch_timeout_ms), *this,
                                           static_cast<uint64_t>(RaftTimer::CheckQuorum));
    maybe_advance_commit();
}

bool RaftNode::log_up_to_date(int64_t last_epoch, int64_t last_index) const {
    if (last_epoch != log_->last_epoch()) return last_epoch > log_->last_epoch();
    return last_index >= log_->last_index();
}

void RaftNode::on_pre_vote_request(sim::NodeId from, const VoteRequest& request) {
    // Refuse while a leader is (or recently was) heard: the asker is the one cut off, and
    // a pre-vote it cannot win never raises the epoch, so it cannot depose that leader.
    const bool leader_alive =
        state_ == QuorumStateName::Leader ||
        (state_ == QuorumStateName::Follower && heard_from_leader_ &&
         env_.now() - last_leader_contact_ < sim::from_ms(config_.election_timeout_ms));
    const bool granted = !leader_alive && request.candidate_epoch > epoch() &&
                         log_up_to_date(request.last_epoch, request.last_index);
    if (leader_alive) hit(env_, Probe::RaftPreVoteRefusedLeaderAlive);
    auto response = std::make_shared<VoteResponse>();
    response->epoch = granted ? request.candidate_epoch : epoch();
    response->vote_granted = granted;
    response->pre_vote = true;
    respond(from, std::move(response));
}

void RaftNode::on_vote_request(sim::NodeId from, const VoteRequest& request) {
    if (request.candidate_epoch > epoch()) become_unattached(request.candidate_epoch);
    const bool free = !log_->voted_for() || *log_->voted_for() == request.candidate_id;
    const bool granted = request.candidate_epoch == epoch() && free &&
                         state_ != QuorumStateName::Leader &&
                         log_up_to_date(request.last_epoch, request.last_index);
    if (granted) {
        // Durable before the answer leaves: a voter must never vote twice in an epoch.
        if (!log_->voted_for()) log_->persist_quorum_state(epoch(), request.candidate_id);
        restart_election_timer();
    }
    auto response = std::make_shared<VoteResponse>();
    response->epoch = epoch();
    response->vote_granted = granted;
    response->pre_vote = false;
    respond(from, std::move(response));
}

void RaftNode::on_vote_response(sim::NodeId from, const VoteResponse& response) {
    if (response.pre_vote) {
        if (state_ != QuorumStateName::Prospective) return;
        if (!response.vote_granted) {
            if (response.epoch > epoch()) become_unattached(response.epoch);
            return;
        }
        if (response.epoch != prospective_epoch_) return;
        votes_granted_.insert(from);
        if (majority(votes_granted_.size())) become_candidate();
        return;
    }
    if (response.epoch > epoch()) {
        become_unattached(response.epoch);
        return;
    }
    if (state_ != QuorumStateName::Candidate || response.epoch != epoch()) return;
    if (!response.vote_granted) return;
    votes_granted_.insert(from);
    if (majority(votes_granted_.size())) become_leader();
}

void RaftNode::restart_election_timer() {
    if (election_timer_) env_.cancel_timer(election_timer_);
    const sim::Duration timeout = sim::from_ms(config_.election_timeout_ms);
    election_timer_ = env_.start_timer(env_.rng().between(timeout, 2 * timeout - 1), *this,
                                       static_cast<uint64_t>(RaftTimer::Election));
}

void RaftNode::cancel_leader_timers() {
    if (heartbeat_timer_) env_.cancel_timer(heartbeat_timer_);
    if (check_quorum_timer_) env_.cancel_timer(check_quorum_timer_);
    heartbeat_timer_ = {};
    check_quorum_timer_ = {};
    if (state_ == QuorumStateName::Leader) peers_.clear();
}

void RaftNode::respond(sim::NodeId to, sim::MessagePtr message) {
    // An answer may promise durability (a vote, an acknowledged entry): it leaves only
    // once the fsyncs of this handler have completed, in order with earlier answers.
    Deferred item;
    item.due = env_.now() + log_->sync_latency();
    item.to = to;
    item.message = std::move(message);
    defer(std::move(item));
}

void RaftNode::mark_durable() {
    Deferred item;
    item.due = env_.now() + log_->sync_latency();
    item.durable_index = log_->last_index();
    item.durable_epoch = log_->last_epoch();
    defer(std::move(item));
}

void RaftNode::defer(Deferred item) {
    if (!outbox_.empty()) item.due = std::max(item.due, outbox_.back().due);
    if (outbox_.empty() && item.due <= env_.now()) {
        deliver(item);
        return;
    }
    outbox_.push_back(std::move(item));
    if (!durable_timer_) {
        durable_timer_ = env_.start_timer(outbox_.front().due - env_.now(), *this,
                                          static_cast<uint64_t>(RaftTimer::Durable));
    }
}

void RaftNode::deliver(const Deferred& item) {
    if (item.message) {
        env_.send(item.to, item.message);
        return;
    }
    // The entries may have been truncated and rewritten since; they are then covered by a
    // later mark of their own.
    if (log_->epoch_at(item.durable_index) != item.durable_epoch) return;
    durable_index_ = std::max(durable_index_, item.durable_index);
    if (state_ == QuorumStateName::Leader) maybe_advance_commit();
}

void RaftNode::on_durable() {
    while (!outbox_.empty() && outbox_.front().due <= env_.now()) {
        const Deferred item = std::move(outbox_.front());
        outbox_.pop_front();
        deliver(item);
    }
    if (!outbox_.empty()) {
        durable_timer_ = env_.start_timer(outbox_.front().due - env_.now(), *this,
                                          static_cast<uint64_t>(RaftTimer::Durable));
    }
}

}  // namespace core::controller
