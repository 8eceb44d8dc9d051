#include "check/history_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/csv_records.h"
#include "check/history_rules.h"

namespace check {
namespace {

/// The columns a header may name, in the order the writer puts them; `txn` is optional.
enum Column { kIndex, kTimeNs, kProcess, kType, kF, kTopic, kPartition, kKey, kValue,
              kOffset, kError, kTxn, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "index", "time_ns", "process", "type", "f", "topic", "partition", "key", "value",
    "offset", "error", "txn"};

/// The fields of one row as text, by Column.
using RawRow = std::array<std::string, kColumnCount>;

/// Builds "name:line" errors for the row being read.
struct Place {
    std::string name;
    size_t line = 0;

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
    auto index = parse_column<int64_t>(place, raw[kIndex], "index", false);
    if (!index) return index.error();
    auto time_ns = parse_column<int64_t>(place, raw[kTimeNs], "time_ns", false);
    if (!time_ns) return time_ns.error();
    auto partition = parse_column<int32_t>(place, raw[kPartition], "partition", true);
    if (!partition) return partition.error();
    auto offset = parse_column<int64_t>(place, raw[kOffset], "offset", true);
    if (!offset) return offset.error();
    std::optional<OpType> type = parse_op_type(raw[kType]);
    if (!type) {
        return place.error("expected type invoke, ok, fail or info, got \"" + raw[kType] + "\"");
    }
    std::optional<OpFunction> f = parse_op_function(raw[kF]);
    if (!f) {
        return place.error("expected f send, poll, process, commit, assign or crash, got \"" +
                           raw[kF] + "\"");
    }
    if (raw[kProcess].empty()) return place.error("expected a process, got nothing");
    op.index = *index.value();
    op.time_ns = *time_ns.value();
    op.process = raw[kProcess];
    op.type = *type;
    op.f = *f;
    op.topic = raw[kTopic];
    op.partition = partition.value();
    op.key = raw[kKey];
    op.value = raw[kValue];
    op.offset = offset.value();
    op.error = raw[kError];
    op.txn = raw[kTxn];
    return op;
}

/// The header as this file gave it ("index,...,error" or with ",txn").
std::string header_text(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ",") + name;
    return out;
}

/// Maps each header field to its Column; every column but `txn` must be there, once.
sim::Result<std::vector<Column>> read_header(const Place& place,
                                             const std::vector<std::string>& names) {
    const std::string expected = "expected the header " + std::string(kHistoryCsvHeader);
    std::vector<Column> columns;
    std::array<bool, kColumnCount> seen{};
    for (const std::string& name : names) {
        auto known = std::find(kColumnNames.begin(), kColumnNames.end(), name);
        if (known == kColumnNames.end()) {
            return place.error(expected + ": unknown column \"" + name + "\"");
        }
        const auto column = static_cast<Column>(known - kColumnNames.begin());
        if (seen[column]) return place.error(expected + ": repeated column \"" + name + "\"");
        seen[column] = true;
        columns.push_back(column);
    }
    for (size_t column = 0; column < kTxn; ++column) {
        if (!seen[column]) {
            return place.error(expected + ": missing column \"" +
                               std::string(kColumnNames[column]) + "\"");
        }
    }
    return columns;
}

/// Places a record's fields by the header's columns.
sim::Status fill_row(const Place& place, const std::vector<Column>& columns,
                     const std::string& header, std::vector<std::string>& fields, RawRow& raw) {
    if (fields.size() != columns.size()) {
        return place.error("expected " + std::to_string(columns.size()) + " columns (" + header +
                           "), found " + (fields.size() < columns.size() ? "fewer" : "more"));
    }
    for (std::string& field : raw) field.clear();
    for (size_t i = 0; i < columns.size(); ++i) raw[columns[i]].swap(fields[i]);
    return sim::Ok{};
}

/// Prefixes a CsvRecords error ("line" + what) with the file name.
sim::Error located(const std::string& name, const sim::Error& error) {
    return sim::Error{name + ":" + error.where, error.what};
}

sim::Result<History> read_rows(std::string_view text, const std::string& name) {
    if (std::string nul = find_nul_byte(text); !nul.empty()) {
        return sim::Error{name + ":" + nul,
                          "expected text, found a NUL byte (a binary or corrupted file?)"};
    }
    CsvRecords records(text);
    std::vector<std::string> fields;
    Place place{name, 1};
    sim::Result<bool> has_header = records.next(fields);
    if (!has_header) return located(name, has_header.error());
    if (!has_header.value()) {
        return place.error("expected the header " + std::string(kHistoryCsvHeader) +
                           ", found nothing");
    }
    place.line = records.line();
    sim::Result<std::vector<Column>> columns = read_header(place, fields);
    if (!columns) return columns.error();
    const std::string header = header_text(fields);
    History history;
    std::vector<size_t> lines;
    RawRow raw;
    while (true) {
        sim::Result<bool> more = records.next(fields);
        if (!more) return located(name, more.error());
        if (!more.value()) break;
        place.line = records.line();
        if (sim::Status filled = fill_row(place, columns.value(), header, fields, raw);
            !filled.ok()) {
            return filled.error();
        }
        sim::Result<Op> op = parse_row(place, raw);
        if (!op) return op.error();
        if (!history.empty() && op.value().index <= history.ops().back().index) {
            return place.error("expected index greater than " +
                               std::to_string(history.ops().back().index) + ", got " +
                               raw[kIndex]);
        }
        history.append(std::move(op).value());
        lines.push_back(place.line);
    }
    if (sim::Status rules = check_operation_rules(history, lines, name); !rules.ok()) {
        return rules.error();
    }
    return history;
}

/// Whether the reader would change the field unless it is quoted.
bool needs_quotes(const std::string& field) {
    if (field.empty()) return false;
    if (field.find_first_of(",\"\n") != std::string::npos) return true;
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
    // One read of the whole file: a 1,000,000-row history is ~60 MB, and parsing from
    // memory lets a quoted field span lines.
    std::ostringstream contents;
    contents << in.rdbuf();
    if (in.bad()) return sim::Error{path, "expected a readable history file, the read failed"};
    return read_rows(contents.view(), path);
}

sim::Result<History> read_history_csv_string(std::string_view text, std::string_view name) {
    return read_rows(text, std::string(name));
}

bool has_transactions(const History& history) {
    for (const Op& op : history.ops()) {
        if (!op.txn.empty()) return true;
    }
    return false;
}

sim::Result<std::string> write_history_csv_string(const History& history) {
    const bool with_txn = has_transactions(history);
    std::string out(kHistoryCsvHeader);
    if (with_txn) out += ",txn";
    out += '\n';
    for (const Op& op : history.ops()) {
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
        if (with_txn) {
            out += ',';
            append_field(out, op.txn);
        }
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
