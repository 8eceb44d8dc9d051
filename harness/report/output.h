#pragma once
// Output files: every path a command will write is checked before anything runs, then
// all are written together by the one writer, which never destroys what a path names.

#include <string>
#include <utility>
#include <vector>

#include "sim/result.h"

namespace harness {

/// A file a command was asked to write: the flag that named it ("--history") and its path.
struct OutputFile {
    std::string flag;
    std::string path;
};

/// Checks every output before the run, so a bad one costs nothing and leaves nothing:
/// a symlink is judged by what it points at; a directory, block device or socket is
/// refused; a missing or regular file needs an existing writable directory; an existing
/// file, character device or FIFO must be writable; a standard stream (/dev/stdout,
/// /dev/fd/N) must be open. Two outputs naming one file, or an output naming one of
/// `inputs` (the scenario, its data files), are refused. Errors read
/// "--trace t.json: expected ...".
sim::Status check_outputs(const std::vector<OutputFile>& outputs,
                          const std::vector<std::string>& inputs);

/// Writes every (path, contents) or, when one fails, none that can be taken back: each
/// regular (or new) file goes first to a temporary file beside it (keeping the old
/// file's mode), character devices, FIFOs and standard streams are written in place,
/// and only then are the temporary files renamed over their targets. A symlink's target
/// is written, never the link. An error removes every temporary file.
sim::Status write_outputs(const std::vector<std::pair<std::string, std::string>>& files);

/// write_outputs for one file.
sim::Status write_output(const std::string& path, const std::string& contents);

}  // namespace harness
