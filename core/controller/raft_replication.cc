// RaftNode: log replication (AppendEntries, InstallSnapshot), the commit rule, applying
// committed entries and compacting the log into snapshots. Elections are in raft_node.cc.

#include <algorithm>
#include <string>

#include "core/common/probes.h"
#include "core/controller/raft_log.h"
#include "core/controller/raft_messages.h"
#include "core/controller/raft_node.h"
#include "sim/assert.h"
#include "sim/rng.h"

namespace core::controller {

std::optional<int64_t> RaftNode::propose(std::string payload) {
    if (state_ != QuorumStateName::Leader) return std::nullopt;
    RaftEntry entry;
    entry.epoch = epoch();
    entry.index = log_->last_index() + 1;
    entry.type = RaftRecordType::Data;
    entry.payload = std::move(payload);
    const int64_t index = entry.index;
    log_->append(std::move(entry));
    // The leader counts itself toward the majority only once its copy is durable.
    log_->flush();
    mark_durable();
    for (auto& [id, peer] : peers_) {
        // Only peers already caught up get the new entry now; the rest are mid-transfer
        // and get it in order from their next_index.
        if (peer.next_index == index) send_append(id);
    }
    maybe_advance_commit();
    return index;
}

void RaftNode::send_append(sim::NodeId to, bool heartbeat) {
    Peer& peer = peers_.at(to);
    if (peer.next_index <= log_->snapshot_index()) {
        send_snapshot(to, heartbeat);
        return;
    }
    auto request = std::make_shared<AppendEntriesRequest>();
    request->epoch = epoch();
    request->leader_id = env_.self();
    request->prev_index = peer.next_index - 1;
    request->prev_epoch = *log_->epoch_at(request->prev_index);
    request->entries =
        log_->entries_from(peer.next_index, static_cast<size_t>(config_.max_entries_per_request));
    request->leader_commit = commit_index_;
    // Optimistic pipelining: FIFO links keep order; a loss shows as a rejection or a
    // missing ack, and the heartbeat then resends from match_index + 1.
    peer.next_index += static_cast<int64_t>(request->entries.size());
    env_.send(to, std::move(request));
}

void RaftNode::send_snapshot(sim::NodeId to, bool heartbeat) {
    Peer& peer = peers_.at(to);
    // A snapshot is big: send each one once per fetch timeout, not on every heartbeat or
    // rejection. Meanwhile heartbeats (prev = the snapshot) keep the follower from
    // starting elections; its rejections trigger nothing.
    const bool in_flight = peer.snapshot_sent_index == log_->snapshot_index() &&
                           env_.now() - peer.snapshot_sent_at <
                               sim::from_ms(config_.fetch_timeout_ms);
    if (in_flight) {
        if (!heartbeat) return;
        auto request = std::make_shared<AppendEntriesRequest>();
        request->epoch = epoch();
        request->leader_id = env_.self();
        request->prev_index = log_->snapshot_index();
        request->prev_epoch = log_->snapshot_epoch();
        request->leader_commit = commit_index_;
        env_.send(to, std::move(request));
        return;
    }
    peer.snapshot_sent_index = log_->snapshot_index();
    peer.snapshot_sent_at = env_.now();
    auto request = std::make_shared<InstallSnapshotRequest>();
    request->epoch = epoch();
    request->leader_id = env_.self();
    request->last_index = log_->snapshot_index();
    request->last_epoch = log_->snapshot_epoch();
    request->data = log_->snapshot_data();
    hit(env_, Probe::RaftSnapshotSent);
    env_.send(to, std::move(request));
}

void RaftNode::on_append_entries_response(sim::NodeId from,
                                          const AppendEntriesResponse& response) {
    if (response.epoch > epoch()) {
        become_unattached(response.epoch);
        return;
    }
    if (state_ != QuorumStateName::Leader || response.epoch < epoch()) return;
    Peer& peer = peers_.at(from);
    peer.last_heard = env_.now();
    if (response.success) {
        KS_ASSERT(response.match_index <= log_->last_index());
        peer.match_index = std::max(peer.match_index, response.match_index);
        peer.next_index = std::max(peer.next_index, peer.match_index + 1);
        maybe_advance_commit();
        if (peer.next_index <= log_->last_index()) send_append(from);
        return;
    }
    peer.next_index =
        std::max(peer.match_index + 1, std::min(peer.next_index, response.match_index + 1));
    send_append(from);
}

void RaftNode::maybe_advance_commit() {
    KS_ASSERT(state_ == QuorumStateName::Leader);
    KS_ASSERT(!log_->dirty());
    for (int64_t index = log_->last_index(); index > commit_index_; --index) {
        // Raft §5.4.2: count replicas only for entries of the current epoch; earlier
        // entries commit indirectly. Epochs only fall going back, so stop at the first.
        if (*log_->epoch_at(index) != epoch()) break;
        size_t replicas = durable_index_ >= index ? 1 : 0;
        for (const auto& [id, peer] : peers_) {
            if (peer.match_index >= index) ++replicas;
        }
        if (majority(replicas)) {
            commit_index_ = index;
            apply_committed();
            return;
        }
    }
}

bool RaftNode::accept_leader(int64_t request_epoch, sim::NodeId leader) {
    if (request_epoch < epoch()) return false;
    become_follower(request_epoch, leader);
    last_leader_contact_ = env_.now();
    heard_from_leader_ = true;
    restart_election_timer();
    return true;
}

void RaftNode::on_append_entries(sim::NodeId from, const AppendEntriesRequest& request) {
    KS_ASSERT(request.leader_id == from);
    if (!accept_leader(request.epoch, from)) {
        reply_append(from, false, 0);
        return;
    }
    if (request.prev_index >= log_->snapshot_index()) {
        const std::optional<int64_t> ours = log_->epoch_at(request.prev_index);
        if (!ours) {
            reply_append(from, false, log_->last_index());
            return;
        }
        if (*ours != request.prev_epoch) {
            hit(env_, Probe::RaftFollowerLogDiverged);
            reply_append(from, false, conflict_hint(request.prev_index));
            return;
        }
    }
    const int64_t match = append_from_leader(request);
    const int64_t new_commit = std::min(request.leader_commit, match);
    if (new_commit > commit_index_) {
        commit_index_ = new_commit;
        apply_committed();
    }
    reply_append(from, true, match);
}

int64_t RaftNode::append_from_leader(const AppendEntriesRequest& request) {
    for (const RaftEntry& entry : request.entries) {
        if (entry.index <= log_->snapshot_index()) continue;
        const std::optional<int64_t> ours = log_->epoch_at(entry.index);
        if (ours && *ours == entry.epoch) continue;
        if (ours) {
            // Committed entries never change (State Machine Safety).
            KS_ASSERT(entry.index > commit_index_);
            hit(env_, Probe::RaftFollowerTruncatedUncommitted);
            log_->truncate_from(entry.index);
            durable_index_ = std::min(durable_index_, entry.index - 1);
        }
        log_->append(entry);
    }
    // Acknowledge only what a power loss cannot take back (reply_append waits for it).
    log_->flush();
    mark_durable();
    const auto count = static_cast<int64_t>(request.entries.size());
    return std::max(request.prev_index + count, log_->snapshot_index());
}

int64_t RaftNode::conflict_hint(int64_t prev_index) const {
    // Entries up to the commit index match the leader's; so does everything before the
    // first entry of the conflicting epoch, as far as this follower can tell.
    KS_ASSERT(prev_index > commit_index_);
    const int64_t conflicting = *log_->epoch_at(prev_index);
    int64_t index = prev_index;
    while (index - 1 > commit_index_ && log_->epoch_at(index - 1) == conflicting) --index;
    return index - 1;
}

void RaftNode::reply_append(sim::NodeId to, bool success, int64_t match_index) {
    auto response = std::make_shared<AppendEntriesResponse>();
    response->epoch = epoch();
    response->success = success;
    response->match_index = match_index;
    respond(to, std::move(response));
}

void RaftNode::on_install_snapshot(sim::NodeId from, const InstallSnapshotRequest& request) {
    KS_ASSERT(request.leader_id == from);
    if (!accept_leader(request.epoch, from)) {
        reply_append(from, false, 0);
        return;
    }
    if (request.last_index > commit_index_) {
        hit(env_, Probe::RaftFollowerInstalledSnapshot);
        env_.note("raft: installing snapshot at " + std::to_string(request.last_index));
        log_->install_snapshot(request.last_index, request.last_epoch, request.data);
        state_machine_.restore(request.data);
        commit_index_ = request.last_index;
        last_applied_ = request.last_index;
        durable_index_ = std::min(durable_index_, request.last_index);
        mark_durable();
        if (observer_ != nullptr) {
            observer_->on_snapshot_installed(env_.self(), request.last_index, request.last_epoch);
        }
    }
    reply_append(from, true, request.last_index);
}

void RaftNode::apply_committed() {
    KS_ASSERT(commit_index_ <= log_->last_index());
    while (last_applied_ < commit_index_) {
        const RaftEntry& entry = log_->entry(last_applied_ + 1);
        if (entry.type == RaftRecordType::Data) state_machine_.apply(entry.index, entry.payload);
        if (observer_ != nullptr) {
            observer_->on_committed(
                env_.self(), CommittedEntry{entry.index, entry.epoch, sim::fnv1a64(entry.payload)});
        }
        last_applied_ = entry.index;
    }
    maybe_snapshot();
}

void RaftNode::maybe_snapshot() {
    if (last_applied_ - log_->snapshot_index() < config_.snapshot_threshold_entries) return;
    hit(env_, Probe::RaftLogCompacted);
    log_->compact(last_applied_, state_machine_.snapshot());
}

std::vector<CommittedEntry> RaftNode::committed_prefix() const {
    std::vector<CommittedEntry> out;
    for (int64_t index = log_->snapshot_index() + 1; index <= commit_index_; ++index) {
        const RaftEntry& entry = log_->entry(index);
        out.push_back(CommittedEntry{entry.index, entry.epoch, sim::fnv1a64(entry.payload)});
    }
    return out;
}

}  // namespace core::controller
