#pragma once
// CsvRecords: RFC 4180 records from text in memory, one at a time, with the line each
// starts on, for the history reader's `file:line:` errors.
//
// A field may be double-quoted; inside quotes a comma, a line break and a doubled quote
// ("") are data. Outside quotes, spaces, tabs and a carriage return around a field are
// trimmed. A line that is empty or starts with '#' between records is skipped, so
// hand-written files can carry comments. A NUL byte is refused with its own message:
// it means a binary or truncated file, never a history.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/result.h"

namespace check {

class CsvRecords {
   public:
    /// REQUIRES: `text` outlives the reader.
    explicit CsvRecords(std::string_view text) : text_(text) {}

    /// Reads the next record into `fields` (reusing their storage). False at the end of
    /// the text. An error says "line:col: expected ..." (the caller adds the file name).
    sim::Result<bool> next(std::vector<std::string>& fields);

    /// The line the last record read starts on (1-based).
    size_t line() const { return record_line_; }

   private:
    bool skip_blank_and_comment_lines();
    sim::Status read_quoted(std::string& field);
    void read_plain(std::string& field);
    sim::Error error_at(size_t line, std::string what) const;

    std::string_view text_;
    size_t position_ = 0;
    size_t line_ = 1;          // line of position_
    size_t record_line_ = 0;
};

/// The first NUL byte of `text` as "line:col", or "" when there is none.
std::string find_nul_byte(std::string_view text);

}  // namespace check
