// __transaction_state records (Kafka's TransactionLog): a transactional id lands in the
// partition Java's String.hashCode picks, as a group does in __consumer_offsets, and each
// transition's record reads back as the metadata that was written; records this code did
// not write are ignored when loading.

#include <gtest/gtest.h>

#include "core/group/offsets_topic.h"
#include "core/transaction/transaction_log.h"

namespace core::transaction {
namespace {

TEST(TransactionLog, TransactionalIdHashesLikeAGroupId) {
    EXPECT_EQ(partition_for("payments-etl", 50), group::partition_for("payments-etl", 50));
    for (const char* id : {"a", "txn-1", "consume-transform-produce"}) {
        const int32_t p = partition_for(id, 50);
        EXPECT_GE(p, 0);
        EXPECT_LT(p, 50);
    }
}

TEST(TransactionLog, RecordReadsBackAsTheMetadataWritten) {
    TransactionMetadata m;
    m.transactional_id = "etl-1";
    m.producer_id = 4001;
    m.producer_epoch = 7;
    m.txn_timeout_ms = 1500;
    m.state = TransactionState::PrepareCommit;
    m.topic_partitions = {{"out", 0}, {"out", 2}, {"__consumer_offsets", 17}};
    m.txn_start_timestamp_ms = 120;
    m.txn_last_update_timestamp_ms = 130;
    protocol::Record record = transaction_log_record(m);
    auto parsed = parse_transaction_log_record(record);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, m);
}

TEST(TransactionLog, ForeignRecordIsIgnored) {
    protocol::Record record;
    record.has_key = true;
    record.key = "x";
    record.value = "not a transaction";
    EXPECT_FALSE(parse_transaction_log_record(record).has_value());
}

}  // namespace
}  // namespace core::transaction
