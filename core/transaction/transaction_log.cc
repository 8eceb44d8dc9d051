#include "core/transaction/transaction_log.h"

#include <charconv>
#include <sstream>
#include <string>

#include "core/group/offsets_topic.h"

namespace core::transaction {

namespace {

constexpr std::string_view kValuePrefix = "txn1 ";

template <typename T>
bool parse_int(const std::string& text, T& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
}

/// "topic:partition", split at the last colon (topic names have none, but be exact).
std::optional<TopicPartition> parse_topic_partition(const std::string& text) {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos) return std::nullopt;
    TopicPartition tp{text.substr(0, colon), 0};
    if (!parse_int(text.substr(colon + 1), tp.partition)) return std::nullopt;
    return tp;
}

}  // namespace

const char* to_string(TransactionState state) {
    switch (state) {
        case TransactionState::Empty: return "Empty";
        case TransactionState::Ongoing: return "Ongoing";
        case TransactionState::PrepareCommit: return "PrepareCommit";
        case TransactionState::PrepareAbort: return "PrepareAbort";
        case TransactionState::CompleteCommit: return "CompleteCommit";
        case TransactionState::CompleteAbort: return "CompleteAbort";
    }
    return "Unknown";
}

int32_t partition_for(std::string_view transactional_id, int32_t num_partitions) {
    return group::partition_for(transactional_id, num_partitions);
}

protocol::Record transaction_log_record(const TransactionMetadata& m) {
    protocol::Record record;
    record.has_key = true;
    record.key = m.transactional_id;
    std::string value(kValuePrefix);
    value += std::to_string(m.producer_id) + " " + std::to_string(m.producer_epoch) + " " +
             std::to_string(m.txn_timeout_ms) + " " +
             std::to_string(static_cast<int>(m.state)) + " " +
             std::to_string(m.txn_start_timestamp_ms) + " " +
             std::to_string(m.txn_last_update_timestamp_ms);
    for (const TopicPartition& tp : m.topic_partitions) {
        value += " " + tp.topic + ":" + std::to_string(tp.partition);
    }
    record.value = std::move(value);
    record.timestamp_ms = m.txn_last_update_timestamp_ms;
    return record;
}

std::optional<TransactionMetadata> parse_transaction_log_record(const protocol::Record& record) {
    if (!record.has_key || record.value.rfind(kValuePrefix, 0) != 0) return std::nullopt;
    std::istringstream in(record.value.substr(kValuePrefix.size()));
    TransactionMetadata m;
    m.transactional_id = record.key;
    std::string producer_id, epoch, timeout, state, start, update;
    if (!(in >> producer_id >> epoch >> timeout >> state >> start >> update)) return std::nullopt;
    int state_number = 0;
    if (!parse_int(producer_id, m.producer_id) || !parse_int(epoch, m.producer_epoch) ||
        !parse_int(timeout, m.txn_timeout_ms) || !parse_int(state, state_number) ||
        !parse_int(start, m.txn_start_timestamp_ms) ||
        !parse_int(update, m.txn_last_update_timestamp_ms)) {
        return std::nullopt;
    }
    if (state_number < 0 || state_number > static_cast<int>(TransactionState::CompleteAbort)) {
        return std::nullopt;
    }
    m.state = static_cast<TransactionState>(state_number);
    std::string tp_text;
    while (in >> tp_text) {
        auto tp = parse_topic_partition(tp_text);
        if (!tp) return std::nullopt;
        m.topic_partitions.insert(*tp);
    }
    return m;
}

}  // namespace core::transaction
