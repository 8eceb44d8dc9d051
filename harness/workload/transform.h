#pragma once
// The consume-transform-produce stage of a group member whose [[consumers]] entry has an
// `output` topic: each polled batch becomes output records and an offset commit, either in
// one Kafka transaction (`commit = "transaction"`, the exactly-once strategy of issue 5) or
// as acknowledged sends followed by an ordinary commit (`commit = "after-processing"`).
//
// The exactly-once loop is KafkaProducer's javadoc loop with KIP-447's group metadata, one
// transactional producer per member (transactional.id "<group>-transform-<member>", as
// Kafka Streams' EOS-v2 keeps one per thread): beginTransaction; one output record per
// input record; process_time per record; sendOffsetsToTransaction(offsets, generation,
// member id); commitTransaction. Fencing errors (PRODUCER_FENCED, INVALID_PRODUCER_EPOCH)
// close the producer and open a new one (initTransactions fences and aborts what is open);
// abortable errors abort; a revocation mid-batch, or a generation that changed since the
// poll, aborts. After either, the consumer seeks
// back to the batch's first offsets: the offsets the group committed last.
//
// What the history records, so the checker can prove exactly-once from the CSV alone:
// - the input: the member's ordinary poll rows (no process rows: processing a record means
//   its output committed, which the checker reads off the output topic);
// - each output record: a send invoke row when produced (topic = output, key = the input
//   key, value = "<input value>@<process>#<n>", unique per send); its outcome only when the
//   transaction ends: ok (partition, offset) when it committed, fail when it aborted, info
//   when unknown (fenced, or the member crashed: its next incarnation writes info rows);
// - the offsets: commit invoke rows at sendOffsetsToTransaction, ok/fail/info with the
//   transaction; after a rewind, assign rows restate the member's partitions (it reads
//   them again from the committed offsets, as a new owner would).
// A read_committed consumer of the output topic (the verifier, its own [[consumers]] entry)
// polls the committed output; check/delivery_output.cc maps each output value back to its
// input and holds the group to its guarantee: no input twice in the committed output, no
// input the log held missing from it after the drain.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/client/consumer.h"
#include "core/client/group_member.h"
#include "core/client/producer.h"
#include "harness/scenario/scenario.h"
#include "harness/workload/recorder.h"
#include "sim/node_env.h"

namespace harness {

using Offsets = std::map<core::TopicPartition, core::Offset>;

/// The offsets a group commits once `records` are handled: per partition, one past the
/// highest offset among them (Kafka commits the next offset to read).
Offsets offsets_after(const std::vector<core::client::ConsumerRecord>& records);

struct TransformOptions {
    const ConsumerSpec* spec = nullptr;
    /// The member's process name ("<group>-<member>").
    std::string process;
    /// 1-based member number: the transactional.id's suffix.
    int32_t member = 1;
    std::vector<sim::NodeId> bootstrap_servers;
    /// The stage owns timer tags from here on (its own, then one client span per producer).
    uint64_t tag_base = 0;
    /// Commits offsets outside a transaction (commit = "after-processing"), writing the
    /// commit rows; calls back with whether the commit succeeded.
    std::function<void(Offsets, std::function<void(bool)>)> commit;
};

/// The output value of `input_value` produced by `process` as its `number`-th output.
std::string output_value(const std::string& input_value, const std::string& process,
                         int64_t number);

class TransformStage {
   public:
    using Records = std::vector<core::client::ConsumerRecord>;

    TransformStage(sim::NodeEnv& env, TransformOptions options, Recorder& recorder,
                   core::client::Consumer& consumer, core::client::GroupMember& member);
    ~TransformStage();

    /// Records the outputs a crashed incarnation left unsettled, and opens the producer.
    void start();
    /// The producer is initialised: the member may poll a batch.
    bool ready() const { return ready_; }
    /// The history's `txn` id of the next batch's transaction ("<transactional.id>:<n>",
    /// n counting the run's transactions of that id), or "" when not transactional. The
    /// member tags the batch's poll rows with it; run_batch's rows carry it too.
    std::string next_txn();
    /// Transforms one poll batch; `done` runs when the member may poll again.
    void run_batch(const Records& records, std::function<void()> done);
    /// The member lost partitions: a transaction still open aborts instead of committing.
    void on_revoked();

    bool on_message(sim::NodeId from, const sim::MessagePtr& message);
    bool on_timer(uint64_t tag);
    void on_disconnected(sim::NodeId peer);

   private:
    struct Output {
        std::string key;
        std::string value;
        int32_t partition = -1;
        core::Offset offset = core::kNoOffset;
        core::protocol::Error error = core::protocol::Error::NONE;
    };
    bool transactional() const { return spec_.commit == CommitMode::Transaction; }
    void open_producer();
    void send_outputs();
    void on_output_sent(size_t index, const core::client::RecordMetadata& metadata,
                        core::protocol::Error error);
    void on_processed();
    void commit_offsets_after_outputs();
    void send_offsets();
    void commit_transaction();
    void on_transaction_error(core::protocol::Error error);
    /// The transaction ended: each output send and each offset commit gets its outcome.
    void settle(check::OpType type, const std::string& error);
    void record_commits(check::OpType type, const std::string& error);
    void rewind();
    void finish();

    sim::NodeEnv& env_;
    TransformOptions options_;
    const ConsumerSpec& spec_;
    Recorder& recorder_;
    core::client::Consumer& consumer_;
    core::client::GroupMember& member_;
    std::unique_ptr<core::client::Producer> producer_;
    /// Producers opened so far: each takes fresh timer tags and correlation ids, so a
    /// closed producer's late timers and responses reach no one.
    uint64_t producers_opened_ = 0;
    bool ready_ = false;
    /// The batch in hand, its outputs, and whether a revocation came while it ran.
    Records batch_;
    std::vector<Output> outputs_;
    uint64_t batch_number_ = 0;
    /// The open transaction's history id (next_txn), "" outside one.
    std::string txn_;
    bool revoked_ = false;
    /// The group metadata when the batch was polled (KafkaConsumer.groupMetadata): the
    /// offsets commit in that generation or not at all, so a member fenced meanwhile (a
    /// zombie) cannot commit under the no-generation metadata a reset leaves it.
    int32_t generation_id_ = -1;
    std::string member_id_;
    std::function<void()> done_;
};

}  // namespace harness
