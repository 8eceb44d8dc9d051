#pragma once
// Builders shared by the core/log tests: batches of records with recognisable values.

#include <string>

#include "core/protocol/record.h"

namespace core::log::testing {

/// A batch of `count` records whose values are "<prefix>0", "<prefix>1", ...
inline protocol::RecordBatch make_batch(int count, const std::string& prefix = "v",
                                        int64_t timestamp_ms = 0) {
    protocol::RecordBatch batch;
    for (int i = 0; i < count; ++i) {
        protocol::Record r;
        r.timestamp_ms = timestamp_ms;
        r.has_key = true;
        r.key = "k" + std::to_string(i);
        r.value = prefix + std::to_string(i);
        batch.records.push_back(r);
    }
    return batch;
}

/// The batch a leader with `epoch` would have written at `base_offset`.
inline protocol::RecordBatch leader_batch(Offset base_offset, int32_t epoch, int count,
                                          const std::string& prefix = "v") {
    protocol::RecordBatch batch = make_batch(count, prefix);
    batch.base_offset = base_offset;
    batch.partition_leader_epoch = epoch;
    for (int i = 0; i < count; ++i) batch.records[i].offset = base_offset + i;
    return batch;
}

}  // namespace core::log::testing
