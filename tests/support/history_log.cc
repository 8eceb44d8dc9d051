#include "tests/support/history_log.h"

namespace kafkasim::test {

namespace {
std::string cell(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}
std::string number_or_empty(int64_t value) { return value < 0 ? "" : std::to_string(value); }
}  // namespace

int64_t HistoryLog::add(HistoryOp op) {
    op.index = static_cast<int64_t>(ops_.size());
    ops_.push_back(std::move(op));
    return ops_.back().index;
}

std::string HistoryLog::to_csv() const {
    std::string text = "index,time_ns,process,type,f,topic,partition,key,value,offset,error\n";
    for (const HistoryOp& op : ops_) {
        text += std::to_string(op.index) + "," + std::to_string(op.time_ns) + "," +
                cell(op.process) + "," + op.type + "," + op.f + "," + cell(op.topic) + "," +
                number_or_empty(op.partition) + "," + (op.has_key ? cell(op.key) : "") + "," +
                cell(op.value) + "," + number_or_empty(op.offset) + "," + op.error + "\n";
    }
    return text;
}

}  // namespace kafkasim::test
