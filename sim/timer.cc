#include "sim/timer.h"

#include "sim/assert.h"

namespace sim {

TimerTarget::~TimerTarget() {
    if (table_ != nullptr) table_->remove(*this);
}

TimerTargets::~TimerTargets() {
    // Targets that outlive the table (a test's env destroyed first) must not reach it.
    for (Slot& slot : slots_) {
        if (slot.target != nullptr) slot.target->table_ = nullptr;
    }
}

uint64_t TimerTargets::handle(TimerTarget& target) {
    if (target.table_ == this) return target.handle_;
    // REQUIRES: a target is aimed at by one node's timers only.
    KS_ASSERT(target.table_ == nullptr);
    uint32_t index;
    if (!free_.empty()) {
        index = free_.back();
        free_.pop_back();
    } else {
        index = static_cast<uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    Slot& slot = slots_[index];
    slot.target = &target;
    target.table_ = this;
    target.handle_ = (static_cast<uint64_t>(slot.generation) << 32) | (uint64_t{index} + 1);
    return target.handle_;
}

bool TimerTargets::fire(uint64_t handle, uint64_t payload) {
    const uint64_t low = handle & 0xffffffffULL;
    KS_ASSERT(low != 0);
    const auto index = static_cast<uint32_t>(low - 1);
    if (index >= slots_.size()) return false;
    const Slot& slot = slots_[index];
    if (slot.target == nullptr || slot.generation != static_cast<uint32_t>(handle >> 32)) {
        return false;
    }
    slot.target->on_timer(payload);
    return true;
}

void TimerTargets::remove(TimerTarget& target) {
    const auto index = static_cast<uint32_t>((target.handle_ & 0xffffffffULL) - 1);
    KS_ASSERT(index < slots_.size());
    Slot& slot = slots_[index];
    KS_ASSERT(slot.target == &target);
    slot.target = nullptr;
    ++slot.generation;
    free_.push_back(index);
    target.table_ = nullptr;
    target.handle_ = 0;
}

}  // namespace sim
