#include "check/history_csv.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>

// The parser's optional reader thread buys nothing for files this size, and histories
// are read inside sweeps that already run one World per thread.
#define CSV_IO_NO_THREAD
// The parser copies file names with strncpy into fixed buffers on purpose.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

namespace check {
namespace {

constexpr unsigned kColumnCount = 11;

using CsvReader = io::CSVReader<kColumnCount, io::trim_chars<' ', '\t', '\r'>,
                                io::double_quote_escape<',', '"'>, io::throw_on_overflow,
                                io::single_and_empty_line_comment<'#'>>;

/// The fields of one row as text, in the header's order.
struct RawRow {
    std::string index, time_ns, process, type, f, topic, partition, key, value, offset, error;
};

/// Builds "name:line" errors for the row being read.
struct Place {
    std::string name;
    unsigned line = 0;

    sim::Error error(std::string what) const {
        return sim::Error{name + ":" + std::to_string(line), std::move(what)};
    }
};

template <typename Int>
std::optional<Int> parse_integer(const std::string& text) {
    Int value{};
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

/// Parses a required (or, with `optional`, possibly empty) non-negative integer column.
template <typename Int>
sim::Result<std::optional<Int>> parse_column(const Place& place, const std::string& text,
                                             std::string_view column, bool optional) {
    if (text.empty()) {
        if (optional) return std::optional<Int>{};
        return place.error("expected an integer " + std::string(column) + ", got nothing");
    }
    std::optional<Int> value = parse_integer<Int>(text);
    if (!value || *value < 0) {
        return place.error("expected a non-negative integer " + std::string(column) +
                           ", got \"" + text + "\"");
    }
    return std::optional<Int>{*value};
}

sim::Result<Op> parse_row(const Place& place, const RawRow& raw) {
    Op op;
    auto index = parse_column<int64_t>(place, raw.index, "index", false);
    if (!index) return index.error();
    auto time_ns = parse_column<int64_t>(place, raw.time_ns, "time_ns", false);
    if (!time_ns) return time_ns.error();
    auto partition = parse_column<int32_t>(place, raw.partition, "partition", true);
    if (!partition) return partition.error();
    auto offset = parse_column<int64_t>(place, raw.offset, "offset", true);
    if (!offset) return offset.error();
    std::optional<OpType> type = parse_op_type(raw.type);
    if (!type) {
        return place.error("expected type invoke, ok, fail or info, got \"" + raw.type + "\"");
    }
    std::optional<OpFunction> f = parse_op_function(raw.f);
    if (!f) {
        return place.error("expected f send, poll, process, commit, assign or crash, got \"" +
                           raw.f + "\"");
    }
    if (raw.process.empty()) return place.error("expected a process, got nothing");
    op.index = *index.value();
    op.time_ns = *time_ns.value();
    op.process = raw.process;
    op.type = *type;
    op.f = *f;
    op.topic = raw.topic;
    op.partition = partition.value();
    op.key = raw.key;
    op.value = raw.value;
    op.offset = offset.value();
    op.error = raw.error;
    return op;
}

/// Turns the parser's exceptions into "expected ..." sentences.
std::string describe_parse_error(const io::error::base& error) {
    if (dynamic_cast<const io::error::too_few_columns*>(&error)) {
        return "expected 11 columns (" + std::string(kHistoryCsvHeader) + "), found fewer";
    }
    if (dynamic_cast<const io::error::too_many_columns*>(&error)) {
        return "expected 11 columns (" + std::string(kHistoryCsvHeader) + "), found more";
    }
    if (dynamic_cast<const io::error::escaped_string_not_closed*>(&error)) {
        return "expected a closing quote before the end of the line";
    }
    if (dynamic_cast<const io::error::header_missing*>(&error)) {
        return "expected the header " + std::string(kHistoryCsvHeader) + ", found nothing";
    }
    if (const auto* column = dynamic_cast<const io::error::with_column_name*>(&error)) {
        std::string problem = dynamic_cast<const io::error::extra_column_in_header*>(&error)
                                  ? "unknown column \""
                              : dynamic_cast<const io::error::duplicated_column_in_header*>(
                                    &error)
                                  ? "repeated column \""
                                  : "missing column \"";
        return "expected the header " + std::string(kHistoryCsvHeader) + ": " + problem +
               column->column_name + "\"";
    }
    return std::string("expected a readable CSV line: ") + error.what();
}

sim::Result<History> read_rows(CsvReader& reader, const std::string& name) {
    Place place{name, 0};
    History history;
    try {
        reader.read_header(io::ignore_no_column, "index", "time_ns", "process", "type", "f",
                           "topic", "partition", "key", "value", "offset", "error");
        RawRow raw;
        while (true) {
            place.line = reader.get_file_line() + 1;
            if (!reader.read_row(raw.index, raw.time_ns, raw.process, raw.type, raw.f,
                                 raw.topic, raw.partition, raw.key, raw.value, raw.offset,
                                 raw.error)) {
                break;
            }
            place.line = reader.get_file_line();
            sim::Result<Op> op = parse_row(place, raw);
            if (!op) return op.error();
            if (!history.empty() && op.value().index <= history.ops().back().index) {
                return place.error("expected index greater than " +
                                   std::to_string(history.ops().back().index) + ", got " +
                                   raw.index);
            }
            history.append(std::move(op).value());
        }
    } catch (const io::error::base& error) {
        place.line = std::max(1u, reader.get_file_line());
        return place.error(describe_parse_error(error));
    }
    return history;
}

/// Whether the reader would change the field unless it is quoted.
bool needs_quotes(const std::string& field) {
    if (field.empty()) return false;
    if (field.find_first_of(",\"") != std::string::npos) return true;
    const char first = field.front();
    const char last = field.back();
    auto is_trimmed = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    return is_trimmed(first) || is_trimmed(last);
}

void append_field(std::string& out, const std::string& field) {
    if (!needs_quotes(field)) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

template <typename Int>
std::string optional_text(const std::optional<Int>& value) {
    return value ? std::to_string(*value) : std::string();
}

}  // namespace

sim::Result<History> read_history_csv_file(const std::string& path) {
    // Only a regular file: a device or FIFO ("/dev/zero", "/dev/stdin") would never end.
    std::error_code error;
    std::ifstream in;
    if (std::filesystem::is_regular_file(path, error)) in.open(path, std::ios::binary);
    if (!in.is_open()) {
        return sim::Error{path, "expected a readable history file, cannot open it"};
    }
    CsvReader reader(path, in);
    return read_rows(reader, path);
}

sim::Result<History> read_history_csv_string(std::string_view text, std::string_view name) {
    const std::string name_text(name);
    CsvReader reader(name_text, text.data(), text.data() + text.size());
    return read_rows(reader, name_text);
}

sim::Result<std::string> write_history_csv_string(const History& history) {
    std::string out(kHistoryCsvHeader);
    out += '\n';
    for (const Op& op : history.ops()) {
        for (const std::string* text : {&op.process, &op.topic, &op.key, &op.value, &op.error}) {
            if (text->find('\n') != std::string::npos) {
                return sim::Error{"row index " + std::to_string(op.index),
                                  "expected fields without line breaks, found one in \"" +
                                      *text + "\""};
            }
        }
        out += std::to_string(op.index) + ',' + std::to_string(op.time_ns) + ',';
        append_field(out, op.process);
        out += ',' + std::string(to_string(op.type)) + ',' + std::string(to_string(op.f)) + ',';
        append_field(out, op.topic);
        out += ',' + optional_text(op.partition) + ',';
        append_field(out, op.key);
        out += ',';
        append_field(out, op.value);
        out += ',' + optional_text(op.offset) + ',';
        append_field(out, op.error);
        out += '\n';
    }
    return out;
}

sim::Status write_history_csv_file(const History& history, const std::string& path) {
    sim::Result<std::string> text = write_history_csv_string(history);
    if (!text) return text.error();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return sim::Error{path, "expected a writable path, cannot open it"};
    out << text.value();
    out.flush();
    if (!out) return sim::Error{path, "expected to write the history, the write failed"};
    return sim::Ok{};
}

}  // namespace check
