// The shell's own world controls: their arguments, and usage errors that keep the shell
// alive instead of acting on a guess.
#include <gtest/gtest.h>

#include "harness/shell/consumer_groups.h"
#include "harness/shell/shell_world.h"
#include "harness/shell/world_commands.h"

namespace harness::shell {
namespace {

TEST(WorldCommands, PauseReadsTheBrokerAndTheDuration) {
    auto command = parse_world_command({"pause", "2", "5s"});
    ASSERT_TRUE(command.ok());
    EXPECT_EQ(command.value().kind, WorldCommand::Kind::Pause);
    EXPECT_EQ(command.value().nodes, std::vector<int32_t>{2});
    EXPECT_EQ(command.value().duration, 5 * sim::kSecond);
}

TEST(WorldCommands, PartitionReadsBothSidesInAnySpacing) {
    for (const auto& words : std::vector<std::vector<std::string>>{
             {"partition", "1,2", "|", "3"},
             {"partition", "1,2|3"},
             {"partition", "1,", "2|", "3"}}) {
        auto command = parse_world_command(words);
        ASSERT_TRUE(command.ok()) << words[1];
        EXPECT_EQ(command.value().nodes, (std::vector<int32_t>{1, 2}));
        EXPECT_EQ(command.value().other_side, std::vector<int32_t>{3});
    }
}

TEST(WorldCommands, PowerLossAndIsolateTakeOneBroker) {
    auto power_loss = parse_world_command({"power-loss", "2"});
    ASSERT_TRUE(power_loss.ok());
    EXPECT_EQ(power_loss.value().kind, WorldCommand::Kind::PowerLoss);
    EXPECT_EQ(power_loss.value().nodes, std::vector<int32_t>{2});
    auto isolate = parse_world_command({"isolate", "3"});
    ASSERT_TRUE(isolate.ok());
    EXPECT_EQ(isolate.value().kind, WorldCommand::Kind::Isolate);
    EXPECT_EQ(isolate.value().nodes, std::vector<int32_t>{3});
    EXPECT_EQ(parse_world_command({"isolate", "1,2"}).error().what, "usage: isolate BROKER");
}

TEST(WorldCommands, BadArgumentsSayTheUsage) {
    EXPECT_EQ(parse_world_command({"crash"}).error().what, "usage: crash BROKER");
    EXPECT_EQ(parse_world_command({"crash", "x"}).error().what, "usage: crash BROKER");
    EXPECT_EQ(parse_world_command({"sleep", "soon"}).error().what, "usage: sleep DURATION");
    EXPECT_EQ(parse_world_command({"sleep", "2h"}).error().what,
              "sleep: expected a duration <= 1h, got \"2h\"");
    EXPECT_EQ(parse_world_command({"pause", "1", "30d"}).error().what,
              "pause: expected a duration <= 1h, got \"30d\"");
    EXPECT_EQ(parse_world_command({"partition", "1", "2"}).error().what,
              "usage: partition B1,B2 | B3");
}

TEST(WorldCommands, OnlyTheShellsOwnCommandsAreWorldCommands) {
    EXPECT_TRUE(is_world_command("stop-consumer"));
    EXPECT_TRUE(is_world_command("quit"));
    EXPECT_FALSE(is_world_command("kafka-topics"));
}

TEST(ShellWorld, LogTimestampsCountVirtualTimeFromTheEpoch) {
    EXPECT_EQ(log_timestamp(0), "1970-01-01 00:00:00,000");
    EXPECT_EQ(log_timestamp(3723 * sim::kSecond + 45 * sim::kMillisecond),
              "1970-01-01 01:02:03,045");
}

TEST(ConsumerGroups, TheDescribeTableHasKafkasColumnsAndLag) {
    GroupOffsetRow assigned{"first_topic", 0, 3, 5, "consumer-1-abc", "/127.0.0.1", "consumer-1"};
    GroupOffsetRow unassigned{"first_topic", 1, std::nullopt, 4, "", "", ""};
    const std::string text = format_group_offsets("g", {assigned, unassigned});
    EXPECT_EQ(text,
              "\n"
              "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG     "
              "        CONSUMER-ID     HOST            CLIENT-ID\n"
              "g               first_topic     0          3               5               2       "
              "        consumer-1-abc  /127.0.0.1      consumer-1\n"
              "g               first_topic     1          -               4               -       "
              "        -               -               -\n");
}

}  // namespace
}  // namespace harness::shell
