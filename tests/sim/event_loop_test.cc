// The event loop: events run in (time, insertion sequence) order and nothing else,
// cancelled events never run, stale handles can't cancel a reused slot, and run_until
// leaves the clock exactly at its bound.

#include "sim/event_loop.h"

#include <gtest/gtest.h>

#include <vector>

namespace sim {
namespace {

struct Recorder final : EventHandler {
    explicit Recorder(EventLoop& loop) : loop(loop) {}
    void on_event(uint64_t a, uint64_t b, uint64_t) override {
        seen.push_back(a);
        times.push_back(loop.now());
        (void)b;
    }
    EventLoop& loop;
    std::vector<uint64_t> seen;
    std::vector<Time> times;
};

TEST(EventLoop, RunsEventsInTimeOrder) {
    EventLoop loop;
    Recorder recorder(loop);
    loop.schedule_at(30, &recorder, 3);
    loop.schedule_at(10, &recorder, 1);
    loop.schedule_at(20, &recorder, 2);
    loop.run_until(100);
    EXPECT_EQ(recorder.seen, (std::vector<uint64_t>{1, 2, 3}));
    EXPECT_EQ(recorder.times, (std::vector<Time>{10, 20, 30}));
}

TEST(EventLoop, BreaksTiesByInsertionOrder) {
    EventLoop loop;
    Recorder recorder(loop);
    for (uint64_t i = 0; i < 50; ++i) loop.schedule_at(7, &recorder, i);
    loop.run_until(7);
    ASSERT_EQ(recorder.seen.size(), 50u);
    for (uint64_t i = 0; i < 50; ++i) EXPECT_EQ(recorder.seen[i], i);
}

TEST(EventLoop, CancelledEventNeverRuns) {
    EventLoop loop;
    Recorder recorder(loop);
    loop.schedule_at(10, &recorder, 1);
    const EventId id = loop.schedule_at(20, &recorder, 2);
    loop.schedule_at(30, &recorder, 3);
    EXPECT_TRUE(loop.cancel(id));
    EXPECT_EQ(loop.pending(), 2u);
    loop.run_until(100);
    EXPECT_EQ(recorder.seen, (std::vector<uint64_t>{1, 3}));
}

TEST(EventLoop, CancellingTwiceOrAfterRunningReturnsFalse) {
    EventLoop loop;
    Recorder recorder(loop);
    const EventId ran = loop.schedule_at(1, &recorder, 1);
    const EventId cancelled = loop.schedule_at(2, &recorder, 2);
    EXPECT_TRUE(loop.cancel(cancelled));
    EXPECT_FALSE(loop.cancel(cancelled));
    loop.run_until(10);
    EXPECT_FALSE(loop.cancel(ran));
    EXPECT_FALSE(loop.cancel(EventId{}));
}

TEST(EventLoop, StaleHandleCannotCancelTheEventThatReusedItsSlot) {
    EventLoop loop;
    Recorder recorder(loop);
    const EventId old_id = loop.schedule_at(1, &recorder, 1);
    loop.run_until(1);
    const EventId new_id = loop.schedule_at(5, &recorder, 2);  // reuses the freed slot
    EXPECT_NE(old_id.value, new_id.value);
    EXPECT_FALSE(loop.cancel(old_id));
    loop.run_until(10);
    EXPECT_EQ(recorder.seen, (std::vector<uint64_t>{1, 2}));
}

TEST(EventLoop, RunUntilStopsAtTheBoundAndSetsTheClockThere) {
    EventLoop loop;
    Recorder recorder(loop);
    loop.schedule_at(10, &recorder, 1);
    loop.schedule_at(11, &recorder, 2);
    loop.run_until(10);
    EXPECT_EQ(recorder.seen, (std::vector<uint64_t>{1}));
    EXPECT_EQ(loop.now(), 10);
    EXPECT_EQ(loop.next_time(), 11);
    loop.run_for(5);
    EXPECT_EQ(loop.now(), 15);
    EXPECT_EQ(loop.next_time(), kTimeNever);
}

struct Rescheduler final : EventHandler {
    explicit Rescheduler(EventLoop& loop) : loop(loop) {}
    void on_event(uint64_t a, uint64_t, uint64_t) override {
        ++count;
        if (a > 0) loop.schedule_after(0, this, a - 1);
    }
    EventLoop& loop;
    int count = 0;
};

TEST(EventLoop, HandlerMayScheduleAtTheCurrentTimeAndItRunsInTheSameRun) {
    EventLoop loop;
    Rescheduler handler(loop);
    loop.schedule_at(5, &handler, 9);
    loop.run_until(5);
    EXPECT_EQ(handler.count, 10);
    EXPECT_EQ(loop.dispatched(), 10u);
}

TEST(EventLoop, ManyInterleavedEventsComeOutSorted) {
    EventLoop loop;
    Recorder recorder(loop);
    uint64_t x = 12345;
    for (uint64_t i = 0; i < 5000; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        const EventId id = loop.schedule_at(static_cast<Time>(x >> 50), &recorder, i);
        if (i % 7 == 0) loop.cancel(id);
    }
    loop.run_until(kTimeNever - 1);
    EXPECT_EQ(recorder.seen.size(), 5000u - 715u);
    for (size_t i = 1; i < recorder.times.size(); ++i) {
        EXPECT_LE(recorder.times[i - 1], recorder.times[i]);
        if (recorder.times[i - 1] == recorder.times[i]) {
            EXPECT_LT(recorder.seen[i - 1], recorder.seen[i]);
        }
    }
}

}  // namespace
}  // namespace sim
