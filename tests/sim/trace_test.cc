// The trace: the rolling hash depends on every field and on order, and the Chrome
// trace-event export is JSON that Perfetto loads (a traceEvents array of named events).

#include "sim/trace.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sim {
namespace {

TEST(Trace, EqualEventsGiveEqualHashes) {
    Trace a;
    Trace b;
    a.record(5, TraceKind::Message, 1, 2, "Produce", 9);
    b.record(5, TraceKind::Message, 1, 2, "Produce", 9);
    EXPECT_EQ(a.hash(), b.hash());
}

TEST(Trace, AnyFieldChangesTheHash) {
    Trace base;
    base.record(5, TraceKind::Message, 1, 2, "Produce", 9);
    const std::vector<TraceEvent> variants = {
        {6, TraceKind::Message, 1, 2, "Produce", 9}, {5, TraceKind::Timer, 1, 2, "Produce", 9},
        {5, TraceKind::Message, 3, 2, "Produce", 9}, {5, TraceKind::Message, 1, 3, "Produce", 9},
        {5, TraceKind::Message, 1, 2, "Fetch", 9},   {5, TraceKind::Message, 1, 2, "Produce", 8}};
    for (const TraceEvent& e : variants) {
        Trace other;
        other.record(e.time, e.kind, e.node, e.peer, e.name, e.detail);
        EXPECT_NE(other.hash(), base.hash()) << e.name;
    }
}

TEST(Trace, OrderOfEventsChangesTheHash) {
    Trace a;
    Trace b;
    a.record(1, TraceKind::Note, 1, kNoNode, "x", 0);
    a.record(1, TraceKind::Note, 1, kNoNode, "y", 0);
    b.record(1, TraceKind::Note, 1, kNoNode, "y", 0);
    b.record(1, TraceKind::Note, 1, kNoNode, "x", 0);
    EXPECT_NE(a.hash(), b.hash());
}

TEST(Trace, EventsAreKeptOnlyWhenAsked) {
    Trace lean;
    Trace keeping(true);
    lean.record(1, TraceKind::Note, 1, kNoNode, "x", 0);
    keeping.record(1, TraceKind::Note, 1, kNoNode, "x", 0);
    EXPECT_TRUE(lean.events().empty());
    ASSERT_EQ(keeping.events().size(), 1u);
    EXPECT_EQ(lean.hash(), keeping.hash());
}

TEST(Trace, ChromeExportIsValidJsonWithOneEventPerRecordAndNamedTracks) {
    Trace trace(true);
    trace.set_node_name(1, "broker-1");
    trace.record(1500, TraceKind::Message, 1, 2, "Fetch", 3);
    trace.record(2000, TraceKind::Fault, kNoNode, kNoNode, "partition-halves", 0);
    const auto document = nlohmann::json::parse(chrome_trace_json(trace));
    const auto& events = document.at("traceEvents");
    int instants = 0;
    bool named_broker = false;
    for (const auto& event : events) {
        if (event.at("ph") == "i") {
            ++instants;
            EXPECT_TRUE(event.contains("ts"));
        }
        if (event.at("ph") == "M" && event.at("args").at("name") == "broker-1") {
            named_broker = true;
        }
    }
    EXPECT_EQ(instants, 2);
    EXPECT_TRUE(named_broker);
    EXPECT_DOUBLE_EQ(events.back().at("ts").get<double>(), 2.0);
}

}  // namespace
}  // namespace sim
