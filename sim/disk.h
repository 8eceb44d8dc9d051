#pragma once
// One node's disk: named files of bytes. A write lands in the OS page cache at once and
// survives a process crash; only fsync makes it survive a power loss.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.h"

namespace sim {

class EventLoop;

struct DiskOptions {
    /// Time an fsync takes before the caller may treat the data as durable.
    Duration fsync_latency_ns = 2 * kMillisecond;
};

class Disk {
   public:
    explicit Disk(DiskOptions options = {}) : options_(options) {}

    /// Appends bytes to `file`, creating it if needed. Not durable until fsync.
    void append(const std::string& file, std::string_view bytes);
    /// Replaces the whole content of `file` (like write-to-temp then rename).
    void write_file(const std::string& file, std::string bytes);
    /// Shortens `file` to `size` bytes. REQUIRES: size <= current size.
    void truncate(const std::string& file, uint64_t size);
    void remove(const std::string& file);

    /// The content the process sees (page cache included); nullptr when absent.
    const std::string* read(const std::string& file) const;
    bool exists(const std::string& file) const { return read(file) != nullptr; }
    /// Names of files starting with `prefix`, sorted.
    std::vector<std::string> list(std::string_view prefix) const;

    /// Makes everything written to `file` so far durable. Returns how long the caller
    /// must wait before acting on that durability (fsync latency plus any slow-disk
    /// fault). The data is marked durable at the call; the latency models the wait.
    Duration fsync(const std::string& file);
    /// fsync of every file (a full flush).
    Duration fsync_all();

    /// Process crash: the page cache survives, so nothing is lost.
    void on_process_crash() {}
    /// Power loss: every file reverts to what its last fsync made durable; files never
    /// synced disappear; removals and truncations never synced are undone.
    void on_power_loss();

    /// Slow-disk fault: every fsync takes `extra` longer until set back to 0.
    void set_extra_latency(Duration extra) { extra_latency_ns_ = extra; }
    /// Disk-stall fault: the device completes no fsync before `until`, so one issued
    /// meanwhile waits out the rest of the stall before its own latency; 0 (or a time
    /// past) resumes it. Reads are served from the page cache and do not wait. REQUIRES:
    /// a clock (set_clock).
    void stall_until(Time until);
    /// The clock a stall is measured against (the node's World sets it).
    void set_clock(const EventLoop* clock) { clock_ = clock; }

    uint64_t bytes_written() const { return bytes_written_; }
    uint64_t fsync_count() const { return fsync_count_; }

   private:
    struct File {
        std::string data;         // what the process sees
        std::string durable;      // what survives a power loss
        bool durable_exists = false;
        bool exists = true;
        // False while only appends happened since the last fsync: the next fsync then
        // copies just the new tail, so a log that appends and syncs stays linear.
        bool rewritten = true;
    };
    static void make_durable(File& file);
    Duration fsync_latency() const;
    DiskOptions options_;
    Duration extra_latency_ns_ = 0;
    const EventLoop* clock_ = nullptr;
    Time stalled_until_ = 0;
    std::map<std::string, File> files_;
    uint64_t bytes_written_ = 0;
    uint64_t fsync_count_ = 0;
};

}  // namespace sim
