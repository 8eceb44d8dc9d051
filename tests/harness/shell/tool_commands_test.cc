// The shell's parsers for Kafka's command-line tools: each accepts the real tools' flags
// (jopt-simple's abbreviations and --name=value included) and rejects what the tools
// reject with the tools' own texts, so a transcript typed against Kafka reads the same.
#include <gtest/gtest.h>

#include "harness/shell/tool_commands.h"
#include "harness/shell/tool_options.h"
#include "harness/shell/words.h"

namespace harness::shell {
namespace {

std::vector<std::string> words(const std::string& line) {
    auto split = split_words(line);
    EXPECT_TRUE(split.ok());
    return split.value();
}

TEST(ShellWords, QuotesAndBackslashesGroupWordsAsBashDoes) {
    EXPECT_EQ(words("a 'b c' \"d e\" f\\ g"),
              (std::vector<std::string>{"a", "b c", "d e", "f g"}));
    EXPECT_EQ(words("  spaced\tout  "), (std::vector<std::string>{"spaced", "out"}));
}

TEST(ShellWords, AnUnmatchedQuoteIsAnError) {
    auto split = split_words("echo 'open");
    ASSERT_FALSE(split.ok());
    EXPECT_NE(split.error().what.find("matching `'"), std::string::npos);
}

TEST(ShellWords, ToolNamesDropThePathAndTheShSuffix) {
    EXPECT_EQ(tool_name("kafka-topics.sh"), "kafka-topics");
    EXPECT_EQ(tool_name("./bin/kafka-topics.sh"), "kafka-topics");
    EXPECT_EQ(tool_name("kafka-topics"), "kafka-topics");
}

TEST(TopicsCommand, CreateReadsTopicPartitionsReplicationFactorAndConfigs) {
    auto command = parse_topics_command(words(
        "--bootstrap-server localhost:9092 --create --topic first_topic --partitions 3 "
        "--replication-factor 1 --config retention.ms=1000 --config=cleanup.policy=compact"));
    ASSERT_TRUE(command.ok()) << command.error().what;
    EXPECT_EQ(command.value().action, TopicsCommand::Action::Create);
    EXPECT_EQ(command.value().topic, "first_topic");
    EXPECT_EQ(command.value().partitions, 3);
    EXPECT_EQ(command.value().replication_factor, 1);
    EXPECT_EQ(command.value().config.at("retention.ms"), "1000");
    EXPECT_EQ(command.value().config.at("cleanup.policy"), "compact");
}

TEST(TopicsCommand, AUniquePrefixOfAnOptionIsThatOption) {
    auto command = parse_topics_command(words("--create --topic t --partition 2 --repl 1"));
    ASSERT_TRUE(command.ok()) << command.error().what;
    EXPECT_EQ(command.value().partitions, 2);
    EXPECT_EQ(command.value().replication_factor, 1);
}

TEST(TopicsCommand, CreateWithoutTopicIsMissingRequiredArgument) {
    auto command = parse_topics_command(words("--create --partitions 3"));
    ASSERT_FALSE(command.ok());
    EXPECT_EQ(command.error().what, "Missing required argument \"[topic]\"");
}

TEST(TopicsCommand, TheZookeeperToolDemandsPartitionsAndReplicationFactor) {
    auto command = parse_topics_command(words("--zookeeper z:2181 --create --topic t"));
    ASSERT_FALSE(command.ok());
    EXPECT_EQ(command.error().what, "Missing required argument \"[partitions]\"");
    auto with_partitions =
        parse_topics_command(words("--zookeeper z:2181 --create --topic t --partitions 3"));
    ASSERT_FALSE(with_partitions.ok());
    EXPECT_EQ(with_partitions.error().what, "Missing required argument \"[replication-factor]\"");
    EXPECT_TRUE(parse_topics_command(words("--bootstrap-server b --create --topic t")).ok());
}

TEST(TopicsCommand, AnUnknownOptionIsJoptSimplesUnrecognizedOption) {
    auto command = parse_topics_command(words("--create --topic t --partitons 3"));
    ASSERT_FALSE(command.ok());
    EXPECT_EQ(command.error().what,
              "Exception in thread \"main\" joptsimple.UnrecognizedOptionException: partitons is "
              "not a recognized option");
}

TEST(TopicsCommand, AnOptionWithoutItsArgumentIsRejected) {
    auto command = parse_topics_command(words("--create --topic"));
    ASSERT_FALSE(command.ok());
    EXPECT_EQ(command.error().what,
              "Exception in thread \"main\" joptsimple.OptionMissingRequiredArgumentException: "
              "Option ['topic'] requires an argument");
}

TEST(TopicsCommand, ANonNumericPartitionCountCannotBeParsed) {
    auto command = parse_topics_command(words("--create --topic t --partitions three"));
    ASSERT_FALSE(command.ok());
    EXPECT_NE(command.error().what.find("Cannot parse argument 'three' of option partitions"),
              std::string::npos);
}

TEST(TopicsCommand, APartitionCountPastJavasIntegerCannotBeParsedNotWrapped) {
    auto command = parse_topics_command(words("--create --topic t --partitions 2147483648"));
    ASSERT_FALSE(command.ok());
    EXPECT_NE(command.error().what.find("Cannot parse argument '2147483648' of option "
                                        "partitions"), std::string::npos);
    auto largest = parse_topics_command(words("--create --topic t --partitions 2147483647"));
    ASSERT_TRUE(largest.ok());
    EXPECT_EQ(largest.value().partitions, 2147483647);
}

TEST(TopicsCommand, ExactlyOneActionIsRequired) {
    const std::string expected =
        "Command must include exactly one action: --list, --describe, --create, --alter or "
        "--delete";
    EXPECT_EQ(parse_topics_command(words("--topic t")).error().what, expected);
    EXPECT_EQ(parse_topics_command(words("--list --describe")).error().what, expected);
    EXPECT_EQ(parse_topics_command(words("--list")).value().action, TopicsCommand::Action::List);
}

TEST(TopicsCommand, AConfigWithoutEqualsIsRejected) {
    auto command = parse_topics_command(words("--create --topic t --config retention"));
    ASSERT_FALSE(command.ok());
    EXPECT_NE(command.error().what.find("\"key=val\""), std::string::npos);
}

TEST(ConsoleProducerCommand, ReadsKeyParsingAndProducerProperties) {
    auto command = parse_console_producer_command(
        words("--bootstrap-server b --topic t --producer-property acks=all "
              "--property parse.key=true --property key.separator=:"));
    ASSERT_TRUE(command.ok()) << command.error().what;
    EXPECT_EQ(command.value().topic, "t");
    EXPECT_TRUE(command.value().parse_key);
    EXPECT_EQ(command.value().key_separator, ":");
    EXPECT_EQ(command.value().producer_config.at("acks"), "all");
    // The tool's --timeout default is its linger.ms.
    EXPECT_EQ(command.value().producer_config.at("linger.ms"), "1000");
}

TEST(ConsoleProducerCommand, RequiresATopic) {
    auto command = parse_console_producer_command(words("--bootstrap-server b"));
    ASSERT_FALSE(command.ok());
    EXPECT_EQ(command.error().what, "Missing required argument \"[topic]\"");
}

TEST(ConsoleConsumerCommand, ReadsFromBeginningPartitionAndGroup) {
    auto assigned =
        parse_console_consumer_command(words("--topic t --from-beginning --partition 0"));
    ASSERT_TRUE(assigned.ok()) << assigned.error().what;
    EXPECT_TRUE(assigned.value().from_beginning);
    EXPECT_EQ(assigned.value().partition, 0);
    auto grouped = parse_console_consumer_command(words("--topic t --group my-app"));
    ASSERT_TRUE(grouped.ok());
    EXPECT_EQ(grouped.value().group, "my-app");
    EXPECT_FALSE(grouped.value().partition.has_value());
}

TEST(ConsoleConsumerCommand, WithoutATopicSaysExactlyOneOfIncludeOrTopic) {
    auto command = parse_console_consumer_command(words("--from-beginning"));
    ASSERT_FALSE(command.ok());
    EXPECT_EQ(command.error().what, "Exactly one of include/topic is required.");
}

TEST(ConsumerGroupsCommand, DescribeNeedsAGroupOrAllGroups) {
    auto missing = parse_consumer_groups_command(words("--describe"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().what,
              "Option [describe] takes one of these options: [all-groups], [group]");
    auto described = parse_consumer_groups_command(words("--describe --group g"));
    ASSERT_TRUE(described.ok());
    EXPECT_EQ(described.value().groups, std::vector<std::string>{"g"});
    EXPECT_EQ(parse_consumer_groups_command(words("--list")).value().action,
              ConsumerGroupsCommand::Action::List);
}

}  // namespace
}  // namespace harness::shell
