// The protocol messages: each request and response names itself after its Kafka API,
// echoes the correlation id, and digests its content stably (equal content, equal digest;
// changed content, changed digest), because the trace hash is built from these digests.

#include <gtest/gtest.h>

#include <memory>

#include "core/protocol/admin.h"
#include "core/protocol/allocate_producer_ids.h"
#include "core/protocol/alter_partition.h"
#include "core/protocol/broker_lifecycle.h"
#include "core/protocol/fetch.h"
#include "core/protocol/init_producer_id.h"
#include "core/protocol/list_offsets.h"
#include "core/protocol/metadata.h"
#include "core/protocol/metadata_fetch.h"
#include "core/protocol/produce.h"

namespace core::protocol {
namespace {

ProduceRequest make_produce(const std::string& value) {
    ProduceRequest request;
    request.correlation_id = 7;
    RecordBatch batch;
    Record record;
    record.value = value;
    batch.records.push_back(record);
    request.partitions.push_back({TopicPartition{"t", 0}, batch});
    return request;
}

TEST(Messages, RequestsAndResponsesCarryKafkaApiNames) {
    EXPECT_STREQ(ProduceRequest().name(), "Produce");
    EXPECT_STREQ(ProduceResponse().name(), "ProduceResponse");
    EXPECT_STREQ(FetchRequest().name(), "Fetch");
    EXPECT_STREQ(MetadataResponse().name(), "MetadataResponse");
    EXPECT_STREQ(CreateTopicsRequest().name(), "CreateTopics");
    EXPECT_STREQ(AlterPartitionRequest().name(), "AlterPartition");
    EXPECT_STREQ(BrokerHeartbeatResponse().name(), "BrokerHeartbeatResponse");
    EXPECT_STREQ(MetadataFetchRequest().name(), "MetadataFetch");
    EXPECT_STREQ(ListOffsetsRequest().name(), "ListOffsets");
    EXPECT_STREQ(InitProducerIdRequest().name(), "InitProducerId");
    EXPECT_STREQ(AllocateProducerIdsRequest().name(), "AllocateProducerIds");
}

TEST(Messages, ApiKeyAndDirectionAreVisibleThroughTheBase) {
    std::shared_ptr<const sim::Message> message = std::make_shared<FetchResponse>();
    const auto* kafka = dynamic_cast<const KafkaMessage*>(message.get());
    ASSERT_NE(kafka, nullptr);
    EXPECT_EQ(kafka->api_key(), ApiKey::Fetch);
    EXPECT_TRUE(kafka->is_response());
}

TEST(Messages, DigestIsEqualForEqualContentAndDiffersForDifferentContent) {
    EXPECT_EQ(make_produce("a").digest(), make_produce("a").digest());
    EXPECT_NE(make_produce("a").digest(), make_produce("b").digest());
}

TEST(Messages, MetadataRecordsHaveKafkaNamesAndContentDigests) {
    PartitionChangeRecord change;
    change.topic_id = 1;
    change.leader = 2;
    MetadataRecord a = change;
    change.leader = 3;
    MetadataRecord b = change;
    EXPECT_STREQ(record_name(a), "PartitionChangeRecord");
    EXPECT_NE(record_digest(a), record_digest(b));
    EXPECT_NE(record_to_string(a).find("leader 2"), std::string::npos);
}

}  // namespace
}  // namespace core::protocol
