#pragma once
// Timers aimed at their owner: a component that starts a timer names itself (a
// TimerTarget) and a small payload, so no Process routes timers by hand and no component
// packs its name into the payload's bits.

#include <cstdint>
#include <vector>

namespace sim {

class TimerTargets;

/// Whatever a timer is aimed at. A target registers with its node's table on its first
/// timer and leaves it when destroyed, so a timer whose target is gone (a client object
/// the process replaced) is dropped instead of calling a dead object.
class TimerTarget {
 public:
    /// The timer started with `payload` fired.
    virtual void on_timer(uint64_t payload) = 0;

    TimerTarget(const TimerTarget&) = delete;
    TimerTarget& operator=(const TimerTarget&) = delete;

 protected:
    TimerTarget() = default;
    ~TimerTarget();

 private:
    friend class TimerTargets;
    TimerTargets* table_ = nullptr;
    /// Slot index + 1 in the low 32 bits (0: not registered), slot generation above.
    uint64_t handle_ = 0;
};

/// A TimerTarget that calls one member function of its owner: a component with several
/// kinds of timer holds one of these per kind, so the payload is just the kind's datum.
template <typename Owner, void (Owner::*Handler)(uint64_t payload)>
class TimerMember final : public TimerTarget {
 public:
    explicit TimerMember(Owner& owner) : owner_(owner) {}
    void on_timer(uint64_t payload) override { (owner_.*Handler)(payload); }

 private:
    Owner& owner_;
};

/// One node's live timer targets: a handle names a slot and its generation, so a handle
/// of a destroyed target never reaches the target that reuses the slot. Deterministic:
/// handles depend only on the order targets first start timers and are destroyed.
class TimerTargets {
 public:
    TimerTargets() = default;
    ~TimerTargets();
    TimerTargets(const TimerTargets&) = delete;
    TimerTargets& operator=(const TimerTargets&) = delete;

    /// The handle of `target`, registering it on first use.
    uint64_t handle(TimerTarget& target);
    /// Calls the target of `handle` with `payload`; false (nothing called) when the
    /// target is gone.
    bool fire(uint64_t handle, uint64_t payload);

 private:
    friend class TimerTarget;
    struct Slot {
        TimerTarget* target = nullptr;
        uint32_t generation = 1;
    };
    void remove(TimerTarget& target);

    std::vector<Slot> slots_;
    std::vector<uint32_t> free_;
};

}  // namespace sim
