// Fault specs: every registered kind parses its defaults, and each kind of mistake in a
// spec (missing or unknown kind, unknown key, bad duration) gets an error that says what
// was expected.

#include "sim/faults/fault.h"

#include <gtest/gtest.h>

#include "sim/rng.h"

namespace sim {
namespace {

std::string error_of(const FaultSpec& spec) {
    Result<std::unique_ptr<Fault>> result = parse_fault(spec);
    EXPECT_FALSE(result.ok());
    return result.ok() ? "" : result.error().what;
}

TEST(Fault, RegistryListsEveryKindOfTheDesignOnce) {
    const std::vector<std::string_view> expected = {
        "crash",          "power-loss",       "pause", "isolate",   "partition-halves",
        "partition-ring", "partition-bridge", "partition-one-way", "delay", "slow-disk",
        "clock-skew",     "disk-stall"};
    std::vector<std::string_view> names;
    for (const FaultKind& kind : fault_kinds()) names.push_back(kind.name);
    EXPECT_EQ(names, expected);
}

TEST(Fault, EveryKindParsesItsOwnDrawnSpecAndReportsItsName) {
    Rng rng(1);
    for (const FaultKind& kind : fault_kinds()) {
        Result<std::unique_ptr<Fault>> fault = parse_fault(kind.draw(rng));
        ASSERT_TRUE(fault.ok()) << kind.name;
        EXPECT_EQ(fault.value()->kind(), kind.name);
    }
}

TEST(Fault, MissingKindIsAnError) {
    EXPECT_NE(error_of({{"target", "1"}}).find("needs a \"kind\""), std::string::npos);
}

TEST(Fault, UnknownKindListsTheKnownOnes) {
    const std::string what = error_of({{"kind", "meteor"}});
    EXPECT_NE(what.find("unknown fault kind \"meteor\""), std::string::npos);
    EXPECT_NE(what.find("partition-halves"), std::string::npos);
}

TEST(Fault, UnknownKeyNamesTheKeyAndTheExpectedOnes) {
    const std::string what = error_of({{"kind", "delay"}, {"latncy", "5ms"}});
    EXPECT_NE(what.find("unknown key \"latncy\""), std::string::npos);
    EXPECT_NE(what.find("latency"), std::string::npos);
}

TEST(Fault, BadDurationNamesTheKey) {
    const std::string what = error_of({{"kind", "slow-disk"}, {"latency", "5"}});
    EXPECT_NE(what.find("\"latency\""), std::string::npos);
    EXPECT_NE(what.find("expected a duration"), std::string::npos);
}

TEST(Fault, ClockSkewAcceptsNegativeSkewButDelayDoesNotAcceptNegativeLatency) {
    EXPECT_TRUE(parse_fault({{"kind", "clock-skew"}, {"skew", "-500ms"}}).ok());
    EXPECT_FALSE(parse_fault({{"kind", "delay"}, {"latency", "-5ms"}}).ok());
}

}  // namespace
}  // namespace sim
