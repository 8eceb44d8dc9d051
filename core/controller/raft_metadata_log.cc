#include "core/controller/raft_metadata_log.h"

#include "core/controller/record_codec.h"

namespace core::controller {

using namespace core::protocol;

namespace {

std::string encode_records(const std::vector<MetadataRecord>& records) {
    std::string payload;
    int64_t position = 0;
    for (const auto& record : records) payload += encode_entry({position++, record});
    return payload;
}

}  // namespace

RaftMetadataLog::RaftMetadataLog(sim::NodeEnv& env, RaftConfig config) : env_(env) {
    raft_ = std::make_unique<RaftNode>(env, std::move(config), *this);
}

RaftMetadataLog::~RaftMetadataLog() = default;

int32_t RaftMetadataLog::leader_id() const { return raft_->leader().value_or(-1); }

void RaftMetadataLog::start() {
    KS_ASSERT(listener_ != nullptr);
    raft_->on_start();
    sync_leadership();
}

std::optional<int64_t> RaftMetadataLog::append(std::vector<MetadataRecord> records) {
    KS_ASSERT(!records.empty());
    KS_ASSERT(static_cast<int64_t>(records.size()) < kRecordsPerEntry);
    if (!active_ || !leader_ready()) return std::nullopt;
    std::optional<int64_t> index = raft_->propose(encode_records(records));
    if (!index) return std::nullopt;
    return *index * kRecordsPerEntry + static_cast<int64_t>(records.size()) - 1;
}

bool RaftMetadataLog::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    if (!raft_->on_message(from, message)) return false;
    sync_leadership();
    return true;
}

void RaftMetadataLog::apply(int64_t index, const std::string& payload) {
    std::vector<MetadataLogEntry> entries = decode_entries(payload);
    for (auto& entry : entries) {
        entry.offset += index * kRecordsPerEntry;
        image_.apply(entry.offset, entry.record, nullptr);
    }
    if (entries.empty()) return;
    committed_end_offset_ = entries.back().offset + 1;
    listener_->on_committed(entries);
}

std::string RaftMetadataLog::snapshot() const {
    // The image as records, after a header line holding the end offset.
    std::string data = std::to_string(committed_end_offset_) + "\n";
    data += encode_records(image_.to_records());
    return data;
}

void RaftMetadataLog::restore(const std::string& data) {
    size_t newline = data.find('\n');
    KS_ASSERT(newline != std::string::npos);
    committed_end_offset_ = std::stoll(data.substr(0, newline));
    std::vector<MetadataRecord> records;
    for (auto& entry : decode_entries(std::string_view(data).substr(newline + 1))) {
        records.push_back(std::move(entry.record));
    }
    image_ = MetadataImage();
    int64_t offset = committed_end_offset_ - static_cast<int64_t>(records.size());
    for (const auto& record : records) image_.apply(offset++, record, nullptr);
    listener_->on_snapshot(records, committed_end_offset_);
}

bool RaftMetadataLog::leader_ready() {
    if (!raft_->is_leader()) return false;
    if (raft_->epoch() != leader_epoch_) {
        leader_epoch_ = raft_->epoch();
        leader_epoch_start_index_ = raft_->last_index();
    }
    return raft_->commit_index() >= leader_epoch_start_index_;
}

void RaftMetadataLog::sync_leadership() {
    const bool ready = leader_ready();
    if (ready && !active_) {
        active_ = true;
        listener_->on_become_leader(static_cast<int32_t>(raft_->epoch()));
    } else if (!raft_->is_leader() && active_) {
        active_ = false;
        listener_->on_resign();
    }
}

std::function<std::unique_ptr<MetadataLog>(sim::NodeEnv&)> raft_metadata_log_factory(
    std::vector<sim::NodeId> voters) {
    return [voters](sim::NodeEnv& env) -> std::unique_ptr<MetadataLog> {
        RaftConfig config;
        config.voters = voters;
        return std::make_unique<RaftMetadataLog>(env, config);
    };
}

}  // namespace core::controller
