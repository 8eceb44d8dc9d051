#include "check/analysis.h"

#include <algorithm>

namespace check {

Anomaly make_anomaly(std::string name, const Op& about, std::string description) {
    Anomaly anomaly;
    anomaly.name = std::move(name);
    anomaly.topic = about.topic;
    anomaly.partition = about.partition;
    anomaly.description = std::move(description);
    return anomaly;
}

void add_op(Anomaly& anomaly, const Op& op) {
    anomaly.op_indices.push_back(op.index);
    anomaly.times_ns.push_back(op.time_ns);
}

void add_record(Anomaly& anomaly, const Op& op) {
    add_op(anomaly, op);
    if (op.offset) anomaly.offsets.push_back(*op.offset);
    if (!op.value.empty()) anomaly.values.push_back(op.value);
}

bool is_ok_poll(const Op& op) {
    return op.f == OpFunction::Poll && op.type == OpType::Ok && !op.value.empty();
}

bool is_observed_poll(const Op& op) {
    return op.f == OpFunction::Poll && op.type != OpType::Invoke && !op.value.empty();
}

bool is_placed_send(const Op& op) {
    return op.f == OpFunction::Send && op.type == OpType::Ok && op.partition && op.offset;
}

Analysis::Analysis(const History& history) : history_(history) {
    index_rows();
    index_occurrences();
    index_sends();
    index_poll_batches();
}

void Analysis::index_rows() {
    // One hashed lookup per row (lookups only: ids come from first sight in history
    // order), then partition ids renumbered into (topic, partition) order.
    std::unordered_map<std::string_view, std::unordered_map<int32_t, int32_t>> seen_partitions;
    std::vector<TopicPartition> by_first_sight;
    std::unordered_map<std::string_view, int32_t> seen_processes;
    row_partitions_.assign(history_.size(), -1);
    row_processes_.resize(history_.size());
    for (size_t i = 0; i < history_.size(); ++i) {
        const Op& op = history_[i];
        const auto process = seen_processes.try_emplace(
            op.process, static_cast<int32_t>(seen_processes.size()));
        row_processes_[i] = process.first->second;
        if (!op.partition) continue;
        const auto partition = seen_partitions[op.topic].try_emplace(
            *op.partition, static_cast<int32_t>(by_first_sight.size()));
        if (partition.second) by_first_sight.push_back(TopicPartition{op.topic, *op.partition});
        row_partitions_[i] = partition.first->second;
    }
    process_count_ = seen_processes.size();
    std::map<TopicPartition, int32_t> ordered;  // (topic, partition) -> first-sight id
    for (size_t i = 0; i < by_first_sight.size(); ++i) {
        ordered.emplace(by_first_sight[i], static_cast<int32_t>(i));
    }
    std::vector<int32_t> renumbered(by_first_sight.size());
    for (const auto& [partition, first_sight] : ordered) {
        renumbered[static_cast<size_t>(first_sight)] = static_cast<int32_t>(partitions_.size());
        partitions_.push_back(partition);
    }
    for (int32_t& id : row_partitions_) {
        if (id >= 0) id = renumbered[static_cast<size_t>(id)];
    }
}

void Analysis::index_occurrences() {
    for (size_t i = 0; i < history_.size(); ++i) {
        const Op& op = history_[i];
        const bool placed =
            is_placed_send(op) || (is_observed_poll(op) && op.partition && op.offset);
        if (!placed) continue;
        occurrences_.push_back(Occurrence{*partition_id(i), *op.offset, op.value, i,
                                          op.f == OpFunction::Send});
    }
    std::sort(occurrences_.begin(), occurrences_.end());
    version_orders_.resize(partitions_.size());
    for (const Occurrence& occurrence : occurrences_) {
        std::vector<int64_t>& order = version_orders_[occurrence.partition_id];
        if (order.empty() || order.back() != occurrence.offset) {
            order.push_back(occurrence.offset);
        }
    }
}

void Analysis::index_sends() {
    // The order of first sight (invoke, else outcome) is the application's send order.
    std::unordered_set<std::string_view> ordered;
    std::vector<std::pair<std::string_view, size_t>> order;  // value, row of first sight
    for (size_t i = 0; i < history_.size(); ++i) {
        const Op& op = history_[i];
        if (is_observed_poll(op)) first_poll_.try_emplace(op.value, i);
        if (op.f != OpFunction::Send || op.value.empty()) continue;
        if (op.type != OpType::Invoke) send_outcomes_[op.value] = i;
        if (ordered.insert(op.value).second) order.emplace_back(op.value, i);
    }
    std::vector<std::vector<size_t>> by_process(process_count_);  // by process id
    std::vector<const std::string*> process_names(process_count_);
    for (const auto& [value, first_sight] : order) {
        auto outcome = send_outcomes_.find(value);
        if (outcome == send_outcomes_.end()) continue;
        const auto process = static_cast<size_t>(row_processes_[first_sight]);
        by_process[process].push_back(outcome->second);
        process_names[process] = &history_[first_sight].process;
    }
    for (size_t process = 0; process < process_count_; ++process) {
        if (by_process[process].empty()) continue;
        sends_by_process_.emplace(*process_names[process], std::move(by_process[process]));
    }
}

void Analysis::index_poll_batches() {
    poll_batch_.assign(history_.size(), -1);
    // Per process id: position of its previous row.
    std::vector<std::optional<size_t>> previous_row(process_count_);
    int64_t next_batch = 0;
    for (size_t i = 0; i < history_.size(); ++i) {
        const Op& op = history_[i];
        std::optional<size_t>& previous = previous_row[static_cast<size_t>(row_processes_[i])];
        if (is_observed_poll(op)) {
            const bool continues = previous && poll_batch_[*previous] >= 0 &&
                                   history_[*previous].time_ns == op.time_ns;
            poll_batch_[i] = continues ? poll_batch_[*previous] : next_batch++;
        }
        previous = i;
    }
}

std::optional<int64_t> Analysis::rank(int32_t partition_id, int64_t offset) const {
    const std::vector<int64_t>& order = version_orders_[partition_id];
    auto it = std::lower_bound(order.begin(), order.end(), offset);
    if (it == order.end() || *it != offset) return std::nullopt;
    return it - order.begin();
}

std::vector<int64_t> Analysis::offsets_between(int32_t partition_id, int64_t low, int64_t high,
                                               size_t limit) const {
    const std::vector<int64_t>& order = version_orders_[partition_id];
    std::vector<int64_t> between;
    for (auto it = std::upper_bound(order.begin(), order.end(), low);
         it != order.end() && *it < high && between.size() < limit; ++it) {
        between.push_back(*it);
    }
    return between;
}

std::optional<size_t> Analysis::send_outcome(std::string_view value) const {
    auto it = send_outcomes_.find(value);
    if (it == send_outcomes_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::pair<int32_t, int64_t>> Analysis::placement(size_t position) const {
    const Op& send = history_[position];
    if (send.offset) {
        std::optional<int32_t> id = partition_id(position);
        if (id) return std::make_pair(*id, *send.offset);
    }
    std::optional<size_t> poll = first_poll(send.value);
    if (!poll || !history_[*poll].offset) return std::nullopt;
    std::optional<int32_t> id = partition_id(*poll);
    if (!id) return std::nullopt;
    return std::make_pair(*id, *history_[*poll].offset);
}

std::optional<size_t> Analysis::first_poll(std::string_view value) const {
    auto it = first_poll_.find(value);
    if (it == first_poll_.end()) return std::nullopt;
    return it->second;
}

}  // namespace check
