// The History CSV contract (design.md §6): what the reader accepts, the one-line errors it
// gives for everything else (with the file and line), and that the writer's output reads
// back as the same history. Method: small CSV texts in the test, one behaviour each.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "check/history_csv.h"
#include "check_test_util.h"

namespace check {
namespace {

std::string error_of(std::string_view text) {
    sim::Result<History> history = read_history_csv_string(text, "h.csv");
    EXPECT_FALSE(history.ok());
    return history.ok() ? "" : history.error().message();
}

TEST(HistoryCsv, ReadsEveryColumnAndLeavesEmptyFieldsAbsent) {
    History history = testing::rows(
        "0,100,p1,ok,send,trucks_gps,3,truck_1,v1,42,\n"
        "1,200,c1,invoke,poll,,,,,,\n"
        "2,300,p1,fail,send,trucks_gps,,truck_2,v2,,NOT_LEADER_OR_FOLLOWER\n");
    ASSERT_EQ(history.size(), 3u);
    const Op& sent = history[0];
    EXPECT_EQ(sent.index, 0);
    EXPECT_EQ(sent.time_ns, 100);
    EXPECT_EQ(sent.process, "p1");
    EXPECT_EQ(sent.type, OpType::Ok);
    EXPECT_EQ(sent.f, OpFunction::Send);
    EXPECT_EQ(sent.topic, "trucks_gps");
    EXPECT_EQ(sent.partition, 3);
    EXPECT_EQ(sent.key, "truck_1");
    EXPECT_EQ(sent.value, "v1");
    EXPECT_EQ(sent.offset, 42);
    EXPECT_FALSE(history[1].partition.has_value());
    EXPECT_FALSE(history[1].offset.has_value());
    EXPECT_EQ(history[1].topic, "");
    EXPECT_EQ(history[2].error, "NOT_LEADER_OR_FOLLOWER");
}

TEST(HistoryCsv, QuotedFieldsKeepCommasQuotesAndSpaces) {
    History history = testing::rows("0,1,p1,ok,send,t,0,\"a,b\",\"say \"\"hi\"\"\",0,\" x \"\n");
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].key, "a,b");
    EXPECT_EQ(history[0].value, "say \"hi\"");
    EXPECT_EQ(history[0].error, " x ");
}

TEST(HistoryCsv, SkipsCommentsAndBlankLinesButCountsThemInLineNumbers) {
    std::string text = "# a hand-written history\n" + std::string(kHistoryCsvHeader) +
                       "\n\n0,1,p1,ok,send,t,0,,a,0,\n# note\n1,2,p1,okay,send,t,0,,b,1,\n";
    EXPECT_EQ(error_of(text), "h.csv:6: expected type invoke, ok, fail or info, got \"okay\"");
}

TEST(HistoryCsv, ReadsWindowsLineEndings) {
    std::string text = std::string(kHistoryCsvHeader) + "\r\n0,1,p1,ok,send,t,0,,a,0,\r\n";
    sim::Result<History> history = read_history_csv_string(text);
    ASSERT_TRUE(history.ok()) << history.error().message();
    EXPECT_EQ(history.value()[0].error, "");
}

TEST(HistoryCsv, RejectsAnUnknownTypeWithItsLine) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,1,p1,ok,send,t,0,,a,0,\n" +
                       "1,2,p1,done,send,t,0,,b,1,\n";
    EXPECT_EQ(error_of(text), "h.csv:3: expected type invoke, ok, fail or info, got \"done\"");
}

TEST(HistoryCsv, RejectsAnUnknownFunctionWithItsLine) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,1,p1,ok,produce,t,0,,a,0,\n";
    EXPECT_EQ(error_of(text),
              "h.csv:2: expected f send, poll, process, commit, assign or crash, got "
              "\"produce\"");
}

TEST(HistoryCsv, RejectsANonIntegerOffset) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,1,p1,ok,send,t,0,,a,4x,\n";
    EXPECT_EQ(error_of(text), "h.csv:2: expected a non-negative integer offset, got \"4x\"");
}

