// A producer's `data` file: plain comma-separated rows (no quoting) under a header row;
// each row becomes one record whose value is the row and whose key is its `key` column
// (or its first column when none is named `key`).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "harness/scenario/loader.h"

namespace harness::detail {
namespace {

std::vector<std::string> split_row(const std::string& line) {
    std::vector<std::string> fields;
    size_t begin = 0;
    while (true) {
        size_t comma = line.find(',', begin);
        fields.push_back(line.substr(begin, comma - begin));
        if (comma == std::string::npos) return fields;
        begin = comma + 1;
    }
}

}  // namespace

std::vector<DataRecord> read_data_csv(const std::string& path, const std::string& where) {
    // Only a regular file: a device or FIFO ("/dev/zero", "/dev/stdin") would never end.
    std::error_code error;
    std::ifstream in;
    if (std::filesystem::is_regular_file(path, error)) in.open(path, std::ios::binary);
    if (!in.is_open()) {
        fail(where, fmt::format("expected a readable CSV data file at \"{}\"", path));
    }
    std::string line;
    std::vector<std::string> header;
    size_t key_column = 0;
    std::vector<DataRecord> records;
    for (int line_number = 1; std::getline(in, line); ++line_number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        std::vector<std::string> fields = split_row(line);
        if (header.empty()) {
            header = fields;
            for (size_t i = 0; i < header.size(); ++i) {
                if (header[i] == "key") key_column = i;
            }
            continue;
        }
        if (fields.size() != header.size()) {
            fail(fmt::format("{}:{}:1", path, line_number),
                 fmt::format("expected {} columns as in the header, got {}", header.size(),
                             fields.size()));
        }
        records.push_back(DataRecord{fields[key_column], line});
    }
    if (records.empty()) {
        fail(fmt::format("{}:1:1", path), "expected a header row and at least one data row");
    }
    return records;
}

}  // namespace harness::detail
