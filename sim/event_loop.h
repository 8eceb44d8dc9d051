#pragma once
// The event kernel: a 4-ary min-heap of small POD events ordered by (time, sequence),
// with a pooled slot per event so scheduling and dispatch never allocate once warm.

#include <cstdint>
#include <vector>

#include "sim/time.h"

namespace sim {

/// Whoever an event is for. One virtual call per dispatch; no closure per event.
class EventHandler {
   public:
    virtual ~EventHandler() = default;
    virtual void on_event(uint64_t a, uint64_t b, uint64_t c) = 0;
};

/// Handle to a scheduled event: slot plus generation, so a stale handle can't cancel a
/// reused slot. 0 means none.
struct EventId {
    uint64_t value = 0;
    explicit operator bool() const { return value != 0; }
};

class EventLoop {
   public:
    Time now() const { return now_; }

    /// REQUIRES: at >= now().
    EventId schedule_at(Time at, EventHandler* handler, uint64_t a = 0, uint64_t b = 0,
                        uint64_t c = 0);
    EventId schedule_after(Duration after, EventHandler* handler, uint64_t a = 0, uint64_t b = 0,
                           uint64_t c = 0);
    /// Returns false when the event already ran or was cancelled.
    bool cancel(EventId id);

    /// Runs the next event; false when none is pending.
    bool run_one();
    /// Runs every event with time <= until, then sets now() to until.
    void run_until(Time until);
    void run_for(Duration duration) { run_until(now_ + duration); }

    /// Time of the next pending event, or kTimeNever.
    Time next_time();
    uint64_t dispatched() const { return dispatched_; }
    size_t pending() const { return live_; }

   private:
    /// A slot holds an event's payload; it stays reserved until its heap entry pops, even
    /// when cancelled, so a heap entry never needs a generation of its own.
    struct Slot {
        EventHandler* handler = nullptr;
        uint64_t a = 0;
        uint64_t b = 0;
        uint64_t c = 0;
        uint32_t generation = 1;
        bool live = false;
    };
    /// 16 bytes: four children of a node share one cache line in the 4-ary heap.
    /// `key` = sequence << kSlotBits | slot, so comparing keys compares sequences.
    struct HeapEntry {
        Time time;
        uint64_t key;
    };
    static constexpr int kSlotBits = 24;
    static constexpr uint64_t kSlotMask = (uint64_t{1} << kSlotBits) - 1;
    // One branch-free 128-bit comparison of (time, key); time is never negative.
    static bool later(const HeapEntry& x, const HeapEntry& y) {
        const unsigned __int128 left =
            (static_cast<unsigned __int128>(static_cast<uint64_t>(x.time)) << 64) | x.key;
        const unsigned __int128 right =
            (static_cast<unsigned __int128>(static_cast<uint64_t>(y.time)) << 64) | y.key;
        return left > right;
    }
    void pop_dead();
    void sift_up(size_t hole, const HeapEntry& entry);
    void pop_root();
    void free_slot(uint32_t slot);

    Time now_ = 0;
    uint64_t next_sequence_ = 0;
    uint64_t dispatched_ = 0;
    size_t live_ = 0;
    std::vector<HeapEntry> heap_;
    std::vector<Slot> slots_;
    std::vector<uint32_t> free_slots_;
};

}  // namespace sim