TEST(HistoryCsv, RejectsANegativePartition) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,1,p1,ok,send,t,-1,,a,0,\n";
    EXPECT_EQ(error_of(text), "h.csv:2: expected a non-negative integer partition, got \"-1\"");
}

TEST(HistoryCsv, RejectsAMissingTime) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,,p1,ok,send,t,0,,a,0,\n";
    EXPECT_EQ(error_of(text), "h.csv:2: expected an integer time_ns, got nothing");
}

TEST(HistoryCsv, RejectsARowWithMissingColumns) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,1,p1,ok,send,t,0,,a,0,\n" +
                       "1,2,p1,ok,send,t,0,,b\n";
    EXPECT_EQ(error_of(text), "h.csv:3: expected 11 columns (" + std::string(kHistoryCsvHeader) +
                                  "), found fewer");
}

TEST(HistoryCsv, RejectsARowWithExtraColumns) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,1,p1,ok,send,t,0,,a,0,,extra\n";
    EXPECT_EQ(error_of(text), "h.csv:2: expected 11 columns (" + std::string(kHistoryCsvHeader) +
                                  "), found more");
}

TEST(HistoryCsv, RejectsAHeaderWithAnUnknownColumn) {
    std::string text = "index,time_ns,process,type,f,topic,partition,key,value,offset,oops\n";
    EXPECT_EQ(error_of(text), "h.csv:1: expected the header " + std::string(kHistoryCsvHeader) +
                                  ": unknown column \"oops\"");
}

TEST(HistoryCsv, RejectsAHeaderWithAMissingColumn) {
    std::string text = "index,time_ns,process,type,f,topic,partition,key,value,offset\n";
    EXPECT_EQ(error_of(text), "h.csv:1: expected the header " + std::string(kHistoryCsvHeader) +
                                  ": missing column \"error\"");
}

TEST(HistoryCsv, RejectsAnEmptyFile) {
    EXPECT_EQ(error_of(""), "h.csv:1: expected the header " + std::string(kHistoryCsvHeader) +
                                ", found nothing");
}

TEST(HistoryCsv, RejectsAnUnclosedQuote) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,1,p1,ok,send,t,0,,\"a,0,\n";
    EXPECT_EQ(error_of(text), "h.csv:2: expected a closing quote before the end of the file");
}

TEST(HistoryCsv, RejectsIndicesThatDoNotIncrease) {
    std::string text = std::string(kHistoryCsvHeader) + "\n5,1,p1,ok,send,t,0,,a,0,\n" +
                       "5,2,p1,ok,send,t,0,,b,1,\n";
    EXPECT_EQ(error_of(text), "h.csv:3: expected index greater than 5, got 5");
}

TEST(HistoryCsv, RejectsARowWithoutAProcess) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,1,,ok,send,t,0,,a,0,\n";
    EXPECT_EQ(error_of(text), "h.csv:2: expected a process, got nothing");
}

TEST(HistoryCsv, NamesTheFileItCannotOpen) {
    sim::Result<History> history = read_history_csv_file("/nonexistent/h.csv");
    ASSERT_FALSE(history.ok());
    EXPECT_EQ(history.error().message(),
              "/nonexistent/h.csv: expected a readable history file, cannot open it");
}

History tricky_history() {
    History history;
    history.append(Op{0, 5, "producer trucks", OpType::Invoke, OpFunction::Send, "t", 2, "k,1",
                      "say \"hi\"", std::nullopt, "", "trucks:0:1"});
    history.append(Op{1, 6, "producer trucks", OpType::Ok, OpFunction::Send, "t", 2, "k,1",
                      "say \"hi\"", 17, "", "trucks:0:1"});
    history.append(Op{2, 7, "c1", OpType::Info, OpFunction::Poll, "", std::nullopt, "",
                      "  padded ", std::nullopt, "REQUEST_TIMED_OUT", ""});
    history.append(Op{3, 8, "c1", OpType::Ok, OpFunction::Assign, "t", std::nullopt, "g", "4",
                      std::nullopt, "", ""});
    history.append(Op{4, 9, "c1", OpType::Info, OpFunction::Crash, "", std::nullopt, "", "",
                      std::nullopt, "two\nlines", ""});
    return history;
}

