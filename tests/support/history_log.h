#pragma once
// The record of every client operation a test cluster runs: one row per invoke/ok/fail/
// info with time, process, function, topic, partition, key, value, offset and error —
// the columns of design.md §6's history CSV, so checkers can read it.

#include <cstdint>
#include <deque>
#include <string>

#include "sim/time.h"

namespace kafkasim::test {

struct HistoryOp {
    int64_t index = 0;
    sim::Time time_ns = 0;
    std::string process;
    /// invoke, ok, fail, info (info: outcome unknown, e.g. a timeout).
    std::string type;
    /// send, poll, process, commit, assign, crash.
    std::string f;
    std::string topic;
    int32_t partition = -1;  ///< -1 prints as an empty cell
    bool has_key = false;
    std::string key;
    std::string value;
    int64_t offset = -1;  ///< -1 prints as an empty cell
    /// Kafka's error name (NOT_ENOUGH_REPLICAS), empty when none.
    std::string error;
};

class HistoryLog {
   public:
    /// Appends `op`, numbering it; returns its index.
    int64_t add(HistoryOp op);
    /// A deque: a long run appends millions of rows without relocating them.
    const std::deque<HistoryOp>& ops() const { return ops_; }
    /// `index,time_ns,process,type,f,topic,partition,key,value,offset,error` plus one row
    /// per op; cells with commas or quotes are quoted as RFC 4180 says.
    std::string to_csv() const;

   private:
    std::deque<HistoryOp> ops_;
};

}  // namespace kafkasim::test
