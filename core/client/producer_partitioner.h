#pragma once
// How the producer picks a partition for a record without one: keyed records by
// murmur2 of the key, null keys sticky (KIP-480/KIP-794) or round-robin; a thin adapter
// over core/client/partitioner so the producer needs only two calls.

#include <cstdint>
#include <map>
#include <string>

#include "core/client/producer_batch.h"
#include "sim/rng.h"

namespace core::client {

class ProducerPartitioner {
   public:
    ProducerPartitioner(bool round_robin, bool ignore_keys, uint32_t batch_size);

    /// REQUIRES: partition_count > 0 and record.partition unset.
    int32_t partition(const ProducerRecord& record, int32_t partition_count, sim::Rng& rng);
    /// After an append the sticky choice may move on (a new batch was started, or
    /// batch.size bytes went to the sticky partition).
    void on_appended(const TopicPartition& tp, uint32_t bytes, bool new_batch,
                     int32_t partition_count, sim::Rng& rng);

   private:
    struct Sticky {
        int32_t partition = -1;
        uint32_t bytes = 0;
    };
    bool round_robin_;
    bool ignore_keys_;
    uint32_t batch_size_;
    std::map<std::string, Sticky> sticky_;
    std::map<std::string, int32_t> round_robin_next_;
};

}  // namespace core::client
