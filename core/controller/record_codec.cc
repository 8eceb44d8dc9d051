#include "core/controller/record_codec.h"

#include <charconv>
#include <variant>

#include "sim/assert.h"

namespace core::controller {

using namespace core::protocol;

namespace {

class Writer {
 public:
    Writer& num(int64_t v) {
        out_ += std::to_string(v);
        out_ += ' ';
        return *this;
    }
    Writer& str(const std::string& s) {
        out_ += std::to_string(s.size());
        out_ += ':';
        out_ += s;
        out_ += ' ';
        return *this;
    }
    Writer& ids(const std::vector<int32_t>& v) {
        num(static_cast<int64_t>(v.size()));
        for (int32_t id : v) num(id);
        return *this;
    }
    Writer& opt_ids(const std::optional<std::vector<int32_t>>& v) {
        num(v ? 1 : 0);
        if (v) ids(*v);
        return *this;
    }
    std::string take() { return std::move(out_); }

 private:
    std::string out_;
};

class Reader {
 public:
    explicit Reader(std::string_view in) : in_(in) {}
    bool ok() const { return ok_; }
    int64_t num() {
        int64_t v = 0;
        auto [ptr, ec] = std::from_chars(in_.data() + pos_, in_.data() + in_.size(), v);
        if (ec != std::errc() || ptr >= in_.data() + in_.size() || *ptr != ' ') {
            ok_ = false;
            return 0;
        }
        pos_ = static_cast<size_t>(ptr - in_.data()) + 1;
        return v;
    }
    std::string str() {
        size_t colon = in_.find(':', pos_);
        if (colon == std::string_view::npos) return fail_str();
        size_t len = 0;
        auto [ptr, ec] = std::from_chars(in_.data() + pos_, in_.data() + colon, len);
        if (ec != std::errc() || colon + 1 + len >= in_.size()) return fail_str();
        std::string s(in_.substr(colon + 1, len));
        pos_ = colon + 1 + len + 1;
        return s;
    }
    std::vector<int32_t> ids() {
        int64_t n = num();
        std::vector<int32_t> v;
        for (int64_t i = 0; ok_ && i < n; ++i) v.push_back(static_cast<int32_t>(num()));
        return v;
    }
    std::optional<std::vector<int32_t>> opt_ids() {
        if (num() == 0) return std::nullopt;
        return ids();
    }

 private:
    std::string fail_str() {
        ok_ = false;
        return {};
    }
    std::string_view in_;
    size_t pos_ = 0;
    bool ok_ = true;
};

void encode_record(Writer& w, const MetadataRecord& record) {
    w.num(static_cast<int64_t>(record.index()));
    if (const auto* r = std::get_if<RegisterBrokerRecord>(&record)) {
        w.num(r->broker_id).num(static_cast<int64_t>(r->incarnation_id)).num(r->broker_epoch);
        w.str(r->rack).num(r->fenced);
    } else if (const auto* r = std::get_if<UnregisterBrokerRecord>(&record)) {
        w.num(r->broker_id).num(r->broker_epoch);
    } else if (const auto* r = std::get_if<FenceBrokerRecord>(&record)) {
        w.num(r->id).num(r->epoch);
    } else if (const auto* r = std::get_if<UnfenceBrokerRecord>(&record)) {
        w.num(r->id).num(r->epoch);
    } else if (const auto* r = std::get_if<TopicRecord>(&record)) {
        w.str(r->name).num(static_cast<int64_t>(r->topic_id));
    } else if (const auto* r = std::get_if<PartitionRecord>(&record)) {
        w.num(r->partition_id).num(static_cast<int64_t>(r->topic_id)).ids(r->replicas);
        w.ids(r->isr).num(r->leader).num(r->leader_epoch).num(r->partition_epoch);
    } else if (const auto* r = std::get_if<PartitionChangeRecord>(&record)) {
        w.num(r->partition_id).num(static_cast<int64_t>(r->topic_id)).opt_ids(r->isr);
        w.num(r->leader).opt_ids(r->replicas);
    } else if (const auto* r = std::get_if<RemoveTopicRecord>(&record)) {
        w.num(static_cast<int64_t>(r->topic_id));
    } else if (const auto* r = std::get_if<ConfigRecord>(&record)) {
        w.num(r->resource_type).str(r->resource_name).str(r->name).num(r->value ? 1 : 0);
        if (r->value) w.str(*r->value);
    } else if (const auto* r = std::get_if<ProducerIdsRecord>(&record)) {
        w.num(r->broker_id).num(r->broker_epoch).num(r->next_producer_id);
    } else {
        KS_UNREACHABLE();
    }
}

std::optional<MetadataRecord> decode_record(Reader& in) {
    auto u64 = [&in] { return static_cast<uint64_t>(in.num()); };
    auto i32 = [&in] { return static_cast<int32_t>(in.num()); };
    switch (in.num()) {
        case 0: {
            RegisterBrokerRecord r;
            r.broker_id = i32();
            r.incarnation_id = u64();
            r.broker_epoch = in.num();
            r.rack = in.str();
            r.fenced = in.num() != 0;
            return r;
        }
        case 1:
            return UnregisterBrokerRecord{i32(), in.num()};
        case 2:
            return FenceBrokerRecord{i32(), in.num()};
        case 3:
            return UnfenceBrokerRecord{i32(), in.num()};
        case 4: {
            std::string name = in.str();
            return TopicRecord{name, u64()};
        }
        case 5: {
            PartitionRecord r;
            r.partition_id = i32();
            r.topic_id = u64();
            r.replicas = in.ids();
            r.isr = in.ids();
            r.leader = i32();
            r.leader_epoch = i32();
            r.partition_epoch = i32();
            return r;
        }
        case 6: {
            PartitionChangeRecord r;
            r.partition_id = i32();
            r.topic_id = u64();
            r.isr = in.opt_ids();
            r.leader = i32();
            r.replicas = in.opt_ids();
            return r;
        }
        case 7:
            return RemoveTopicRecord{u64()};
        case 8: {
            ConfigRecord r;
            r.resource_type = static_cast<int8_t>(in.num());
            r.resource_name = in.str();
            r.name = in.str();
            if (in.num() != 0) r.value = in.str();
            return r;
        }
        case 9: {
            ProducerIdsRecord r;
            r.broker_id = i32();
            r.broker_epoch = in.num();
            r.next_producer_id = in.num();
            return r;
        }
        default:
            return std::nullopt;
    }
}

}  // namespace

std::string encode_entry(const MetadataLogEntry& entry) {
    Writer w;
    w.num(entry.offset);
    encode_record(w, entry.record);
    std::string line = w.take();
    line += '\n';
    return line;
}

std::vector<MetadataLogEntry> decode_entries(std::string_view bytes) {
    std::vector<MetadataLogEntry> entries;
    size_t start = 0;
    while (start < bytes.size()) {
        size_t end = bytes.find('\n', start);
        if (end == std::string_view::npos) break;  // torn last line
        Reader in(bytes.substr(start, end - start + 1));
        int64_t offset = in.num();
        std::optional<MetadataRecord> record = decode_record(in);
        if (!in.ok() || !record) break;
        entries.push_back({offset, std::move(*record)});
        start = end + 1;
    }
    return entries;
}

}  // namespace core::controller
