#include "sim/event_loop.h"

#include "sim/assert.h"

namespace sim {
namespace {

// An EventId packs the slot index + 1 (so 0 stays "none") and the slot's generation.
uint64_t pack(uint32_t slot, uint32_t generation) {
    return (static_cast<uint64_t>(generation) << 32) | (static_cast<uint64_t>(slot) + 1);
}

}  // namespace

EventId EventLoop::schedule_at(Time at, EventHandler* handler, uint64_t a, uint64_t b) {
    KS_ASSERT(at >= now_);
    KS_ASSERT(handler != nullptr);
    uint32_t slot_index;
    if (!free_slots_.empty()) {
        slot_index = free_slots_.back();
        free_slots_.pop_back();
    } else {
        slot_index = static_cast<uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    Slot& slot = slots_[slot_index];
    slot.handler = handler;
    slot.a = a;
    slot.b = b;
    slot.live = true;
    ++live_;

    // Sift up: move the hole toward the root instead of swapping at each level.
    HeapEntry entry{at, next_sequence_++, slot_index, slot.generation};
    size_t hole = heap_.size();
    heap_.push_back(entry);
    while (hole > 0) {
        const size_t parent = (hole - 1) / 2;
        if (!later(heap_[parent], entry)) break;
        heap_[hole] = heap_[parent];
        hole = parent;
    }
    heap_[hole] = entry;
    return EventId{pack(slot_index, slot.generation)};
}

EventId EventLoop::schedule_after(Duration after, EventHandler* handler, uint64_t a,
                                  uint64_t b) {
    KS_ASSERT(after >= 0);
    return schedule_at(now_ + after, handler, a, b);
}

bool EventLoop::cancel(EventId id) {
    if (!id) return false;
    const uint32_t slot_index = static_cast<uint32_t>(id.value & 0xffffffffULL) - 1;
    const uint32_t generation = static_cast<uint32_t>(id.value >> 32);
    if (slot_index >= slots_.size()) return false;
    Slot& slot = slots_[slot_index];
    if (!slot.live || slot.generation != generation) return false;
    // The heap entry stays; it is recognised as dead by its stale generation and skipped.
    slot.live = false;
    ++slot.generation;
    --live_;
    free_slots_.push_back(slot_index);
    return true;
}

// Removes the root of the heap (sift the last entry down from the root).
void EventLoop::pop_root() {
    const HeapEntry last = heap_.back();
    heap_.pop_back();
    const size_t size = heap_.size();
    if (size == 0) return;
    size_t hole = 0;
    while (true) {
        size_t child = 2 * hole + 1;
        if (child >= size) break;
        if (child + 1 < size && later(heap_[child], heap_[child + 1])) ++child;
        if (!later(last, heap_[child])) break;
        heap_[hole] = heap_[child];
        hole = child;
    }
    heap_[hole] = last;
}

void EventLoop::pop_dead() {
    while (!heap_.empty()) {
        const HeapEntry& top = heap_.front();
        const Slot& slot = slots_[top.slot];
        if (slot.live && slot.generation == top.generation) return;
        pop_root();
    }
}

bool EventLoop::run_one() {
    pop_dead();
    if (heap_.empty()) return false;
    const HeapEntry top = heap_.front();
    pop_root();
    Slot& slot = slots_[top.slot];
    KS_ASSERT(top.time >= now_);
    now_ = top.time;
    EventHandler* handler = slot.handler;
    const uint64_t a = slot.a;
    const uint64_t b = slot.b;
    // Free the slot before dispatch so the handler may schedule into it right away.
    slot.live = false;
    ++slot.generation;
    --live_;
    free_slots_.push_back(top.slot);
    ++dispatched_;
    handler->on_event(a, b);
    return true;
}

void EventLoop::run_until(Time until) {
    KS_ASSERT(until >= now_);
    while (true) {
        pop_dead();
        if (heap_.empty() || heap_.front().time > until) break;
        run_one();
    }
    now_ = until;
}

Time EventLoop::next_time() {
    pop_dead();
    return heap_.empty() ? kTimeNever : heap_.front().time;
}

}  // namespace sim
