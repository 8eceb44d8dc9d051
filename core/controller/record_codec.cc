#include "core/controller/record_codec.h"

#include <variant>

#include "core/common/internal_record_codec.h"
#include "sim/assert.h"

namespace core::controller {

using namespace core::protocol;

namespace {

using Writer = InternalRecordWriter;
using Reader = InternalRecordReader;

void put_ids(Writer& w, const std::vector<int32_t>& ids) {
    w.put(static_cast<int64_t>(ids.size()));
    for (int32_t id : ids) w.put(int64_t{id});
}

void put_opt_ids(Writer& w, const std::optional<std::vector<int32_t>>& ids) {
    w.put_bool(ids.has_value());
    if (ids) put_ids(w, *ids);
}

std::vector<int32_t> get_ids(Reader& in) {
    const int64_t n = in.get_count();
    std::vector<int32_t> ids;
    for (int64_t i = 0; in.ok() && i < n; ++i) ids.push_back(in.get_int32());
    return ids;
}

std::optional<std::vector<int32_t>> get_opt_ids(Reader& in) {
    if (!in.get_bool()) return std::nullopt;
    return get_ids(in);
}

/// Kafka's topic ids are UUIDs; ours are 64 bits, stored as their two's-complement int64.
int64_t id_field(uint64_t id) { return static_cast<int64_t>(id); }

void encode_record(Writer& w, const MetadataRecord& record) {
    w.put(static_cast<int64_t>(record.index()));
    if (const auto* r = std::get_if<RegisterBrokerRecord>(&record)) {
        w.put(r->broker_id).put(id_field(r->incarnation_id)).put(r->broker_epoch);
        w.put(r->rack).put_bool(r->fenced);
    } else if (const auto* r = std::get_if<UnregisterBrokerRecord>(&record)) {
        w.put(r->broker_id).put(r->broker_epoch);
    } else if (const auto* r = std::get_if<FenceBrokerRecord>(&record)) {
        w.put(r->id).put(r->epoch);
    } else if (const auto* r = std::get_if<UnfenceBrokerRecord>(&record)) {
        w.put(r->id).put(r->epoch);
    } else if (const auto* r = std::get_if<TopicRecord>(&record)) {
        w.put(r->name).put(id_field(r->topic_id));
    } else if (const auto* r = std::get_if<PartitionRecord>(&record)) {
        w.put(r->partition_id).put(id_field(r->topic_id));
        put_ids(w, r->replicas);
        put_ids(w, r->isr);
        w.put(r->leader).put(r->leader_epoch).put(r->partition_epoch);
    } else if (const auto* r = std::get_if<PartitionChangeRecord>(&record)) {
        w.put(r->partition_id).put(id_field(r->topic_id));
        put_opt_ids(w, r->isr);
        w.put(r->leader);
        put_opt_ids(w, r->replicas);
    } else if (const auto* r = std::get_if<RemoveTopicRecord>(&record)) {
        w.put(id_field(r->topic_id));
    } else if (const auto* r = std::get_if<ConfigRecord>(&record)) {
        w.put(r->resource_type).put(r->resource_name).put(r->name).put_bool(r->value.has_value());
        if (r->value) w.put(*r->value);
    } else if (const auto* r = std::get_if<ProducerIdsRecord>(&record)) {
        w.put(r->broker_id).put(r->broker_epoch).put(r->next_producer_id);
    } else {
        KS_UNREACHABLE();
    }
}

std::optional<MetadataRecord> decode_record(Reader& in) {
    auto id = [&in] { return static_cast<uint64_t>(in.get_int()); };
    auto i32 = [&in] { return in.get_int32(); };
    auto i64 = [&in] { return in.get_int(); };
    switch (in.get_int()) {
        case 0: {
            RegisterBrokerRecord r;
            r.broker_id = i32();
            r.incarnation_id = id();
            r.broker_epoch = i64();
            r.rack = in.get_string();
            r.fenced = in.get_bool();
            return r;
        }
        case 1:
            return UnregisterBrokerRecord{i32(), i64()};
        case 2:
            return FenceBrokerRecord{i32(), i64()};
        case 3:
            return UnfenceBrokerRecord{i32(), i64()};
        case 4: {
            std::string name = in.get_string();
            return TopicRecord{std::move(name), id()};
        }
        case 5: {
            PartitionRecord r;
            r.partition_id = i32();
            r.topic_id = id();
            r.replicas = get_ids(in);
            r.isr = get_ids(in);
            r.leader = i32();
            r.leader_epoch = i32();
            r.partition_epoch = i32();
            return r;
        }
        case 6: {
            PartitionChangeRecord r;
            r.partition_id = i32();
            r.topic_id = id();
            r.isr = get_opt_ids(in);
            r.leader = i32();
            r.replicas = get_opt_ids(in);
            return r;
        }
        case 7:
            return RemoveTopicRecord{id()};
        case 8: {
            ConfigRecord r;
            r.resource_type = in.get_int8();
            r.resource_name = in.get_string();
            r.name = in.get_string();
            if (in.get_bool()) r.value = in.get_string();
            return r;
        }
        case 9: {
            ProducerIdsRecord r;
            r.broker_id = i32();
            r.broker_epoch = i64();
            r.next_producer_id = i64();
            return r;
        }
        default:
            return std::nullopt;
    }
}

}  // namespace

std::string encode_entry(const MetadataLogEntry& entry) {
    Writer w;
    w.put(entry.offset);
    encode_record(w, entry.record);
    return w.end_entry().take();
}

std::vector<MetadataLogEntry> decode_entries(std::string_view bytes) {
    // One reader over the whole stream: a string field may hold '\n', so entries are found
    // by decoding, not by searching; the first entry that fails to decode is the torn tail.
    std::vector<MetadataLogEntry> entries;
    Reader in(bytes);
    while (!in.at_end()) {
        const int64_t offset = in.get_int();
        std::optional<MetadataRecord> record = decode_record(in);
        if (!record || !in.end_entry()) break;
        entries.push_back({offset, std::move(*record)});
    }
    return entries;
}

}  // namespace core::controller
