#pragma once
// The event kernel: a binary min-heap of small POD events ordered by (time, sequence),
// with a pooled slot per event so scheduling and dispatch never allocate once warm.

#include <cstdint>
#include <vector>

#include "sim/time.h"

namespace sim {

/// Whoever an event is for. One virtual call per dispatch; no closure per event.
class EventHandler {
   public:
    virtual ~EventHandler() = default;
    virtual void on_event(uint64_t a, uint64_t b) = 0;
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
    EventId schedule_at(Time at, EventHandler* handler, uint64_t a = 0, uint64_t b = 0);
    EventId schedule_after(Duration after, EventHandler* handler, uint64_t a = 0, uint64_t b = 0);
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
    struct Slot {
        EventHandler* handler = nullptr;
        uint64_t a = 0;
        uint64_t b = 0;
        uint32_t generation = 1;
        bool live = false;
    };
    struct HeapEntry {
        Time time;
        uint64_t sequence;
        uint32_t slot;
        uint32_t generation;
    };
    static bool later(const HeapEntry& x, const HeapEntry& y) {
        return x.time != y.time ? x.time > y.time : x.sequence > y.sequence;
    }
    void pop_dead();
    void pop_root();

    Time now_ = 0;
    uint64_t next_sequence_ = 0;
    uint64_t dispatched_ = 0;
    size_t live_ = 0;
    std::vector<HeapEntry> heap_;
    std::vector<Slot> slots_;
    std::vector<uint32_t> free_slots_;
};

}  // namespace sim
