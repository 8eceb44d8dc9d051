#pragma once
// The History CSV of design.md §6: reading (RFC 4180, check/csv_records.h) with
// `file:line:` errors, and writing a file the reader gives back identically.
//
// Columns: index,time_ns,process,type,f,topic,partition,key,value,offset,error and an
// optional twelfth, txn (the transaction a row belongs to); a header may order them any
// way. The writer adds txn only when some row has one, so a run without transactions
// writes the eleven columns it always did. Fields may be double-quoted ("a,b",
// "say ""hi""", a line break); an empty field is absent. Blank lines and lines starting
// with '#' are skipped, so hand-written files can carry comments. A file that breaks the
// operation rules of check/history_rules.h (a send's outcome without its invoke, two
// outcomes for one send, ...) is refused with the line of the offending row.

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

/// The history as CSV text, header first (with the txn column when some row has a txn).
/// A field with a comma, quote or line break is quoted.
sim::Result<std::string> write_history_csv_string(const History& history);

/// Whether some row names a transaction (the writer then adds the txn column).
bool has_transactions(const History& history);

/// Writes the history to `path`.
sim::Status write_history_csv_file(const History& history, const std::string& path);

}  // namespace check
