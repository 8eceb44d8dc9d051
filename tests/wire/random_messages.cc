#include "tests/wire/random_messages.h"

#include "core/protocol/admin.h"
#include "core/protocol/api_versions.h"
#include "core/protocol/describe_cluster.h"
#include "core/protocol/fetch.h"
#include "core/protocol/init_producer_id.h"
#include "core/protocol/list_offsets.h"
#include "core/protocol/metadata.h"
#include "core/protocol/offset_for_leader_epoch.h"
#include "core/protocol/produce.h"

namespace wire::testing {

using namespace core::protocol;
using core::TopicPartition;

namespace {

std::string text(sim::Rng& rng, int max_length = 12) {
    std::string out(rng.uniform(max_length + 1), ' ');
    for (char& c : out) c = static_cast<char>('a' + rng.uniform(26));
    return out;
}
int32_t i32(sim::Rng& rng) { return static_cast<int32_t>(rng.between(-5, 100000)); }
int64_t i64(sim::Rng& rng) { return rng.between(-1, int64_t{1} << 40); }
int16_t i16(sim::Rng& rng) { return static_cast<int16_t>(rng.between(-1, 300)); }
bool flip(sim::Rng& rng) { return rng.uniform(2) == 1; }
Error error(sim::Rng& rng) {
    static constexpr Error kErrors[] = {Error::NONE, Error::NOT_LEADER_OR_FOLLOWER,
                                        Error::UNKNOWN_TOPIC_OR_PARTITION,
                                        Error::INVALID_REPLICATION_FACTOR};
    return kErrors[rng.uniform(4)];
}
std::vector<int32_t> ids(sim::Rng& rng) {
    std::vector<int32_t> out(rng.uniform(4));
    for (int32_t& id : out) id = static_cast<int32_t>(rng.between(0, 9));
    return out;
}

// Partitions of 1-3 topics, grouped by topic (the order the wire keeps).
std::vector<TopicPartition> topic_partitions(sim::Rng& rng) {
    std::vector<TopicPartition> out;
    int topics = static_cast<int>(rng.uniform(3)) + 1;
    for (int t = 0; t < topics; ++t) {
        std::string name = "topic" + std::to_string(t) + text(rng, 4);
        int partitions = static_cast<int>(rng.uniform(3)) + 1;
        for (int p = 0; p < partitions; ++p) out.push_back({name, static_cast<int32_t>(p)});
    }
    return out;
}

template <class T, class F>
std::vector<T> per_partition(sim::Rng& rng, F&& fill) {
    std::vector<T> out;
    for (const TopicPartition& tp : topic_partitions(rng)) {
        T& entry = out.emplace_back();
        entry.topic_partition = tp;
        fill(entry);
    }
    return out;
}

}  // namespace

RecordBatch random_batch(sim::Rng& rng) {
    RecordBatch batch;
    batch.base_offset = rng.between(0, 1000);
    batch.partition_leader_epoch = static_cast<int32_t>(rng.between(-1, 9));
    batch.producer_id = rng.between(-1, 5000);
    batch.producer_epoch = static_cast<int16_t>(rng.between(-1, 9));
    batch.base_sequence = static_cast<int32_t>(rng.between(-1, 500));
    batch.is_transactional = flip(rng);
    int64_t timestamp = rng.between(0, int64_t{1} << 41);
    int count = static_cast<int>(rng.uniform(6));
    for (int i = 0; i < count; ++i) {
        Record& record = batch.records.emplace_back();
        record.offset = batch.base_offset + i;
        record.timestamp_ms = timestamp + rng.between(-1000, 1000);
        record.has_key = flip(rng);
        if (record.has_key) record.key = text(rng);
        record.value = text(rng, 40);
        for (uint64_t h = rng.uniform(3); h > 0; --h) {
            std::optional<std::string> value;
            if (flip(rng)) value = text(rng);
            record.headers.push_back({text(rng, 5), value});
        }
    }
    return batch;
}

namespace {

std::shared_ptr<KafkaMessage> produce_request(sim::Rng& rng) {
    auto m = std::make_shared<ProduceRequest>();
    if (flip(rng)) m->transactional_id = text(rng);
    m->acks = static_cast<int16_t>(rng.between(-1, 1));
    m->timeout_ms = i32(rng);
    m->partitions = per_partition<PartitionProduceData>(
        rng, [&](PartitionProduceData& p) { p.records = random_batch(rng); });
    return m;
}

std::shared_ptr<KafkaMessage> fetch_request(sim::Rng& rng) {
    auto m = std::make_shared<FetchRequest>();
    m->replica_id = static_cast<int32_t>(rng.between(-1, 3));
    m->max_wait_ms = i32(rng);
    m->min_bytes = i32(rng);
    m->max_bytes = i32(rng);
    m->isolation_level =
            flip(rng) ? IsolationLevel::ReadCommitted : IsolationLevel::ReadUncommitted;
    m->partitions = per_partition<FetchPartition>(rng, [&](FetchPartition& p) {
        p.current_leader_epoch = i32(rng);
        p.fetch_offset = i64(rng);
        p.last_fetched_epoch = i32(rng);
        p.log_start_offset = i64(rng);
        p.partition_max_bytes = i32(rng);
    });
    return m;
}

std::shared_ptr<KafkaMessage> offsets_request(ApiKey key, sim::Rng& rng) {
    if (key == ApiKey::ListOffsets) {
        auto m = std::make_shared<ListOffsetsRequest>();
        m->replica_id = static_cast<int32_t>(rng.between(-1, 3));
        m->isolation_level =
            flip(rng) ? IsolationLevel::ReadCommitted : IsolationLevel::ReadUncommitted;
        m->partitions = per_partition<ListOffsetsPartition>(rng, [&](ListOffsetsPartition& p) {
            p.current_leader_epoch = i32(rng);
            p.timestamp = rng.between(-2, 1 << 30);
        });
        return m;
    }
    auto m = std::make_shared<OffsetForLeaderEpochRequest>();
    m->replica_id = static_cast<int32_t>(rng.between(-2, 3));
    m->partitions = per_partition<OffsetForLeaderPartition>(rng, [&](auto& p) {
        p.current_leader_epoch = i32(rng);
        p.leader_epoch = i32(rng);
    });
    return m;
}

std::shared_ptr<KafkaMessage> admin_request(ApiKey key, sim::Rng& rng) {
    if (key == ApiKey::CreateTopics) {
        auto m = std::make_shared<CreateTopicsRequest>();
        for (uint64_t n = rng.uniform(3); n > 0; --n) {
            CreatableTopic& t = m->topics.emplace_back();
            t.name = text(rng);
            t.num_partitions = i32(rng);
            t.replication_factor = i16(rng);
            if (flip(rng)) t.assignments[0] = ids(rng);
            if (flip(rng)) t.configs["min.insync.replicas"] = text(rng, 2);
        }
        m->timeout_ms = i32(rng);
        m->validate_only = flip(rng);
        return m;
    }
    if (key == ApiKey::DeleteTopics) {
        auto m = std::make_shared<DeleteTopicsRequest>();
        for (uint64_t n = rng.uniform(3); n > 0; --n) m->topic_names.push_back(text(rng));
        m->timeout_ms = i32(rng);
        return m;
    }
    auto m = std::make_shared<DescribeConfigsRequest>();
    for (uint64_t n = rng.uniform(3); n > 0; --n) {
        m->resources.push_back({flip(rng) ? ConfigResourceType::Topic : ConfigResourceType::Broker,
                                text(rng)});
    }
    return m;
}

std::shared_ptr<KafkaMessage> other_request(ApiKey key, sim::Rng& rng) {
    switch (key) {
        case ApiKey::ApiVersions: {
            auto m = std::make_shared<ApiVersionsRequest>();
            m->client_software_name = text(rng);
            m->client_software_version = text(rng);
            return m;
        }
        case ApiKey::Metadata: {
            auto m = std::make_shared<MetadataRequest>();
            if (flip(rng)) {
                m->topics.emplace();
                for (uint64_t n = rng.uniform(3); n > 0; --n) m->topics->push_back(text(rng));
            }
            m->allow_auto_topic_creation = flip(rng);
            return m;
        }
        case ApiKey::InitProducerId: {
            auto m = std::make_shared<InitProducerIdRequest>();
            if (flip(rng)) m->transactional_id = text(rng);
            m->transaction_timeout_ms = i32(rng);
            m->producer_id = i64(rng);
            m->producer_epoch = i16(rng);
            return m;
        }
        case ApiKey::DescribeCluster: {
            auto m = std::make_shared<DescribeClusterRequest>();
            m->include_cluster_authorized_operations = flip(rng);
            m->endpoint_type = static_cast<int8_t>(rng.between(1, 2));
            return m;
        }
        default: return random_group_request(key, rng);
    }
}

}  // namespace

std::shared_ptr<KafkaMessage> random_request(ApiKey key, sim::Rng& rng) {
    std::shared_ptr<KafkaMessage> m;
    switch (key) {
        case ApiKey::Produce: m = produce_request(rng); break;
        case ApiKey::Fetch: m = fetch_request(rng); break;
        case ApiKey::ListOffsets:
        case ApiKey::OffsetForLeaderEpoch: m = offsets_request(key, rng); break;
        case ApiKey::CreateTopics:
        case ApiKey::DeleteTopics:
        case ApiKey::DescribeConfigs: m = admin_request(key, rng); break;
        default: m = other_request(key, rng); break;
    }
    if (m) m->correlation_id = i32(rng);
    return m;
}

namespace {

std::vector<MetadataResponseBroker> brokers(sim::Rng& rng) {
    std::vector<MetadataResponseBroker> out;
    for (uint64_t n = rng.uniform(4); n > 0; --n) {
        out.push_back({static_cast<int32_t>(rng.between(0, 9)), text(rng), i32(rng),
                       flip(rng) ? text(rng) : ""});
    }
    return out;
}

std::shared_ptr<KafkaMessage> metadata_response(sim::Rng& rng) {
    auto m = std::make_shared<MetadataResponse>();
    m->throttle_time_ms = i32(rng);
    m->brokers = brokers(rng);
    m->cluster_id = text(rng);
    m->controller_id = i32(rng);
    for (uint64_t n = rng.uniform(3); n > 0; --n) {
        MetadataResponseTopic& t = m->topics.emplace_back();
        t.error = error(rng);
        t.name = text(rng);
        t.topic_id = rng.next();
        t.is_internal = flip(rng);
        for (uint64_t k = rng.uniform(3); k > 0; --k) {
            t.partitions.push_back({error(rng), i32(rng), i32(rng), i32(rng), ids(rng), ids(rng),
                                    ids(rng)});
        }
    }
    return m;
}

std::shared_ptr<KafkaMessage> fetch_response(sim::Rng& rng) {
    auto m = std::make_shared<FetchResponse>();
    m->error = error(rng);
    m->throttle_time_ms = i32(rng);
    m->responses = per_partition<FetchablePartitionResponse>(rng, [&](auto& p) {
        p.error = error(rng);
        p.high_watermark = i64(rng);
        p.last_stable_offset = i64(rng);
        p.log_start_offset = i64(rng);
        if (flip(rng)) p.diverging_epoch = {i32(rng), i64(rng)};
        if (flip(rng)) p.current_leader = {static_cast<int32_t>(rng.between(0, 9)), i32(rng)};
        if (flip(rng)) p.aborted_transactions.push_back({i64(rng), i64(rng)});
        for (uint64_t n = rng.uniform(3); n > 0; --n) p.records.push_back(random_batch(rng));
    });
    return m;
}

std::shared_ptr<KafkaMessage> offsets_response(ApiKey key, sim::Rng& rng) {
    if (key == ApiKey::ListOffsets) {
        auto m = std::make_shared<ListOffsetsResponse>();
        m->responses = per_partition<ListOffsetsPartitionResponse>(rng, [&](auto& p) {
            p.error = error(rng);
            p.timestamp = i64(rng);
            p.offset = i64(rng);
            p.leader_epoch = i32(rng);
        });
        return m;
    }
    auto m = std::make_shared<OffsetForLeaderEpochResponse>();
    m->throttle_time_ms = i32(rng);
    m->partitions = per_partition<OffsetForLeaderEpochPartitionResult>(rng, [&](auto& p) {
        p.error = error(rng);
        p.leader_epoch = i32(rng);
        p.end_offset = i64(rng);
    });
    return m;
}

std::shared_ptr<KafkaMessage> admin_response(ApiKey key, sim::Rng& rng) {
    if (key == ApiKey::CreateTopics) {
        auto m = std::make_shared<CreateTopicsResponse>();
        for (uint64_t n = rng.uniform(3); n > 0; --n) {
            m->topics.push_back({text(rng), rng.next(), error(rng), text(rng), i32(rng), i16(rng)});
        }
        return m;
    }
    if (key == ApiKey::DeleteTopics) {
        auto m = std::make_shared<DeleteTopicsResponse>();
        for (uint64_t n = rng.uniform(3); n > 0; --n) {
            m->responses.push_back({text(rng), error(rng), text(rng)});
        }
        return m;
    }
    auto m = std::make_shared<DescribeConfigsResponse>();
    for (uint64_t n = rng.uniform(3); n > 0; --n) {
        DescribeConfigsResult& r = m->results.emplace_back();
        r.error = error(rng);
        r.error_message = text(rng);
        r.resource_type = flip(rng) ? ConfigResourceType::Topic : ConfigResourceType::Broker;
        r.resource_name = text(rng);
        for (uint64_t k = rng.uniform(3); k > 0; --k) {
            r.configs.push_back({text(rng), text(rng), flip(rng)});
        }
    }
    return m;
}

std::shared_ptr<KafkaMessage> other_response(ApiKey key, sim::Rng& rng) {
    switch (key) {
        case ApiKey::Produce: {
            auto m = std::make_shared<ProduceResponse>();
            m->throttle_time_ms = i32(rng);
            m->responses = per_partition<PartitionProduceResponse>(rng, [&](auto& p) {
                p.error = error(rng);
                p.base_offset = i64(rng);
                p.log_append_time_ms = i64(rng);
                p.log_start_offset = i64(rng);
                p.error_message = text(rng);
            });
            return m;
        }
        case ApiKey::ApiVersions: {
            auto m = std::make_shared<ApiVersionsResponse>();
            m->error = error(rng);
            for (uint64_t n = rng.uniform(5); n > 0; --n) {
                m->api_keys.push_back({i16(rng), i16(rng), i16(rng)});
            }
            m->throttle_time_ms = i32(rng);
            return m;
        }
        case ApiKey::InitProducerId: {
            auto m = std::make_shared<InitProducerIdResponse>();
            m->error = error(rng);
            m->producer_id = i64(rng);
            m->producer_epoch = i16(rng);
            return m;
        }
        case ApiKey::DescribeCluster: {
            auto m = std::make_shared<DescribeClusterResponse>();
            m->throttle_time_ms = i32(rng);
            m->error = error(rng);
            if (flip(rng)) m->error_message = text(rng);
            m->cluster_id = text(rng);
            m->controller_id = i32(rng);
            m->brokers = brokers(rng);
            return m;
        }
        default: return random_group_response(key, rng);
    }
}

}  // namespace

std::shared_ptr<KafkaMessage> random_response(ApiKey key, sim::Rng& rng) {
    std::shared_ptr<KafkaMessage> m;
    switch (key) {
        case ApiKey::Metadata: m = metadata_response(rng); break;
        case ApiKey::Fetch: m = fetch_response(rng); break;
        case ApiKey::ListOffsets:
        case ApiKey::OffsetForLeaderEpoch: m = offsets_response(key, rng); break;
        case ApiKey::CreateTopics:
        case ApiKey::DeleteTopics:
        case ApiKey::DescribeConfigs: m = admin_response(key, rng); break;
        default: m = other_response(key, rng); break;
    }
    if (m) m->correlation_id = i32(rng);
    return m;
}

}  // namespace wire::testing
