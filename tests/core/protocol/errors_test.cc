// Kafka's error table, spot-checked against org.apache.kafka.common.protocol.Errors (3.x):
// codes, names, exception class names and default messages must read exactly as Kafka's,
// so a history recorded against a real cluster and one from the simulator agree, and the
// retriable set must be exactly the errors whose exceptions extend RetriableException.

#include <gtest/gtest.h>

#include "core/protocol/errors.h"

namespace core::protocol {
namespace {

TEST(Errors, CodesMatchKafkaForGroupAndTransactionErrors) {
    EXPECT_EQ(static_cast<int>(Error::INCONSISTENT_GROUP_PROTOCOL), 23);
    EXPECT_EQ(static_cast<int>(Error::INVALID_GROUP_ID), 24);
    EXPECT_EQ(static_cast<int>(Error::INVALID_SESSION_TIMEOUT), 26);
    EXPECT_EQ(static_cast<int>(Error::INVALID_COMMIT_OFFSET_SIZE), 28);
    EXPECT_EQ(static_cast<int>(Error::INVALID_TXN_STATE), 48);
    EXPECT_EQ(static_cast<int>(Error::CONCURRENT_TRANSACTIONS), 51);
    EXPECT_EQ(static_cast<int>(Error::TRANSACTION_COORDINATOR_FENCED), 52);
    EXPECT_EQ(static_cast<int>(Error::GROUP_ID_NOT_FOUND), 69);
    EXPECT_EQ(static_cast<int>(Error::FENCED_INSTANCE_ID), 82);
    EXPECT_EQ(static_cast<int>(Error::UNSTABLE_OFFSET_COMMIT), 88);
    EXPECT_EQ(static_cast<int>(Error::PRODUCER_FENCED), 90);
}

TEST(Errors, CodesMatchKafkaForProduceErrors) {
    EXPECT_EQ(static_cast<int>(Error::UNKNOWN_SERVER_ERROR), -1);
    EXPECT_EQ(static_cast<int>(Error::NOT_LEADER_OR_FOLLOWER), 6);
    EXPECT_EQ(static_cast<int>(Error::MESSAGE_TOO_LARGE), 10);
    EXPECT_EQ(static_cast<int>(Error::OFFSET_METADATA_TOO_LARGE), 12);
    EXPECT_EQ(static_cast<int>(Error::RECORD_LIST_TOO_LARGE), 18);
    EXPECT_EQ(static_cast<int>(Error::NOT_ENOUGH_REPLICAS), 19);
    EXPECT_EQ(static_cast<int>(Error::INVALID_REQUEST), 42);
    EXPECT_EQ(static_cast<int>(Error::POLICY_VIOLATION), 44);
    EXPECT_EQ(static_cast<int>(Error::KAFKA_STORAGE_ERROR), 56);
}

TEST(Errors, NamesAreKafkasEnumNamesVerbatim) {
    EXPECT_EQ(error_name(Error::NOT_LEADER_OR_FOLLOWER), "NOT_LEADER_OR_FOLLOWER");
    EXPECT_EQ(error_name(Error::FENCED_INSTANCE_ID), "FENCED_INSTANCE_ID");
    EXPECT_EQ(error_name(Error::NONE), "NONE");
}

TEST(Errors, ExceptionNamesAreKafkasClassNames) {
    // Kafka names some classes differently from the enum: these are the traps.
    EXPECT_EQ(exception_name(Error::MESSAGE_TOO_LARGE), "RecordTooLargeException");
    EXPECT_EQ(exception_name(Error::RECORD_LIST_TOO_LARGE), "RecordBatchTooLargeException");
    EXPECT_EQ(exception_name(Error::OFFSET_METADATA_TOO_LARGE), "OffsetMetadataTooLarge");
    EXPECT_EQ(exception_name(Error::TOPIC_ALREADY_EXISTS), "TopicExistsException");
    EXPECT_EQ(exception_name(Error::DUPLICATE_SEQUENCE_NUMBER), "DuplicateSequenceException");
    EXPECT_EQ(exception_name(Error::INVALID_CONFIG), "InvalidConfigurationException");
    EXPECT_EQ(exception_name(Error::REQUEST_TIMED_OUT), "TimeoutException");
    EXPECT_EQ(exception_name(Error::NON_EMPTY_GROUP), "GroupNotEmptyException");
    EXPECT_EQ(exception_name(Error::INVALID_REPLICATION_FACTOR),
              "InvalidReplicationFactorException");
}

TEST(Errors, MessagesAreKafkasDefaultMessages) {
    EXPECT_EQ(error_message(Error::INVALID_REPLICATION_FACTOR),
              "Replication factor is below 1 or larger than the number of available brokers.");
    EXPECT_EQ(error_message(Error::INVALID_PARTITIONS), "Number of partitions is below 1.");
    EXPECT_EQ(error_message(Error::TOPIC_DELETION_DISABLED), "Topic deletion is disabled.");
    EXPECT_EQ(error_message(Error::INVALID_GROUP_ID), "The configured groupId is invalid.");
    EXPECT_EQ(error_message(Error::INVALID_SESSION_TIMEOUT),
              "The session timeout is not within the range allowed by the broker (as configured "
              "by group.min.session.timeout.ms and group.max.session.timeout.ms).");
    EXPECT_EQ(error_message(Error::NONE), "");
}

TEST(Errors, RetriableSetIsKafkasRetriableExceptions) {
    EXPECT_TRUE(is_retriable(Error::NOT_LEADER_OR_FOLLOWER));
    EXPECT_TRUE(is_retriable(Error::NOT_ENOUGH_REPLICAS));
    EXPECT_TRUE(is_retriable(Error::KAFKA_STORAGE_ERROR));
    EXPECT_TRUE(is_retriable(Error::CONCURRENT_TRANSACTIONS));
    EXPECT_TRUE(is_retriable(Error::UNSTABLE_OFFSET_COMMIT));
    EXPECT_TRUE(is_retriable(Error::COORDINATOR_LOAD_IN_PROGRESS));
    EXPECT_FALSE(is_retriable(Error::OFFSET_OUT_OF_RANGE));
    EXPECT_FALSE(is_retriable(Error::BROKER_NOT_AVAILABLE));
    EXPECT_FALSE(is_retriable(Error::MESSAGE_TOO_LARGE));
    EXPECT_FALSE(is_retriable(Error::OUT_OF_ORDER_SEQUENCE_NUMBER));
    EXPECT_FALSE(is_retriable(Error::ILLEGAL_GENERATION));
    EXPECT_FALSE(is_retriable(Error::REBALANCE_IN_PROGRESS));
    EXPECT_FALSE(is_retriable(Error::NONE));
}

}  // namespace
}  // namespace core::protocol
