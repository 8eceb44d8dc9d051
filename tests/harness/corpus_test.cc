// The failing-seed corpus (issue 10): the repository's index loads and names real
// scenario files; index mistakes are "file:line: expected ..."; each entry holds when it
// passes now or still shows the violation it names; `kafkasim corpus` exits 0/1/2.
#include "harness/trust/corpus.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "harness/cli/cli.h"

namespace harness {
namespace {

const std::string kIndex = KAFKASIM_SOURCE_DIR "/scenarios/corpus/index.csv";

std::string write_index(const std::string& name, const std::string& rows) {
    const std::string directory = ::testing::TempDir() + "corpus_test/";
    std::filesystem::create_directories(directory);
    std::ofstream(directory + name) << "scenario,seed,expect,fixed_by,note\n" << rows;
    return directory + name;
}

/// A run that fails with lost-write exactly on even seeds.
RunResult even_seeds_lose_writes(const Scenario&, uint64_t seed, const RunOptions&) {
    RunResult result;
    result.failing = seed % 2 == 0;
    if (result.failing) result.anomalies = {"lost-write"};
    return result;
}

int run_corpus_cli(const std::string& index, std::string* out) {
    cli::Context context;
    context.run = even_seeds_lose_writes;
    char* buffer = nullptr;
    size_t size = 0;
    context.out = open_memstream(&buffer, &size);
    context.err = context.out;
    const char* argv[] = {"kafkasim", "corpus", index.c_str()};
    const int code = cli::run_cli(3, argv, context);
    std::fclose(context.out);
    out->assign(buffer, size);
    std::free(buffer);
    return code;
}

TEST(Corpus, TheRepositoryIndexNamesExistingScenariosWithSeeds) {
    sim::Result<std::vector<CorpusEntry>> entries = load_corpus(kIndex);
    ASSERT_TRUE(entries.ok()) << entries.error().message();
    EXPECT_GE(entries.value().size(), 6u);
    for (const CorpusEntry& entry : entries.value()) {
        EXPECT_TRUE(std::filesystem::exists(entry.path)) << entry.where << ": " << entry.path;
        EXPECT_FALSE(entry.note.empty()) << entry.where;
    }
}

TEST(Corpus, ABadSeedIsReportedAtItsLine) {
    const std::string path = write_index("bad_seed.csv", "# comment\nx.toml,seven,,,n\n");
    sim::Result<std::vector<CorpusEntry>> entries = load_corpus(path);
    ASSERT_FALSE(entries.ok());
    EXPECT_EQ(entries.error().message(), path + ":3: expected a seed (a number), got \"seven\"");
}

TEST(Corpus, AnIndexWithNoEntryIsAnErrorNotZeroHeld) {
    const std::string path = write_index("empty.csv", "# nothing yet\n");
    sim::Result<std::vector<CorpusEntry>> entries = load_corpus(path);
    ASSERT_FALSE(entries.ok());
    EXPECT_EQ(entries.error().message(),
              path + ": expected at least one entry (scenario,seed,expect,fixed_by,note), got "
                     "none");
}

TEST(Corpus, AMissingFieldIsReported) {
    const std::string path = write_index("short.csv", "x.toml,7,pass\n");
    sim::Result<std::vector<CorpusEntry>> entries = load_corpus(path);
    ASSERT_FALSE(entries.ok());
    EXPECT_EQ(entries.error().message(),
              path + ":2: expected 5 fields (scenario,seed,expect,fixed_by,note), got 3");
}

TEST(Corpus, QuotedNotesKeepTheirCommasAndPathsResolveAgainstTheIndex) {
    const std::string path =
        write_index("quoted.csv", "../a/b.toml,7,pass,abc123,\"crashed, then \"\"fixed\"\"\"\n");
    sim::Result<std::vector<CorpusEntry>> entries = load_corpus(path);
    ASSERT_TRUE(entries.ok()) << entries.error().message();
    EXPECT_EQ(entries.value()[0].note, "crashed, then \"fixed\"");
    EXPECT_EQ(entries.value()[0].fixed_by, "abc123");
    EXPECT_EQ(entries.value()[0].path,
              std::filesystem::path(::testing::TempDir() + "a/b.toml").lexically_normal());
}

TEST(Corpus, AnEntryHoldsWhenItPassesOrStillShowsItsViolation) {
    const std::string scenario = KAFKASIM_SOURCE_DIR "/scenarios/known/acks1_leader_crash.toml";
    const std::string path = write_index(
        "mixed.csv", scenario + ",3,pass,abc,n\n" + scenario + ",4,,,n\n" + scenario +
                         ",5,,,n\n" + scenario + ",6,violation:duplicate,,n\n");
    sim::Result<std::vector<CorpusEntry>> entries = load_corpus(path);
    ASSERT_TRUE(entries.ok()) << entries.error().message();
    auto outcomes = replay_corpus(entries.value(), even_seeds_lose_writes);
    ASSERT_TRUE(outcomes.ok());
    ASSERT_EQ(outcomes.value().size(), 4u);
    EXPECT_TRUE(outcomes.value()[0].held);   // passes now
    EXPECT_TRUE(outcomes.value()[1].held);   // the scenario's own violation:lost-write
    EXPECT_EQ(outcomes.value()[1].expect, "violation:lost-write");
    EXPECT_FALSE(outcomes.value()[2].held);  // the violation is gone
    EXPECT_FALSE(outcomes.value()[3].held);  // a different violation
}

TEST(CorpusCli, ExitsZeroWhenEveryEntryHoldsOneWhenNotTwoOnBadInput) {
    const std::string scenario = KAFKASIM_SOURCE_DIR "/scenarios/known/acks1_leader_crash.toml";
    std::string out;
    EXPECT_EQ(run_corpus_cli(write_index("ok.csv", scenario + ",4,,,n\n"), &out), 0) << out;
    EXPECT_NE(out.find("corpus: 1 entries, 1 held, 0 broken"), std::string::npos) << out;
    EXPECT_EQ(run_corpus_cli(write_index("broken.csv", scenario + ",5,,abc,lost\n"), &out), 1);
    EXPECT_NE(out.find("lost (fixed by abc); replay: kafkasim replay"), std::string::npos)
        << out;
    EXPECT_EQ(run_corpus_cli(write_index("missing.csv", "nope.toml,1,,,n\n"), &out), 2);
    EXPECT_EQ(run_corpus_cli("/nonexistent/index.csv", &out), 2);
}

}  // namespace
}  // namespace harness
