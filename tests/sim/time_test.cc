// Time: durations always name their unit; parse_duration accepts the documented forms,
// rejects everything else with a message saying what was expected, and formatting is
// exact and round-trips.

#include "sim/time.h"

#include <gtest/gtest.h>

namespace sim {
namespace {

using namespace sim::literals;

TEST(Time, LiteralsAreNanoseconds) {
    EXPECT_EQ(1_us, 1000);
    EXPECT_EQ(2_ms, 2000000);
    EXPECT_EQ(3_s, 3000000000);
    EXPECT_EQ(1_min, 60_s);
}

TEST(Time, ParsesEveryUnit) {
    EXPECT_EQ(parse_duration("100ns").value(), 100);
    EXPECT_EQ(parse_duration("250us").value(), 250_us);
    EXPECT_EQ(parse_duration("5ms").value(), 5_ms);
    EXPECT_EQ(parse_duration("5s").value(), 5_s);
    EXPECT_EQ(parse_duration("2m").value(), 2_min);
    EXPECT_EQ(parse_duration("2min").value(), 2_min);
    EXPECT_EQ(parse_duration("1h").value(), 60_min);
    EXPECT_EQ(parse_duration("0s").value(), 0);
}

TEST(Time, ADurationPastInt64NanosecondsIsTooLarge) {
    for (const char* big : {"99999999999999999999s", "300000000000000000ms", "107000d"}) {
        Result<Duration> parsed = parse_duration(big);
        ASSERT_FALSE(parsed.ok()) << big;
        EXPECT_EQ(parsed.error().what, std::string("expected a duration of at most 292 years, "
                                                   "got \"") + big + "\" (too large)");
    }
}

TEST(Time, ParsesFractions) {
    EXPECT_EQ(parse_duration("1.5ms").value(), 1500_us);
    EXPECT_EQ(parse_duration("0.25s").value(), 250_ms);
}

TEST(Time, RejectsMalformedDurationsWithAMessageSayingWhatWasExpected) {
    for (const char* bad : {"", "5", "ms", "5 s", "5sec", "-1s", "1.5ns", "s5", "1..5s"}) {
        Result<Duration> parsed = parse_duration(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_NE(parsed.error().what.find("expected a duration"), std::string::npos) << bad;
        EXPECT_NE(parsed.error().what.find(std::string("\"") + bad + "\""), std::string::npos);
    }
}

TEST(Time, FormatsInTheLargestExactUnitAndRoundTrips) {
    EXPECT_EQ(format_duration(5_s), "5s");
    EXPECT_EQ(format_duration(1500_ms), "1500ms");
    EXPECT_EQ(format_duration(250_us), "250us");
    EXPECT_EQ(format_duration(0), "0s");
    EXPECT_EQ(format_duration(-3_ms), "-3ms");
    for (Duration d : {Duration(1), 7_us, 1500_ms, 2_min, 3_s + 1}) {
        EXPECT_EQ(parse_duration(format_duration(d)).value(), d);
    }
}

TEST(Time, MillisecondHelpersMatchKafkaConfigUnits) {
    EXPECT_EQ(from_ms(30000), 30_s);
    EXPECT_EQ(to_ms(1500_us), 1);
}

}  // namespace
}  // namespace sim
