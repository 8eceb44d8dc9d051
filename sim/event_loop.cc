#include "sim/event_loop.h"

#include "sim/assert.h"

namespace sim {
namespace {

// An EventId packs the slot index + 1 (so 0 stays "none") and the slot's generation.
uint64_t pack(uint32_t slot, uint32_t generation) {
    return (static_cast<uint64_t>(generation) << 32) | (static_cast<uint64_t>(slot) + 1);
}

// A 4-ary heap: half the depth of a binary one, and a node's children are contiguous.
constexpr size_t kArity = 4;

}  // namespace

EventId EventLoop::schedule_at(Time at, EventHandler* handler, uint64_t a, uint64_t b, uint64_t c) {
    KS_ASSERT(at >= now_);
    KS_ASSERT(handler != nullptr);
    uint32_t slot_index;
    if (!free_slots_.empty()) {
        slot_index = free_slots_.back();
        free_slots_.pop_back();
    } else {
        slot_index = static_cast<uint32_t>(slots_.size());
        KS_ASSERT(slot_index <= kSlotMask);  // more pending events than a key can name
        slots_.emplace_back();
    }
    Slot& slot = slots_[slot_index];
    slot.handler = handler;
    slot.a = a;
    slot.b = b;
    slot.c = c;
    slot.live = true;
    ++live_;

    KS_ASSERT(next_sequence_ < (uint64_t{1} << (64 - kSlotBits)));
    const HeapEntry entry{at, (next_sequence_++ << kSlotBits) | slot_index};
    heap_.push_back(entry);
    sift_up(heap_.size() - 1, entry);
    return EventId{pack(slot_index, slot.generation)};
}

EventId EventLoop::schedule_after(Duration after, EventHandler* handler, uint64_t a, uint64_t b,
                                  uint64_t c) {
    KS_ASSERT(after >= 0);
    return schedule_at(now_ + after, handler, a, b, c);
}

bool EventLoop::cancel(EventId id) {
    if (!id) return false;
    const uint32_t slot_index = static_cast<uint32_t>(id.value & 0xffffffffULL) - 1;
    const uint32_t generation = static_cast<uint32_t>(id.value >> 32);
    if (slot_index >= slots_.size()) return false;
    Slot& slot = slots_[slot_index];
    if (!slot.live || slot.generation != generation) return false;
    // The heap entry stays and is skipped when it reaches the top; the slot is freed then.
    slot.live = false;
    ++slot.generation;
    --live_;
    return true;
}

void EventLoop::free_slot(uint32_t slot_index) {
    free_slots_.push_back(slot_index);
}

// Puts `entry` at the empty `hole` or above it: the hole moves toward the root while its
// parent is later, instead of swapping at each level.
void EventLoop::sift_up(size_t hole, const HeapEntry& entry) {
    while (hole > 0) {
        const size_t parent = (hole - 1) / kArity;
        if (!later(heap_[parent], entry)) break;
        heap_[hole] = heap_[parent];
        hole = parent;
    }
    heap_[hole] = entry;
}

// Removes the root of the heap, bottom-up (Floyd): the hole sinks along the smallest
// children to a leaf, then the last entry rises from there. The last entry almost always
// belongs near the bottom, so this saves the comparison with it at every level.
void EventLoop::pop_root() {
    const HeapEntry last = heap_.back();
    heap_.pop_back();
    const size_t size = heap_.size();
    if (size == 0) return;
    HeapEntry* heap = heap_.data();
    size_t hole = 0;
    while (true) {
        const size_t first = kArity * hole + 1;
        if (first >= size) break;
        size_t best = first;
        if (first + kArity <= size) {
            // A full node: a fixed four-way minimum the compiler unrolls.
            static_assert(kArity == 4, "the unrolled minimum below compares four children");
            const size_t left = later(heap[first], heap[first + 1]) ? first + 1 : first;
            const size_t right = later(heap[first + 2], heap[first + 3]) ? first + 3 : first + 2;
            best = later(heap[left], heap[right]) ? right : left;
        } else {
            for (size_t child = first + 1; child < size; ++child) {
                if (later(heap[best], heap[child])) best = child;
            }
        }
        heap[hole] = heap[best];
        hole = best;
    }
    sift_up(hole, last);
}

void EventLoop::pop_dead() {
    while (!heap_.empty()) {
        const uint32_t slot_index = static_cast<uint32_t>(heap_.front().key & kSlotMask);
        if (slots_[slot_index].live) return;
        pop_root();
        free_slot(slot_index);
    }
}

bool EventLoop::run_one() {
    pop_dead();
    if (heap_.empty()) return false;
    const HeapEntry top = heap_.front();
    pop_root();
    const uint32_t slot_index = static_cast<uint32_t>(top.key & kSlotMask);
    Slot& slot = slots_[slot_index];
    KS_ASSERT(top.time >= now_);
    now_ = top.time;
    EventHandler* handler = slot.handler;
    const uint64_t a = slot.a;
    const uint64_t b = slot.b;
    const uint64_t c = slot.c;
    // Free the slot before dispatch so the handler may schedule into it right away.
    slot.live = false;
    ++slot.generation;
    --live_;
    free_slot(slot_index);
    ++dispatched_;
    handler->on_event(a, b, c);
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
