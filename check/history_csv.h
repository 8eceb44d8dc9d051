#pragma once
// The History CSV of design.md §6: reading (fast-cpp-csv-parser) with `file:line:` errors,
// and writing a file the reader gives back identically.
//
// Columns, in this order: index,time_ns,process,type,f,topic,partition,key,value,offset,error
// Fields may be double-quoted ("a,b", "say ""hi"""); an empty field is absent. Blank lines
// and lines starting with '#' are skipped, so hand-written files can carry comments.

#include <string>
#include <string_view>

#include "check/history.h"
#include "sim/result.h"

namespace check {

/// The header line, without the line break.
inline constexpr std::string_view kHistoryCsvHeader =
    "index,time_ns,process,type,f,topic,partition,key,value,offset,error";

/// Reads a history file. Errors: "path:line: expected ...", or "path: cannot open ...".
sim::Result<History> read_history_csv_file(const std::string& path);

/// Reads a history from CSV text; `name` stands for the file name in errors
/// (for Python and tests).
sim::Result<History> read_history_csv_string(std::string_view text,
                                             std::string_view name = "<string>");

/// The history as CSV text, header first. A field with a line break cannot be written
/// (the format is one row a line): that is an error naming the row.
sim::Result<std::string> write_history_csv_string(const History& history);

/// Writes the history to `path`.
sim::Status write_history_csv_file(const History& history, const std::string& path);

}  // namespace check