TEST(HistoryCsv, WrittenTextReadsBackAsTheSameHistory) {
    const History history = tricky_history();
    sim::Result<std::string> text = write_history_csv_string(history);
    ASSERT_TRUE(text.ok());
    sim::Result<History> back = read_history_csv_string(text.value());
    ASSERT_TRUE(back.ok()) << back.error().message();
    EXPECT_EQ(back.value(), history);
}

TEST(HistoryCsv, WrittenFileReadsBackAsTheSameHistory) {
    const History history = tricky_history();
    const std::string path = ::testing::TempDir() + "/round_trip_history.csv";
    ASSERT_TRUE(write_history_csv_file(history, path).ok());
    sim::Result<History> back = read_history_csv_file(path);
    std::remove(path.c_str());
    ASSERT_TRUE(back.ok()) << back.error().message();
    EXPECT_EQ(back.value(), history);
}

TEST(HistoryCsv, QuotedLineBreaksParseAndLaterLinesKeepTheirNumbers) {
    std::string text = std::string(kHistoryCsvHeader) +
                       "\n0,1,p1,ok,send,t,0,,\"two\nlines\",0,\n" +
                       "1,2,p1,okay,send,t,0,,b,1,\n";
    EXPECT_EQ(error_of(text), "h.csv:4: expected type invoke, ok, fail or info, got \"okay\"");
    sim::Result<History> history =
        read_history_csv_string(text.substr(0, text.rfind("1,2,p1")), "h.csv");
    ASSERT_TRUE(history.ok()) << history.error().message();
    EXPECT_EQ(history.value()[0].value, "two\nlines");
}

TEST(HistoryCsv, ANulByteGetsItsOwnMessage) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,1,p1,ok,send,t,0,,a";
    text += '\0';
    text += ",0,\n";
    EXPECT_EQ(error_of(text),
              "h.csv:2:22: expected text, found a NUL byte (a binary or corrupted file?)");
}

TEST(HistoryCsv, ReadsTheTwelfthColumnTxn) {
    std::string text = std::string(kHistoryCsvHeader) + ",txn\n0,1,p1,ok,send,t,0,,a,0,,p1:0:1\n" +
                       "1,2,c1,ok,poll,t,0,,a,0,,\n";
    sim::Result<History> history = read_history_csv_string(text);
    ASSERT_TRUE(history.ok()) << history.error().message();
    EXPECT_EQ(history.value()[0].txn, "p1:0:1");
    EXPECT_EQ(history.value()[1].txn, "");
}

TEST(HistoryCsv, ElevenColumnFilesLeaveTxnEmpty) {
    EXPECT_EQ(testing::rows("0,1,p1,ok,send,t,0,,a,0,\n")[0].txn, "");
}

TEST(HistoryCsv, WritesTxnOnlyWhenARunHasTransactions) {
    History plain = testing::rows("0,1,p1,ok,send,t,0,,a,0,\n");
    EXPECT_EQ(write_history_csv_string(plain).value(),
              std::string(kHistoryCsvHeader) + "\n0,1,p1,ok,send,t,0,,a,0,\n");
    std::vector<Op> ops = plain.ops();
    ops[0].txn = "p1:0:1";
    EXPECT_EQ(write_history_csv_string(History(ops)).value(),
              std::string(kHistoryCsvHeader) + ",txn\n0,1,p1,ok,send,t,0,,a,0,,p1:0:1\n");
}

TEST(HistoryCsv, ATwelveColumnRowNeedsTheTxnHeader) {
    std::string text = std::string(kHistoryCsvHeader) + "\n0,1,p1,ok,send,t,0,,a,0,,p1:0:1\n";
    EXPECT_EQ(error_of(text), "h.csv:2: expected 11 columns (" + std::string(kHistoryCsvHeader) +
                                  "), found more");
}

TEST(HistoryCsv, EveryDataFileReads) {
    sim::Result<History> history = read_history_csv_file(testing::data_path("clean.csv"));
    ASSERT_TRUE(history.ok()) << history.error().message();
    EXPECT_EQ(history.value().size(), 17u);
}

}  // namespace
}  // namespace check
