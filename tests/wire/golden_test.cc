// Golden frames from real clients (tests/wire/golden/, made by capture_all.sh there: kcat
// and confluent-kafka on librdkafka 2.0.2, kafka-python 2.0.2): every captured request
// decodes, re-encodes to the client's own bytes where no compressor is involved, and
// carries what the client was asked to send (keys, values, headers, codecs, configs).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/protocol/admin.h"
#include "core/protocol/group.h"
#include "core/protocol/init_producer_id.h"
#include "core/protocol/produce.h"
#include "wire/codec.h"

namespace wire {
namespace {

namespace fs = std::filesystem;
using namespace core::protocol;

fs::path golden_dir() {
    const char* root = std::getenv("KAFKASIM_SOURCE_DIR");
    return fs::path(root ? root : ".") / "tests" / "wire" / "golden";
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

/// The one capture in `client` whose file name contains `api`.
DecodedRequest decode_capture(const std::string& client, const std::string& api) {
    for (const auto& entry : fs::directory_iterator(golden_dir() / client)) {
        if (entry.path().filename().string().find(api) == std::string::npos) continue;
        std::string frame = read_file(entry.path());
        return decode_request(std::string_view(frame).substr(4));
    }
    ADD_FAILURE() << "no " << api << " capture in " << client;
    return {};
}

TEST(Golden, EveryCapturedFrameDecodesAndUncompressedOnesReencodeByteForByte) {
    int frames = 0;
    for (const auto& client : fs::directory_iterator(golden_dir())) {
        if (!client.is_directory()) continue;
        for (const auto& file : fs::directory_iterator(client.path())) {
            std::string frame = read_file(file.path());
            ASSERT_GE(frame.size(), 4u);
            EXPECT_EQ(frame_size(frame), static_cast<int32_t>(frame.size() - 4));
            DecodedRequest decoded = decode_request(std::string_view(frame).substr(4));
            ASSERT_EQ(decoded.error, Error::NONE) << file.path() << ": " << decoded.error_message;
            ++frames;
            bool compressed = client.path().filename().string().find("produce-") !=
                                  std::string::npos &&
                              client.path().filename() != "kcat-produce-none";
            if (compressed && decoded.header.api_key == 0) continue;
            // core/ keeps a JoinGroup's subscription as a struct, not its ConsumerProtocol
            // version (kafka-python writes v0, librdkafka v1, kafkasim v1 or v2).
            if (decoded.header.api_key == 11) continue;
            EXPECT_EQ(encode_request(decoded.header, *decoded.request), frame) << file.path();
        }
    }
    EXPECT_GE(frames, 60);
}

std::string capture_bytes(const std::string& client, const std::string& api) {
    for (const auto& entry : fs::directory_iterator(golden_dir() / client)) {
        if (entry.path().filename().string().find(api) != std::string::npos) {
            return read_file(entry.path());
        }
    }
    return {};
}

// 200 lines "k<n>:line <n> of the golden batch" in one batch; every codec but none must
// have shrunk the frame (librdkafka sends a batch uncompressed when it would not).
TEST(Golden, KcatProducesTwoHundredKeyedRecordsInOneBatchWithEachCodec) {
    size_t uncompressed = capture_bytes("kcat-produce-none", "Produce").size();
    for (const char* codec : {"none", "gzip", "snappy", "lz4", "zstd"}) {
        std::string client = std::string("kcat-produce-") + codec;
        DecodedRequest d = decode_capture(client, "Produce");
        ASSERT_EQ(d.error, Error::NONE) << codec << ": " << d.error_message;
        EXPECT_EQ(d.header.client_id, "rdkafka");
        const auto& produce = static_cast<const ProduceRequest&>(*d.request);
        ASSERT_EQ(produce.partitions.size(), 1u);
        EXPECT_EQ(produce.partitions[0].topic_partition.topic, "golden");
        const RecordBatch& batch = produce.partitions[0].records;
        ASSERT_EQ(batch.records.size(), 200u) << codec;
        for (size_t i = 0; i < batch.records.size(); ++i) {
            std::string n = std::to_string(i + 1);
            EXPECT_EQ(batch.records[i].key, "k" + n);
            EXPECT_EQ(batch.records[i].value, "line " + n + " of the golden batch");
            EXPECT_EQ(batch.records[i].offset, static_cast<int64_t>(i));
        }
        if (std::string(codec) != "none") {
            EXPECT_LT(capture_bytes(client, "Produce").size() * 2, uncompressed) << codec;
        }
    }
}

TEST(Golden, KcatRecordHeadersArriveInOrder) {
    DecodedRequest d = decode_capture("kcat-headers", "Produce");
    ASSERT_EQ(d.error, Error::NONE) << d.error_message;
    const auto& record = static_cast<const ProduceRequest&>(*d.request).partitions[0]
                             .records.records.at(0);
    ASSERT_EQ(record.headers.size(), 2u);
    EXPECT_EQ(record.headers[0].key, "h1");
    EXPECT_EQ(record.headers[0].value, "x");
    EXPECT_EQ(record.headers[1].key, "h2");
}

TEST(Golden, IdempotentLibrdkafkaAsksForAProducerIdWithoutTransactionalId) {
    DecodedRequest d = decode_capture("kcat-idempotent", "InitProducerId");
    ASSERT_EQ(d.error, Error::NONE) << d.error_message;
    const auto& init = static_cast<const InitProducerIdRequest&>(*d.request);
    EXPECT_EQ(init.transactional_id, std::nullopt);
}

TEST(Golden, KafkaPythonCreateTopicsCarriesPartitionsFactorAndConfigs) {
    DecodedRequest d = decode_capture("kafka-python-admin", "CreateTopics");
    ASSERT_EQ(d.error, Error::NONE) << d.error_message;
    const auto& create = static_cast<const CreateTopicsRequest&>(*d.request);
    ASSERT_EQ(create.topics.size(), 1u);
    EXPECT_EQ(create.topics[0].name, "golden");
    EXPECT_EQ(create.topics[0].num_partitions, 3);
    EXPECT_EQ(create.topics[0].replication_factor, 1);
    EXPECT_EQ(create.topics[0].configs.at("min.insync.replicas"), "1");
}

TEST(Golden, ConfluentKafkaCreateTopicsIsVersionFour) {
    DecodedRequest d = decode_capture("confluent-kafka-admin", "CreateTopics");
    ASSERT_EQ(d.error, Error::NONE) << d.error_message;
    EXPECT_EQ(d.header.api_version, 4);
    EXPECT_EQ(static_cast<const CreateTopicsRequest&>(*d.request).topics.at(0).num_partitions, 3);
}

// The member metadata bytes are Kafka's ConsumerProtocolSubscription: librdkafka's and
// kafka-python's both name the subscribed topic.
TEST(Golden, GroupConsumersJoinWithASubscriptionNamingTheirTopic) {
    for (const char* client : {"kcat-group-consumer", "kafka-python-group-consumer"}) {
        DecodedRequest d = decode_capture(client, "JoinGroup");
        ASSERT_EQ(d.error, Error::NONE) << client << ": " << d.error_message;
        const auto& join = static_cast<const JoinGroupRequest&>(*d.request);
        EXPECT_EQ(join.group_id, "golden-group") << client;
        EXPECT_EQ(join.protocol_type, "consumer");
        ASSERT_FALSE(join.protocols.empty());
        EXPECT_EQ(join.protocols[0].metadata.topics, std::vector<std::string>{"golden"}) << client;
        EXPECT_EQ(join.client_id, d.header.client_id.value_or(""));
        DecodedRequest find = decode_capture(client, "FindCoordinator");
        ASSERT_EQ(find.error, Error::NONE) << find.error_message;
        EXPECT_EQ(static_cast<const FindCoordinatorRequest&>(*find.request).key, "golden-group");
    }
}

}  // namespace
}  // namespace wire
