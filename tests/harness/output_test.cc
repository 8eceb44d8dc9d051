// The one writer of output files (harness/report/output.h): regular files are replaced
// whole keeping their mode, symlinks are followed, devices and FIFOs are written in
// place, and check_outputs refuses before the run what writing would destroy.
#include "harness/report/output.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace harness {
namespace {

namespace fs = std::filesystem;

fs::path empty_directory(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("kafkasim_output_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string read(const fs::path& path) {
    std::stringstream text;
    text << std::ifstream(path).rdbuf();
    return text.str();
}

std::set<std::string> names_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.insert(entry.path().filename().string());
    }
    return names;
}

std::string error_of(const std::vector<OutputFile>& outputs,
                     const std::vector<std::string>& inputs = {}) {
    sim::Status checked = check_outputs(outputs, inputs);
    return checked ? "" : checked.error().message();
}

TEST(OutputWrite, ReplacesARegularFileWhole) {
    fs::path path = empty_directory("whole") / "a.txt";
    ASSERT_TRUE(write_output(path, "first").ok());
    ASSERT_TRUE(write_output(path, "second").ok());
    EXPECT_EQ(read(path), "second");
    EXPECT_EQ(names_in(path.parent_path()), std::set<std::string>{"a.txt"});
}

TEST(OutputWrite, AFailureLeavesNoFileBehind) {
    fs::path directory = empty_directory("missing_dir") / "absent";
    sim::Status written = write_output(directory / "out.xml", "x");
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().message().rfind(
                  (directory / "out.xml").string() + ": expected to write the file (", 0),
              0u)
        << written.error().message();
    EXPECT_FALSE(fs::exists(directory));
}

TEST(OutputWrite, KeepsTheModeOfTheFileItReplaces) {
    fs::path path = empty_directory("mode") / "h.csv";
    std::ofstream(path) << "old";
    ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
    ASSERT_TRUE(write_output(path, "new").ok());
    struct stat status {};
    ASSERT_EQ(::stat(path.c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 07777, 0640u);
}

TEST(OutputWrite, FollowsASymlinkInsteadOfReplacingIt) {
    fs::path dir = empty_directory("symlink");
    std::ofstream(dir / "real.csv") << "old";
    fs::create_symlink("real.csv", dir / "link.csv");
    ASSERT_TRUE(write_output(dir / "link.csv", "new").ok());
    EXPECT_TRUE(fs::is_symlink(dir / "link.csv"));
    EXPECT_EQ(read(dir / "real.csv"), "new");
    fs::create_symlink("made.csv", dir / "dangling.csv");
    ASSERT_TRUE(write_output(dir / "dangling.csv", "made").ok());
    EXPECT_TRUE(fs::is_symlink(dir / "dangling.csv"));
    EXPECT_EQ(read(dir / "made.csv"), "made");
}

TEST(OutputWrite, WritesACharacterDeviceInPlace) {
    ASSERT_TRUE(write_output("/dev/null", "discarded").ok());
    struct stat status {};
    ASSERT_EQ(::stat("/dev/null", &status), 0);
    EXPECT_TRUE(S_ISCHR(status.st_mode));
}

TEST(OutputWrite, WritesAFifoInPlace) {
    fs::path fifo = empty_directory("fifo") / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] { received = read(fifo); });
    ASSERT_TRUE(write_output(fifo, "through the pipe").ok());
    reader.join();
    EXPECT_EQ(received, "through the pipe");
    struct stat status {};
    ASSERT_EQ(::stat(fifo.c_str(), &status), 0);
    EXPECT_TRUE(S_ISFIFO(status.st_mode));
}

TEST(OutputWrite, WritesAStandardStreamThroughItsDescriptor) {
    fs::path path = empty_directory("stream") / "captured";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(write_output("/dev/fd/" + std::to_string(fd), "one ").ok());
    ASSERT_TRUE(write_output("/proc/self/fd/" + std::to_string(fd), "two").ok());
    ::close(fd);
    EXPECT_EQ(read(path), "one two");  // appended as the shell meant, not reopened
}

TEST(OutputWrite, OneUnwritableFileWritesNone) {
    fs::path dir = empty_directory("none");
    sim::Status written =
        write_outputs({{(dir / "a.csv").string(), "a"}, {(dir / "no" / "b").string(), "b"}});
    EXPECT_FALSE(written.ok());
    EXPECT_EQ(names_in(dir), std::set<std::string>{});
}

TEST(OutputCheck, RefusesADirectoryAMissingDirectoryAndAReadOnlyOne) {
    fs::path dir = empty_directory("check_dirs");
    EXPECT_EQ(error_of({{"--trace", dir.string()}}),
              "--trace " + dir.string() + ": expected a file, got a directory");
    EXPECT_EQ(error_of({{"--junit", (dir / "no" / "j.xml").string()}}),
              "--junit " + (dir / "no" / "j.xml").string() + ": expected an existing directory (" +
                  (dir / "no").string() + ")");
    if (::geteuid() != 0) {  // root writes anywhere
        fs::create_directories(dir / "ro");
        fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
        EXPECT_NE(error_of({{"--json", (dir / "ro" / "r.json").string()}})
                      .find(": expected a writable directory ("),
                  std::string::npos);
    }
    EXPECT_EQ(error_of({{"--history", (dir / "h.csv").string()}}), "");
}

TEST(OutputCheck, RefusesAnOutputThatIsAnInput) {
    fs::path dir = empty_directory("check_inputs");
    std::ofstream(dir / "s.toml") << "name = \"n\"\n";
    fs::create_symlink("s.toml", dir / "alias.toml");
    std::string expected = ": expected a path apart from the input " + (dir / "s.toml").string() +
                           " (writing would replace it)";
    EXPECT_EQ(error_of({{"--history", (dir / "s.toml").string()}}, {(dir / "s.toml").string()}),
              "--history " + (dir / "s.toml").string() + expected);
    EXPECT_EQ(error_of({{"--trace", (dir / "alias.toml").string()}}, {(dir / "s.toml").string()}),
              "--trace " + (dir / "alias.toml").string() + expected);
    EXPECT_EQ(error_of({{"--trace", (dir / "." / "s.toml").string()}}, {(dir / "s.toml").string()}),
              "--trace " + (dir / "." / "s.toml").string() + expected);
}

TEST(OutputCheck, RefusesTwoOutputsOnOneFileButNotOnOneDevice) {
    fs::path dir = empty_directory("check_twice");
    std::string h = (dir / "h.csv").string();
    EXPECT_EQ(error_of({{"--history", h}, {"--trace", (dir / "." / "h.csv").string()}}),
              "--trace " + (dir / "." / "h.csv").string() +
                  ": expected a path apart from --history's (both write " + h + ")");
    EXPECT_EQ(error_of({{"--history", "/dev/null"}, {"--trace", "/dev/null"}}), "");
}

}  // namespace
}  // namespace harness
