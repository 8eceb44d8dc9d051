// key-order: records with one key landed out of the order the producer sent them.
//
// Definition (ours; Jepsen has no per-key check): Kafka orders records of one key from one
// producer, because the key picks one partition and the producer appends in order. For
// each producer process and non-empty key, take its sends in the order the application
// issued them, placed by their ok ack (partition, offset) or, for an unknown outcome
// (`info`), by the first poll that read the value; failed sends are skipped. Each placed
// send must be in the same partition as the previous one with that key and at a higher
// offset. One anomaly per break; evidence: both rows. Consumer-side order follows from
// this plus nonmonotonic-poll, so redeliveries after a rebalance are not counted here.
// n·log n.
#include <map>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {
namespace {

/// Where a send's record ended up, as the row that placed it.
std::optional<size_t> placing_row(const Analysis& analysis, size_t outcome) {
    const Op& send = analysis.op(outcome);
    if (is_placed_send(send)) return outcome;
    if (send.type != OpType::Info) return std::nullopt;
    std::optional<size_t> poll = analysis.first_poll(send.value);
    if (poll && analysis.op(*poll).partition && analysis.op(*poll).offset) return poll;
    return std::nullopt;
}

void check_process(const Analysis& analysis, const std::vector<size_t>& sends,
                   std::vector<Anomaly>& out) {
    std::map<std::string_view, size_t> last_by_key;  // key -> placing row of the last send
    for (size_t outcome : sends) {
        const Op& send = analysis.op(outcome);
        if (send.key.empty()) continue;
        std::optional<size_t> placed = placing_row(analysis, outcome);
        if (!placed) continue;
        auto last = last_by_key.find(send.key);
        if (last != last_by_key.end()) {
            const Op& before = analysis.op(last->second);
            const Op& now = analysis.op(*placed);
            const bool moved = before.topic != now.topic || *before.partition != *now.partition;
            if (moved || *now.offset <= *before.offset) {
                Anomaly anomaly = make_anomaly(
                    "key-order", now,
                    moved ? fmt::format("{} sent key \"{}\" to partition {} then {}",
                                        send.process, send.key, *before.partition,
                                        *now.partition)
                          : fmt::format("{} sent key \"{}\" as \"{}\" then \"{}\", but they "
                                        "sit at offsets {} then {}",
                                        send.process, send.key, before.value, now.value,
                                        *before.offset, *now.offset));
                add_record(anomaly, before);
                add_record(anomaly, now);
                out.push_back(std::move(anomaly));
            }
        }
        last_by_key[send.key] = *placed;
    }
}

}  // namespace

void check_key_order(const Analysis& analysis, const CheckOptions&, std::vector<Anomaly>& out) {
    for (const auto& [process, sends] : analysis.sends_by_process()) {
        check_process(analysis, sends, out);
    }
}

KAFKASIM_CHECKER(key_order, "key-order", check_key_order, "key-order");

}  // namespace check
