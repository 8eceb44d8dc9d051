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

bool is_placed_send(const Op& op) {
    return op.f == OpFunction::Send && op.type == OpType::Ok && op.partition && op.offset;
}

Analysis::Analysis(const History& history) : history_(history) {
    index_partitions();
    index_occurrences();
    index_sends();
    index_poll_batches();
}

std::optional<int32_t> Analysis::partition_id(const Op& op) const {
    if (!op.partition) return std::nullopt;
    auto it = partition_ids_.find(TopicPartition{op.topic, *op.partition});
    if (it == partition_ids_.end()) return std::nullopt;
    return it->second;
}

void Analysis::index_partitions() {
    for (const Op& op : history_.ops()) {
        if (op.partition) partition_ids_.emplace(TopicPartition{op.topic, *op.partition}, 0);
    }
    for (auto& [partition, id] : partition_ids_) {
        id = static_cast<int32_t>(partitions_.size());
        partitions_.push_back(partition);
    }
}

void Analysis::index_occurrences() {
    for (size_t i = 0; i < history_.size(); ++i) {
        const Op& op = history_[i];
        const bool placed = is_placed_send(op) || (is_ok_poll(op) && op.partition && op.offset);
        if (!placed) continue;
        occurrences_.push_back(Occurrence{*partition_id(op), *op.offset, op.value, i,
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
    std::vector<std::pair<std::string_view, const std::string*>> order;
    for (size_t i = 0; i < history_.size(); ++i) {
        const Op& op = history_[i];
        if (is_ok_poll(op)) first_poll_.try_emplace(op.value, i);
        if (op.f != OpFunction::Send || op.value.empty()) continue;
        if (op.type != OpType::Invoke) send_outcomes_[op.value] = i;
        if (ordered.insert(op.value).second) order.emplace_back(op.value, &op.process);
    }
    for (const auto& [value, process] : order) {
        auto outcome = send_outcomes_.find(value);
        if (outcome != send_outcomes_.end()) {
            sends_by_process_[*process].push_back(outcome->second);
        }
    }
}

void Analysis::index_poll_batches() {
    poll_batch_.assign(history_.size(), -1);
    // Per process: position of its previous row.
    std::map<std::string_view, size_t> previous_row;
    int64_t next_batch = 0;
    for (size_t i = 0; i < history_.size(); ++i) {
        const Op& op = history_[i];
        auto previous = previous_row.find(op.process);
        if (is_ok_poll(op)) {
            const bool continues = previous != previous_row.end() &&
                                   poll_batch_[previous->second] >= 0 &&
                                   history_[previous->second].time_ns == op.time_ns;
            poll_batch_[i] = continues ? poll_batch_[previous->second] : next_batch++;
        }
        previous_row[op.process] = i;
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

std::optional<size_t> Analysis::first_poll(std::string_view value) const {
    auto it = first_poll_.find(value);
    if (it == first_poll_.end()) return std::nullopt;
    return it->second;
}

}  // namespace check
