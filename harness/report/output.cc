#include "harness/report/output.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>

namespace harness {
namespace {

namespace fs = std::filesystem;

/// What a path names once its symlinks are followed.
struct Target {
    enum Kind { Missing, Regular, InPlace, Stream, Refused };
    Kind kind = Missing;
    std::string path;  ///< After following symlinks: what is really written.
    int fd = -1;       ///< Stream: the descriptor written.
    struct stat status {};
    std::string problem;  ///< Refused: what was expected instead.
};

/// The descriptor a standard-stream path names (/dev/stdout, /dev/stderr, /dev/fd/N,
/// /proc/self/fd/N). Opening those would reopen whatever the descriptor points at (a
/// regular file from offset 0, say); writing the descriptor appends to it as the shell
/// meant.
std::optional<int> stream_descriptor(std::string_view path) {
    if (path == "/dev/stdout") return 1;
    if (path == "/dev/stderr") return 2;
    for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
        if (path.substr(0, prefix.size()) != prefix) continue;
        std::string_view digits = path.substr(prefix.size());
        int fd = -1;
        auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), fd);
        if (error == std::errc() && end == digits.data() + digits.size() && fd >= 0) return fd;
    }
    return std::nullopt;
}

Target classify(Target target) {
    const mode_t mode = target.status.st_mode;
    if (S_ISREG(mode)) {
        target.kind = Target::Regular;
    } else if (S_ISCHR(mode) || S_ISFIFO(mode)) {
        target.kind = Target::InPlace;
    } else {
        target.kind = Target::Refused;
        target.problem = S_ISDIR(mode) ? "expected a file, got a directory"
                                       : "expected a regular file, a character device or a "
                                         "FIFO";
    }
    return target;
}

/// Follows `path`'s symlinks (at most 40, as the kernel does) to what is written.
Target resolve(const std::string& path) {
    Target target;
    target.path = path;
    for (int hops = 0; hops <= 40; ++hops) {
        if (std::optional<int> fd = stream_descriptor(target.path)) {
            target.kind = Target::Stream;
            target.fd = *fd;
            return target;
        }
        if (::lstat(target.path.c_str(), &target.status) != 0) {
            target.kind = errno == ENOENT ? Target::Missing : Target::Refused;
            target.problem =
                fmt::format("expected a path that can be inspected ({})", std::strerror(errno));
            return target;
        }
        if (!S_ISLNK(target.status.st_mode)) return classify(target);
        std::error_code error;
        fs::path link = fs::read_symlink(target.path, error);
        if (error) break;
        target.path = link.is_absolute() ? link.string()
                                         : (fs::path(target.path).parent_path() / link).string();
    }
    target.kind = Target::Refused;
    target.problem = "expected a symlink that ends at a file";
    return target;
}

std::string directory_of(const std::string& path) {
    std::string parent = fs::path(path).parent_path().string();
    return parent.empty() ? "." : parent;
}

/// Why `target` cannot be written, or empty.
std::string unwritable(const Target& target) {
    switch (target.kind) {
        case Target::Refused:
            return target.problem;
        case Target::Stream:
            return ::fcntl(target.fd, F_GETFD) == -1
                       ? fmt::format("expected an open descriptor {}", target.fd)
                       : "";
        case Target::InPlace:
        case Target::Regular:
            if (::access(target.path.c_str(), W_OK) != 0) {
                return fmt::format("expected a writable file ({})", std::strerror(errno));
            }
            if (target.kind == Target::InPlace) return "";
            [[fallthrough]];
        case Target::Missing: {
            std::string directory = directory_of(target.path);
            struct stat status {};
            if (::stat(directory.c_str(), &status) != 0 || !S_ISDIR(status.st_mode)) {
                return fmt::format("expected an existing directory ({})", directory);
            }
            if (::access(directory.c_str(), W_OK | X_OK) != 0) {
                return fmt::format("expected a writable directory ({}: {})", directory,
                                   std::strerror(errno));
            }
            return "";
        }
    }
    return "";
}

/// One key per file on disk: its inode when it exists, else its canonical path.
std::string identity(const Target& target) {
    if (target.kind == Target::Stream) return fmt::format("fd:{}", target.fd);
    if (target.kind != Target::Missing) {
        return fmt::format("inode:{}:{}", target.status.st_dev, target.status.st_ino);
    }
    std::error_code error;
    return "path:" + fs::weakly_canonical(target.path, error).string();
}

}  // namespace

