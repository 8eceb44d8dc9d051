#pragma once
// Helpers the durability tests share: steady production, and the comparison of what a
// producer had acknowledged with what a consumer read back.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_cluster.h"

namespace kafkasim::test {

/// Sends one null-key record with a unique increasing value every `every` for `duration`.
inline void produce_for(TestCluster& t, ProducerHandle& p, sim::Duration duration,
                        sim::Duration every, int& next_value) {
    const sim::Time end = t.now() + duration;
    while (t.now() < end) {
        if (p.client() != nullptr) p.send_null_key(std::to_string(next_value++));
        t.run_for(every);
    }
}

/// Acknowledged records the consumer did not read at their acknowledged offset.
inline std::vector<SentRecord> lost_acked(const ProducerHandle& p, const ConsumerHandle& c) {
    std::map<std::pair<int32_t, core::Offset>, std::string> read;
    for (const auto& r : c.records()) read[{r.partition, r.offset}] = r.value;
    std::vector<SentRecord> lost;
    for (const SentRecord& s : p.sent()) {
        if (!s.acked()) continue;
        auto it = read.find({s.partition, s.offset});
        if (it == read.end() || it->second != s.value) lost.push_back(s);
    }
    return lost;
}

/// Runs until the consumer has read up to every partition's high watermark as the
/// consumer last saw it, and nothing new arrived for a while.
inline void drain(TestCluster& t, ConsumerHandle& c, sim::Duration quiet = 3 * sim::kSecond) {
    size_t seen = c.records().size();
    sim::Time last_change = t.now();
    while (t.now() - last_change < quiet) {
        t.run_for(100 * sim::kMillisecond);
        if (c.records().size() != seen) {
            seen = c.records().size();
            last_change = t.now();
        }
    }
}

}  // namespace kafkasim::test
