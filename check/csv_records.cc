#include "check/csv_records.h"

#include <cstring>

namespace check {
namespace {

bool is_trimmed(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

std::string find_nul_byte(std::string_view text) {
    const void* nul = std::memchr(text.data(), '\0', text.size());
    if (nul == nullptr) return "";
    const size_t position = static_cast<size_t>(static_cast<const char*>(nul) - text.data());
    size_t line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < position; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return std::to_string(line) + ":" + std::to_string(position - line_start + 1);
}

sim::Error CsvRecords::error_at(size_t line, std::string what) const {
    return sim::Error{std::to_string(line), std::move(what)};
}

bool CsvRecords::skip_blank_and_comment_lines() {
    while (position_ < text_.size()) {
        size_t end = text_.find('\n', position_);
        if (end == std::string_view::npos) end = text_.size();
        std::string_view line = text_.substr(position_, end - position_);
        const bool blank = line.empty() || line == "\r";
        if (!blank && line.front() != '#') return true;
        position_ = end == text_.size() ? end : end + 1;
        ++line_;
    }
    return false;
}

sim::Status CsvRecords::read_quoted(std::string& field) {
    const size_t open_line = line_;
    ++position_;  // the opening quote
    while (true) {
        const size_t quote = text_.find('"', position_);
        if (quote == std::string_view::npos) {
            return error_at(open_line, "expected a closing quote before the end of the file");
        }
        for (size_t i = position_; i < quote; ++i) {
            if (text_[i] == '\n') {
                ++line_;
            }
        }
        field.append(text_.data() + position_, quote - position_);
        position_ = quote + 1;
        if (position_ < text_.size() && text_[position_] == '"') {
            field += '"';
            ++position_;
            continue;
        }
        break;
    }
    while (position_ < text_.size() && is_trimmed(text_[position_])) ++position_;
    if (position_ < text_.size() && text_[position_] != ',' && text_[position_] != '\n') {
        return error_at(line_, "expected a comma or a line break after a quoted field");
    }
    return sim::Ok{};
}

void CsvRecords::read_plain(std::string& field) {
    size_t end = position_;
    while (end < text_.size() && text_[end] != ',' && text_[end] != '\n') ++end;
    size_t last = end;
    while (last > position_ && is_trimmed(text_[last - 1])) --last;
    field.assign(text_.data() + position_, last - position_);
    position_ = end;
}

sim::Result<bool> CsvRecords::next(std::vector<std::string>& fields) {
    fields.clear();
    if (!skip_blank_and_comment_lines()) return false;
    record_line_ = line_;
    while (true) {
        while (position_ < text_.size() && (text_[position_] == ' ' || text_[position_] == '\t')) {
            ++position_;
        }
        fields.emplace_back();
        if (position_ < text_.size() && text_[position_] == '"') {
            sim::Status quoted = read_quoted(fields.back());
            if (!quoted.ok()) return quoted.error();
        } else {
            read_plain(fields.back());
        }
        if (position_ >= text_.size()) return true;
        const char separator = text_[position_++];
        if (separator == '\n') {
            ++line_;
            return true;
        }
    }
}

}  // namespace check
