#include "core/controller/raft_messages.h"

#include "sim/rng.h"

namespace core::controller {
namespace {

// Folds integers into a digest the same way on every machine (splitmix64 mixing).
uint64_t mix(uint64_t digest, int64_t value) {
    uint64_t state = digest ^ static_cast<uint64_t>(value);
    return sim::splitmix64(state);
}

uint64_t mix_entry(uint64_t digest, const RaftEntry& entry) {
    digest = mix(digest, entry.epoch);
    digest = mix(digest, entry.index);
    digest = mix(digest, static_cast<int64_t>(entry.type));
    return mix(digest, static_cast<int64_t>(sim::fnv1a64(entry.payload)));
}

}  // namespace

uint64_t VoteRequest::digest() const {
    uint64_t digest = mix(1, candidate_epoch);
    digest = mix(digest, candidate_id);
    digest = mix(digest, last_epoch);
    digest = mix(digest, last_index);
    return mix(digest, pre_vote ? 1 : 0);
}

uint64_t VoteResponse::digest() const {
    uint64_t digest = mix(2, epoch);
    digest = mix(digest, vote_granted ? 1 : 0);
    return mix(digest, pre_vote ? 1 : 0);
}

uint64_t AppendEntriesRequest::digest() const {
    uint64_t digest = mix(3, epoch);
    digest = mix(digest, leader_id);
    digest = mix(digest, prev_index);
    digest = mix(digest, prev_epoch);
    digest = mix(digest, leader_commit);
    for (const RaftEntry& entry : entries) digest = mix_entry(digest, entry);
    return digest;
}

uint32_t AppendEntriesRequest::size_bytes() const {
    uint64_t bytes = 64;
    for (const RaftEntry& entry : entries) bytes += 24 + entry.payload.size();
    return static_cast<uint32_t>(bytes);
}

uint64_t AppendEntriesResponse::digest() const {
    uint64_t digest = mix(4, epoch);
    digest = mix(digest, success ? 1 : 0);
    return mix(digest, match_index);
}

uint64_t InstallSnapshotRequest::digest() const {
    uint64_t digest = mix(5, epoch);
    digest = mix(digest, leader_id);
    digest = mix(digest, last_index);
    digest = mix(digest, last_epoch);
    return mix(digest, static_cast<int64_t>(sim::fnv1a64(data)));
}

uint32_t InstallSnapshotRequest::size_bytes() const {
    return static_cast<uint32_t>(64 + data.size());
}

}  // namespace core::controller
