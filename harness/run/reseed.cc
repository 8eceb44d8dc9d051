#include "harness/run/reseed.h"

#include <algorithm>

#include "sim/assert.h"
#include "sim/faults/nemesis.h"
#include "sim/faults/schedule.h"
#include "sim/world.h"

namespace harness {

ReseedHook::ReseedHook(sim::World& world, sim::Time at, uint64_t salt)
    : world_(world), salt_(salt) {
    world.loop().schedule_at(std::max(at, world.now()), this, 0, 0);
}

ReseedHook::~ReseedHook() = default;

void ReseedHook::attach(sim::FaultSchedule* schedule, sim::Nemesis* nemesis) {
    schedule_ = schedule;
    nemesis_ = nemesis;
}

void ReseedHook::on_event(uint64_t, uint64_t) {
    KS_ASSERT(!done_);
    done_ = true;
    world_.reseed(salt_);
    if (schedule_ != nullptr) schedule_->reseed();
    if (nemesis_ != nullptr) nemesis_->reseed();
}

}  // namespace harness
