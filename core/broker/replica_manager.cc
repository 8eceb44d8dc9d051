#include "core/broker/replica_manager.h"

#include <charconv>

#include "core/common/probes.h"

namespace core::broker {

using namespace core::protocol;

namespace {

/// replica.high.watermark.checkpoint.interval.ms
constexpr sim::Duration kCheckpointInterval = 5 * sim::kSecond;
constexpr sim::Duration kAlterPartitionTimeout = 5 * sim::kSecond;
const char* const kCheckpointFile = "replication-offset-checkpoint";

std::string log_directory(const TopicPartition& tp) { return tp.str() + "/"; }

log::LogConfig log_config(const config::TopicConfig& c) {
    log::LogConfig out;
    out.segment_bytes = c.segment_bytes;
    out.retention_ms = c.retention_ms;
    out.retention_bytes = c.retention_bytes;
    out.flush_messages = c.flush_messages;
    out.flush_ms = c.flush_ms;
    return out;
}

}  // namespace

ReplicaManager::ReplicaManager(sim::NodeEnv& env, const config::BrokerConfig& config,
                               ReplicaManagerHost& host)
    : env_(env), config_(config), host_(host), fetcher_(env, *this) {
    fetcher_.fetch_wait_max_ms = config.replica_fetch_wait_max_ms;
    fetcher_.fetch_backoff_ms = config.replica_fetch_backoff_ms;
    fetcher_.socket_timeout_ms = config.replica_socket_timeout_ms;
}

ReplicaManager::~ReplicaManager() = default;

void ReplicaManager::start() {
    recover_logs();
    env_.start_timer(sim::from_ms(config_.replica_lag_time_max_ms / 2), isr_expiry_timer_);
    env_.start_timer(kCheckpointInterval, checkpoint_timer_);
    env_.start_timer(sim::from_ms(config_.log_retention_check_interval_ms), retention_timer_);
}

void ReplicaManager::recover_logs() {
    checkpointed_ = read_checkpoint();
    std::set<std::string> directories;
    for (const std::string& file : env_.disk().list("")) {
        size_t slash = file.find('/');
        if (slash == std::string::npos || file.rfind("__cluster_metadata", 0) == 0) continue;
        directories.insert(file.substr(0, slash));
    }
    for (const std::string& dir : directories) {
        size_t dash = dir.rfind('-');
        if (dash == std::string::npos) continue;
        int32_t partition = 0;
        auto [ptr, ec] = std::from_chars(dir.data() + dash + 1, dir.data() + dir.size(), partition);
        if (ec != std::errc() || ptr != dir.data() + dir.size()) continue;
        TopicPartition tp{dir.substr(0, dash), partition};
        auto log =
            std::make_unique<log::PartitionLog>(env_.disk(), log_directory(tp), log::LogConfig{});
        log->recover();
        recovered_logs_[tp] = std::move(log);
    }
}

std::map<TopicPartition, Offset> ReplicaManager::read_checkpoint() const {
    // Kafka's format: a version line, a count line, then "topic partition offset" lines.
    std::map<TopicPartition, Offset> out;
    const std::string* bytes = env_.disk().read(kCheckpointFile);
    if (bytes == nullptr) return out;
    size_t pos = 0;
    int line_number = 0;
    while (pos < bytes->size()) {
        size_t end = bytes->find('\n', pos);
        if (end == std::string::npos) break;
        std::string line = bytes->substr(pos, end - pos);
        pos = end + 1;
        if (line_number++ < 2) continue;
        size_t a = line.rfind(' ');
        size_t b = a == std::string::npos ? a : line.rfind(' ', a - 1);
        if (b == std::string::npos) continue;
        TopicPartition tp{line.substr(0, b), std::stoi(line.substr(b + 1, a - b - 1))};
        out[tp] = std::stoll(line.substr(a + 1));
    }
    return out;
}

void ReplicaManager::checkpoint_high_watermarks() {
    std::string bytes = "0\n" + std::to_string(partitions_.size()) + "\n";
    for (const auto& [tp, p] : partitions_) {
        bytes += tp.topic + " " + std::to_string(tp.partition) + " " +
                 std::to_string(p->high_watermark()) + "\n";
    }
    env_.disk().write_file(kCheckpointFile, std::move(bytes));
    env_.disk().fsync(kCheckpointFile);
}

config::TopicConfig ReplicaManager::topic_config(const std::string& topic,
                                                 const controller::MetadataImage& image) const {
    auto parsed = config::parse_topic_config(image.topic_configs(topic), config_);
    return parsed.ok() ? parsed.value() : config::default_topic_config();
}

Partition& ReplicaManager::get_or_create(const TopicPartition& tp,
                                         const controller::MetadataImage& image) {
    if (Partition* existing = partition(tp)) return *existing;
    config::TopicConfig topic = topic_config(tp.topic, image);
    std::unique_ptr<log::PartitionLog> log;
    auto recovered = recovered_logs_.find(tp);
    if (recovered != recovered_logs_.end()) {
        log = std::move(recovered->second);
        recovered_logs_.erase(recovered);
        log->set_config(log_config(topic));
    } else {
        log =
            std::make_unique<log::PartitionLog>(env_.disk(), log_directory(tp), log_config(topic));
    }
    Offset checkpoint = checkpointed_.count(tp) != 0 ? checkpointed_[tp] : 0;
    // The checkpoint was synced; the log's tail may not have been.
    if (checkpoint > log->log_end_offset()) hit(env_, Probe::LogRecoveryLostUnsyncedTail);
    auto partition = std::make_unique<Partition>(tp, std::move(log), topic, checkpoint);
    partition->set_replica_lag_time_max(sim::from_ms(config_.replica_lag_time_max_ms));
    if (tp.partition >= 0) {
        std::vector<Partition*>& numbers = partitions_by_topic_[tp.topic];
        const auto number = static_cast<size_t>(tp.partition);
        if (numbers.size() <= number) numbers.resize(number + 1);
        numbers[number] = partition.get();
    }
    return *partitions_.emplace(tp, std::move(partition)).first->second;
}

void ReplicaManager::delete_partition(const TopicPartition& tp) {
    auto it = partitions_.find(tp);
    if (it != partitions_.end()) {
        it->second->log().delete_files();
        auto numbers = partitions_by_topic_.find(tp.topic);
        if (numbers != partitions_by_topic_.end() && tp.partition >= 0 &&
            static_cast<size_t>(tp.partition) < numbers->second.size()) {
            numbers->second[static_cast<size_t>(tp.partition)] = nullptr;
        }
        partitions_.erase(it);
    }
    auto recovered = recovered_logs_.find(tp);
    if (recovered != recovered_logs_.end()) {
        recovered->second->delete_files();
        recovered_logs_.erase(recovered);
    }
    try_complete_produces(tp);
    try_complete_fetches(tp);
}

void ReplicaManager::apply_delta(const controller::MetadataImage& image,
                                 const controller::ImageDelta& delta) {
    const int32_t self = env_.self();
    std::set<int32_t> leaders_to_fetch;
    for (const TopicPartition& tp : delta.deleted_partitions) delete_partition(tp);
    for (const TopicPartition& tp : delta.changed_partitions) {
        const controller::PartitionRegistration* reg = image.partition(tp);
        if (reg == nullptr) continue;
        if (!reg->has_replica(self)) {
            if (partitions_.count(tp) != 0) delete_partition(tp);
            continue;
        }
        Partition& p = get_or_create(tp, image);
        const size_t isr_before = p.isr().size();
        const bool changed = p.apply_registration(self, *reg, env_.now());
        probe_isr_shrink(p, isr_before);
        if (changed) {
            env_.note((p.role() == ReplicaRole::Leader ? "became leader of " : "following ") +
                      tp.str() + " epoch " + std::to_string(p.leader_epoch()));
        }
        if (p.role() == ReplicaRole::Follower && reg->leader != protocol::kNoLeader) {
            leaders_to_fetch.insert(reg->leader);
        }
        on_high_watermark_moved(tp);
    }
    for (int32_t leader : leaders_to_fetch) fetcher_.maybe_fetch(leader);
}

void ReplicaManager::probe_isr_shrink(const Partition& p, size_t isr_before) {
    // Only the leader counts, so one committed shrink is one hit, not one per replica.
    if (p.role() != ReplicaRole::Leader || p.isr().size() >= isr_before) return;
    if (static_cast<int32_t>(p.isr().size()) == p.config().min_insync_replicas) {
        hit(env_, Probe::IsrShrinkToMinInsync);
    }
}

void ReplicaManager::check_isr_expiry() {
    for (auto& [tp, p] : partitions_) {
        if (auto proposal = p->maybe_shrink_isr(env_.now())) {
            hit(env_, Probe::IsrShrinkFollowerLagged);
            send_alter_partition(std::move(*proposal));
        }
    }
}

void ReplicaManager::send_alter_partition(AlterPartitionData data) {
    auto request = std::make_shared<AlterPartitionRequest>();
    request->correlation_id = env_.next_correlation_id();
    request->broker_id = env_.self();
    request->broker_epoch = host_.broker_epoch();
    PendingAlterState pending;
    pending.partitions.push_back(data.topic_partition);
    request->partitions.push_back(std::move(data));
    pending.timer = env_.start_timer(kAlterPartitionTimeout, alter_partition_timer_,
                                     static_cast<uint32_t>(request->correlation_id));
    pending_alters_[request->correlation_id] = std::move(pending);
    host_.send_to_controller(std::move(request));
}

void ReplicaManager::on_alter_partition_response(const AlterPartitionResponse& response) {
    auto it = pending_alters_.find(response.correlation_id);
    if (it == pending_alters_.end()) return;
    env_.cancel_timer(it->second.timer);
    for (const TopicPartition& tp : it->second.partitions) {
        Partition* p = partition(tp);
        if (p == nullptr) continue;
        const AlterPartitionPartitionResponse* answer = nullptr;
        for (const auto& r : response.partitions) {
            if (r.topic_partition == tp && response.error == Error::NONE) answer = &r;
        }
        p->on_alter_partition_response(answer);
        if (p->maybe_increment_high_watermark(env_.now())) on_high_watermark_moved(tp);
    }
    pending_alters_.erase(it);
}

void ReplicaManager::on_fetch_deadline(uint64_t id) {
    auto it = delayed_fetches_.find(id);
    if (it == delayed_fetches_.end()) return;
    DelayedFetchState fetch = std::move(it->second);
    delayed_fetches_.erase(it);
    for (const auto& p : fetch.request->partitions) {
        std::erase(fetch_watchers_[p.topic_partition], id);
    }
    env_.send(fetch.from, read_fetch(*fetch.request));
}

void ReplicaManager::on_delayed_send(uint64_t id) {
    auto it = delayed_sends_.find(id);
    if (it == delayed_sends_.end()) return;
    env_.send(delayed_send_targets_[id], std::move(it->second));
    delayed_sends_.erase(it);
    delayed_send_targets_.erase(id);
}

void ReplicaManager::on_isr_expiry_timer(uint64_t) {
    env_.start_timer(sim::from_ms(config_.replica_lag_time_max_ms / 2), isr_expiry_timer_);
    check_isr_expiry();
}

void ReplicaManager::on_checkpoint_timer(uint64_t) {
    env_.start_timer(kCheckpointInterval, checkpoint_timer_);
    checkpoint_high_watermarks();
}

void ReplicaManager::on_retention_timer(uint64_t) {
    env_.start_timer(sim::from_ms(config_.log_retention_check_interval_ms), retention_timer_);
    for (auto& [tp, p] : partitions_) p->apply_retention(sim::to_ms(env_.now()));
}

void ReplicaManager::on_alter_partition_timeout(uint64_t correlation_id) {
    AlterPartitionResponse lost;
    lost.correlation_id = static_cast<int32_t>(correlation_id & 0xffffffff);
    lost.error = Error::REQUEST_TIMED_OUT;
    auto it = pending_alters_.find(lost.correlation_id);
    if (it != pending_alters_.end()) it->second.timer = sim::TimerId{};
    on_alter_partition_response(lost);
}

void ReplicaManager::on_disconnected(sim::NodeId peer) { fetcher_.on_disconnected(peer); }

void ReplicaManager::on_fetch_response(sim::NodeId from, const FetchResponse& response) {
    fetcher_.on_response(from, response);
}

Partition* ReplicaManager::partition(const TopicPartition& tp) {
    if (tp.partition < 0) {
        auto it = partitions_.find(tp);
        return it == partitions_.end() ? nullptr : it->second.get();
    }
    auto numbers = partitions_by_topic_.find(tp.topic);
    if (numbers == partitions_by_topic_.end() ||
        static_cast<size_t>(tp.partition) >= numbers->second.size()) {
        return nullptr;
    }
    return numbers->second[static_cast<size_t>(tp.partition)];
}

}  // namespace core::broker
