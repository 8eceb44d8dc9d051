#pragma once
// RunOptions::reseed_at as an event: at that virtual time the World and the fault
// streams the harness holds (schedule, nemesis) re-derive their randomness from
// (seed, salt). Explain bisects over that time.

#include <cstdint>

#include "sim/event_loop.h"
#include "sim/time.h"

namespace sim {
class World;
class FaultSchedule;
class Nemesis;
}  // namespace sim

namespace harness {

class ReseedHook final : public sim::EventHandler {
   public:
    /// Schedules the reseed at `at` (or at once when `at` has passed). REQUIRES: outlives
    /// the run.
    ReseedHook(sim::World& world, sim::Time at, uint64_t salt);
    ~ReseedHook() override;

    /// Streams built before the reseed that must re-derive with it; either may be null.
    /// Streams built after it derive from the reseeded root by themselves.
    void attach(sim::FaultSchedule* schedule, sim::Nemesis* nemesis);

    void on_event(uint64_t a, uint64_t b) override;

   private:
    sim::World& world_;
    uint64_t salt_;
    bool done_ = false;
    sim::FaultSchedule* schedule_ = nullptr;
    sim::Nemesis* nemesis_ = nullptr;
};

}  // namespace harness
