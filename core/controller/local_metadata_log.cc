#include "core/controller/local_metadata_log.h"

#include "core/controller/record_codec.h"

namespace core::controller {

LocalMetadataLog::LocalMetadataLog(sim::NodeEnv& env, std::string file)
    : env_(env), file_(std::move(file)) {}

int32_t LocalMetadataLog::leader_id() const { return started_ ? env_.self() : -1; }

void LocalMetadataLog::start() {
    KS_ASSERT(listener_ != nullptr);
    KS_ASSERT(!started_);
    // Whatever the file holds was written by a leader that was this node: after a crash the
    // page cache kept it, after a power loss only the fsynced prefix is left. Either way it
    // is this single node's whole history, so it is committed.
    std::vector<protocol::MetadataLogEntry> entries;
    if (const std::string* bytes = env_.disk().read(file_)) {
        entries = decode_entries(*bytes);
        size_t good = 0;
        for (const auto& e : entries) good += encode_entry(e).size();
        if (good < bytes->size()) env_.disk().truncate(file_, good);
    }
    if (!entries.empty()) {
        next_offset_ = entries.back().offset + 1;
        committed_end_offset_ = next_offset_;
        listener_->on_committed(entries);
    }
    started_ = true;
    listener_->on_become_leader(1);
}

std::optional<int64_t> LocalMetadataLog::append(std::vector<protocol::MetadataRecord> records) {
    KS_ASSERT(started_);
    KS_ASSERT(!records.empty());
    std::string bytes;
    for (auto& record : records) {
        protocol::MetadataLogEntry entry{next_offset_++, std::move(record)};
        bytes += encode_entry(entry);
        pending_.push_back(std::move(entry));
    }
    env_.disk().append(file_, bytes);
    sim::Duration latency = env_.disk().fsync(file_);
    env_.start_timer(latency, fsync_timer_, static_cast<uint64_t>(next_offset_));
    return next_offset_ - 1;
}

void LocalMetadataLog::on_fsync_done(uint64_t end_offset) {
    // Timers fire in start order and the latency is the same for every fsync unless a
    // slow-disk fault changes it, so commit everything up to the tagged end offset.
    const auto end = static_cast<int64_t>(end_offset);
    std::vector<protocol::MetadataLogEntry> committed;
    while (!pending_.empty() && pending_.front().offset < end) {
        committed.push_back(std::move(pending_.front()));
        pending_.pop_front();
    }
    if (committed.empty()) return;
    committed_end_offset_ = committed.back().offset + 1;
    listener_->on_committed(committed);
}

}  // namespace core::controller