sim::Status check_outputs(const std::vector<OutputFile>& outputs,
                          const std::vector<std::string>& inputs) {
    std::vector<std::pair<std::string, const OutputFile*>> written;
    for (const OutputFile& output : outputs) {
        Target target = resolve(output.path);
        std::string where = output.flag + " " + output.path;
        if (std::string why = unwritable(target); !why.empty()) return sim::Error{where, why};
        std::string key = identity(target);
        for (const std::string& input : inputs) {
            if (identity(resolve(input)) == key) {
                return sim::Error{where, fmt::format("expected a path apart from the input "
                                                     "{} (writing would replace it)",
                                                     input)};
            }
        }
        // Two outputs on one device or stream are fine (/dev/null twice); on one file the
        // second would replace the first.
        bool file = target.kind == Target::Regular || target.kind == Target::Missing;
        for (const auto& [other_key, other] : written) {
            if (file && other_key == key) {
                return sim::Error{where, fmt::format("expected a path apart from {}'s (both "
                                                     "write {})",
                                                     other->flag, other->path)};
            }
        }
        written.emplace_back(key, &output);
    }
    return sim::Ok{};
}

namespace {

sim::Error write_error(const std::string& path) {
    return sim::Error{path, fmt::format("expected to write the file ({})", std::strerror(errno))};
}

bool write_all(int fd, const std::string& contents) {
    size_t done = 0;
    while (done < contents.size()) {
        ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

/// Writes `contents` into a new temporary file beside `target`, with the mode the
/// target has (a new file gets the umask's, as open() gives it).
sim::Result<std::string> stage(const Target& target, const std::string& contents) {
    std::string temporary = fmt::format("{}.tmp.{}", target.path, ::getpid());
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) return write_error(target.path);
    bool ok = target.kind != Target::Regular || ::fchmod(fd, target.status.st_mode & 07777) == 0;
    ok = ok && write_all(fd, contents) && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        sim::Error error = write_error(target.path);
        ::unlink(temporary.c_str());
        return error;
    }
    return temporary;
}

/// A character device, FIFO or stream: written where it is, never replaced.
sim::Status write_in_place(const Target& target, const std::string& path,
                           const std::string& contents) {
    if (target.kind == Target::Stream) {
        std::fflush(target.fd == 2 ? stderr : stdout);
        return write_all(target.fd, contents) ? sim::Status(sim::Ok{}) : write_error(path);
    }
    int fd = ::open(target.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return write_error(path);
    bool ok = write_all(fd, contents);
    ok = ::close(fd) == 0 && ok;
    return ok ? sim::Status(sim::Ok{}) : write_error(path);
}

}  // namespace

sim::Status write_outputs(const std::vector<std::pair<std::string, std::string>>& files) {
    std::vector<std::pair<std::string, std::string>> staged;  // temporary, final path
    auto discard = [&] {
        for (const auto& [temporary, final_path] : staged) ::unlink(temporary.c_str());
    };
    std::vector<std::pair<Target, size_t>> in_place;
    for (size_t i = 0; i < files.size(); ++i) {
        Target target = resolve(files[i].first);
        if (target.kind == Target::Refused) {
            discard();
            return sim::Error{files[i].first, target.problem};
        }
        if (target.kind == Target::InPlace || target.kind == Target::Stream) {
            in_place.emplace_back(target, i);
            continue;
        }
        sim::Result<std::string> temporary = stage(target, files[i].second);
        if (!temporary) {
            discard();
            return temporary.error();
        }
        staged.emplace_back(temporary.value(), target.path);
    }
    for (const auto& [target, i] : in_place) {
        sim::Status written = write_in_place(target, files[i].first, files[i].second);
        if (!written) {
            discard();
            return written;
        }
    }
    for (size_t i = 0; i < staged.size(); ++i) {
        if (std::rename(staged[i].first.c_str(), staged[i].second.c_str()) != 0) {
            sim::Error error = write_error(staged[i].second);
            for (size_t j = i; j < staged.size(); ++j) ::unlink(staged[j].first.c_str());
            return error;
        }
    }
    return sim::Ok{};
}

sim::Status write_output(const std::string& path, const std::string& contents) {
    return write_outputs({{path, contents}});
}

}  // namespace harness
