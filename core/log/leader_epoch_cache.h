#pragma once
// The leader-epoch cache (KIP-101/KIP-279): for each leader epoch this replica's log
// holds, the offset where that epoch starts, persisted to `<dir>/leader-epoch-checkpoint`.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/protocol/record.h"

namespace sim {
class Disk;
}

namespace core::log {

/// One epoch and the offset of its first record (Kafka's EpochEntry).
struct EpochEntry {
    int32_t epoch = kNoLeaderEpoch;
    Offset start_offset = kNoOffset;

    bool operator==(const EpochEntry&) const = default;
};

/// Entries are strictly increasing in both epoch and start offset. Every change is
/// written to the checkpoint file and fsynced at once, as Kafka's checkpoint files are.
class LeaderEpochCache {
   public:
    /// Loads the checkpoint at `file` when it exists and parses; else starts empty.
    LeaderEpochCache(sim::Disk& disk, std::string file);

    /// Records that `epoch` starts at `start_offset`. A repeat of the latest epoch at a
    /// later offset changes nothing; entries that would break monotonicity (an epoch or
    /// start offset >= the new one) are removed first. Returns whether anything changed.
    /// REQUIRES: epoch >= 0 and start_offset >= 0.
    bool assign(int32_t epoch, Offset start_offset);

    /// Removes every entry starting at or after `end_offset` (the log was truncated there).
    void truncate_from_end(Offset end_offset);
    /// Removes entries wholly before `start_offset`; the latest of them is kept, moved to
    /// start at `start_offset` (the log start moved there).
    void truncate_from_start(Offset start_offset);
    /// Replaces every entry (recovery rebuilds the cache from the log). REQUIRES: the
    /// entries are strictly increasing in epoch and start offset.
    void replace_all(std::vector<EpochEntry> entries);
    void clear_and_flush();

    /// OffsetsForLeaderEpoch: the largest known epoch <= `epoch` and its end offset (the
    /// start of the next larger epoch, or `log_end_offset` for the latest epoch).
    /// {kNoLeaderEpoch, kNoOffset} for an undefined or unknown-larger epoch. An epoch
    /// older than every entry answers {epoch, start of the first entry}.
    std::pair<int32_t, Offset> end_offset_for(int32_t epoch, Offset log_end_offset) const;

    /// kNoLeaderEpoch when empty.
    int32_t latest_epoch() const;
    const std::vector<EpochEntry>& entries() const { return entries_; }

   private:
    void flush();

    sim::Disk& disk_;
    std::string file_;
    std::vector<EpochEntry> entries_;
};

/// The checkpoint text: Kafka's format, "0\n<count>\n<epoch> <offset>\n...".
std::string format_epoch_checkpoint(const std::vector<EpochEntry>& entries);
/// False when the text is not a well-formed, monotonic checkpoint.
bool parse_epoch_checkpoint(const std::string& text, std::vector<EpochEntry>& entries);

}  // namespace core::log
