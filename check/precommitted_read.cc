// precommitted-read: a transaction polled a value it sent itself.
//
// Definition (Jepsen, jepsen.tests.kafka `precommitted-read-cases`): an operation whose
// reads of a key include a value its own writes sent to that key. Legal in most
// databases, illegal in Kafka, where a transaction's records are invisible to every
// poller (at read_committed) until the transaction commits, its own consumer included.
// Here the operation is a transaction: rows sharing a `txn` id; a history without txn
// ids has none to judge. One anomaly per transaction and partition; evidence: the send
// and the poll. n·log n.
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "check/analysis.h"
#include "check/checker.h"

namespace check {

void check_precommitted_read(const Analysis& analysis, const CheckOptions&,
                             std::vector<Anomaly>& out) {
    // Per transaction, the partition of each value it sent (lookups only).
    std::unordered_map<std::string_view, std::unordered_map<std::string_view, size_t>> sent;
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& op = analysis.op(i);
        if (op.f != OpFunction::Send || op.txn.empty()) continue;
        sent[op.txn].try_emplace(op.value, i);
    }
    std::map<std::pair<std::string_view, int32_t>, bool> reported;
    for (size_t i = 0; i < analysis.history().size(); ++i) {
        const Op& poll = analysis.op(i);
        if (!is_ok_poll(poll) || poll.txn.empty()) continue;
        auto txn = sent.find(poll.txn);
        if (txn == sent.end()) continue;
        auto send = txn->second.find(poll.value);
        if (send == txn->second.end()) continue;
        const int32_t partition = analysis.partition_id(i).value_or(-1);
        if (!reported.try_emplace({poll.txn, partition}, true).second) continue;
        Anomaly anomaly = make_anomaly(
            "precommitted-read", poll,
            fmt::format("transaction {} polled \"{}\", which it sent itself, before it "
                        "committed",
                        poll.txn, poll.value));
        add_record(anomaly, analysis.op(send->second));
        add_record(anomaly, poll);
        out.push_back(std::move(anomaly));
    }
}

KAFKASIM_CHECKER(precommitted_read, "precommitted-read", check_precommitted_read,
                 "precommitted-read");

}  // namespace check
