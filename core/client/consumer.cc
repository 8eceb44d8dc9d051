#include "core/client/consumer.h"

#include <algorithm>
#include <set>

#include "core/config/client_config.h"
#include "sim/assert.h"

namespace core::client {

Consumer::Consumer(sim::NodeEnv& env, ConsumerOptions options)
    : env_(env),
      options_(std::move(options)),
      wakeup_(env, [this] { run(); }),
      network_(env, options_.request_timeout, &wakeup_),
      metadata_(network_, options_.bootstrap_servers, options_.metadata) {
    metadata_.set_on_update([this] { schedule_run(env_.now()); });
}

Consumer::~Consumer() = default;

void Consumer::assign(const std::vector<TopicPartition>& partitions) {
    std::map<TopicPartition, PartitionState> next;
    for (const TopicPartition& tp : partitions) {
        auto it = assigned_.find(tp);
        if (it != assigned_.end()) {
            next.emplace(tp, std::move(it->second));
            continue;
        }
        PartitionState state;
        request_reset(state, options_.auto_offset_reset);
        next.emplace(tp, std::move(state));
        metadata_.add_topic(tp.topic);
    }
    assigned_ = std::move(next);
    schedule_run(env_.now());
}

std::vector<TopicPartition> Consumer::assignment() const {
    std::vector<TopicPartition> partitions;
    for (const auto& [tp, state] : assigned_) partitions.push_back(tp);
    return partitions;
}

Consumer::PartitionState* Consumer::state_of(const TopicPartition& tp) {
    auto it = assigned_.find(tp);
    return it == assigned_.end() ? nullptr : &it->second;
}

void Consumer::request_reset(PartitionState& state, OffsetResetStrategy strategy) {
    state.state = FetchState::AwaitReset;
    state.reset_strategy = strategy;
    state.position = kNoOffset;
    state.backoff_until = 0;
    state.buffered.clear();
}

void Consumer::seek(const TopicPartition& tp, Offset offset) {
    PartitionState* state = state_of(tp);
    KS_ASSERT(state != nullptr);
    KS_ASSERT(offset >= 0);
    state->state = FetchState::Fetching;
    state->position = offset;
    state->backoff_until = 0;
    state->buffered.clear();
    schedule_run(env_.now());
}

void Consumer::seek_to_beginning(const std::vector<TopicPartition>& partitions) {
    for (const TopicPartition& tp : partitions) {
        PartitionState* state = state_of(tp);
        KS_ASSERT(state != nullptr);
        request_reset(*state, OffsetResetStrategy::Earliest);
    }
    schedule_run(env_.now());
}

void Consumer::seek_to_end(const std::vector<TopicPartition>& partitions) {
    for (const TopicPartition& tp : partitions) {
        PartitionState* state = state_of(tp);
        KS_ASSERT(state != nullptr);
        request_reset(*state, OffsetResetStrategy::Latest);
    }
    schedule_run(env_.now());
}

std::optional<Offset> Consumer::position(const TopicPartition& tp) const {
    auto it = assigned_.find(tp);
    if (it == assigned_.end() || it->second.state != FetchState::Fetching) return std::nullopt;
    return it->second.position;
}

Offset Consumer::high_watermark(const TopicPartition& tp) const {
    auto it = assigned_.find(tp);
    return it == assigned_.end() ? kNoOffset : it->second.high_watermark;
}

std::vector<ConsumerRecord> Consumer::poll() {
    std::vector<ConsumerRecord> records;
    if (assigned_.empty()) return records;
    const auto max = static_cast<size_t>(options_.max_poll_records);
    // Start at a rotating partition so a busy partition can't starve the others.
    std::vector<PartitionState*> order;
    for (auto& [tp, state] : assigned_) order.push_back(&state);
    const size_t start = poll_rotation_++ % order.size();
    bool drained_some = false;
    for (size_t i = 0; i < order.size() && records.size() < max; ++i) {
        PartitionState& state = *order[(start + i) % order.size()];
        while (!state.buffered.empty() && records.size() < max) {
            ConsumerRecord& record = state.buffered.front();
            KS_ASSERT(record.offset >= state.position);
            state.position = record.offset + 1;
            records.push_back(std::move(record));
            state.buffered.pop_front();
            drained_some = true;
        }
    }
    // An emptied buffer lets its partition be fetched again.
    if (drained_some) schedule_run(env_.now());
    return records;
}

std::vector<PartitionError> Consumer::take_errors() {
    std::vector<PartitionError> errors = std::move(errors_);
    errors_.clear();
    return errors;
}

bool Consumer::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    if (!network_.on_message(from, message)) return false;
    schedule_run(env_.now());
    return true;
}

void Consumer::on_disconnected(sim::NodeId peer) {
    network_.on_disconnected(peer);
    metadata_.request_update();
    schedule_run(env_.now());
}

void Consumer::schedule_run(sim::Time at) { wakeup_.at(at); }

void Consumer::run() {
    const sim::Time now = env_.now();
    sim::Time next = metadata_.poll();
    send_resets(now);
    send_fetches(now);
    for (const auto& [tp, state] : assigned_) {
        if (state.backoff_until > now) next = std::min(next, state.backoff_until);
        if (metadata_.leader(tp) == sim::kNoNode) {
            metadata_.request_update();
            next = std::min(next, now + options_.retry_backoff);
        }
    }
    schedule_run(next);
}

ConsumerOptions consumer_options(const config::ConsumerConfig& config,
                                 std::vector<sim::NodeId> bootstrap_servers) {
    ConsumerOptions options;
    options.bootstrap_servers = std::move(bootstrap_servers);
    switch (config.auto_offset_reset) {
        case config::AutoOffsetReset::Latest:
            options.auto_offset_reset = OffsetResetStrategy::Latest;
            break;
        case config::AutoOffsetReset::Earliest:
            options.auto_offset_reset = OffsetResetStrategy::Earliest;
            break;
        case config::AutoOffsetReset::None:
            options.auto_offset_reset = OffsetResetStrategy::None;
            break;
    }
    options.max_poll_records = config.max_poll_records;
    options.fetch_max_wait = sim::from_ms(config.fetch_max_wait_ms);
    options.fetch_min_bytes = config.fetch_min_bytes;
    options.fetch_max_bytes = config.fetch_max_bytes;
    options.max_partition_fetch_bytes = config.max_partition_fetch_bytes;
    options.read_committed = config.isolation_level == config::IsolationLevel::ReadCommitted;
    options.request_timeout = sim::from_ms(config.request_timeout_ms);
    options.retry_backoff = sim::from_ms(config.retry_backoff_ms);
    options.metadata.metadata_max_age = sim::from_ms(config.metadata_max_age_ms);
    options.metadata.retry_backoff = sim::from_ms(config.retry_backoff_ms);
    return options;
}

}  // namespace core::client
