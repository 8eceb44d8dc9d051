#include "harness/workload/consumer.h"

#include "core/client/network_client.h"
#include "core/config/client_config.h"
#include "core/protocol/errors.h"

namespace harness {
namespace {

constexpr uint64_t kPollTag = core::client::NetworkClient::kClientTagSpan;
constexpr uint64_t kProcessedTag = kPollTag + 1;
/// The group member's timers, after the application's own.
constexpr uint64_t kMemberTagBase = kPollTag + 64;
/// The transform stage's timers and producers, beyond the consumer's and the member's.
constexpr uint64_t kTransformTagBase = 2 * core::client::NetworkClient::kClientTagSpan;
/// How often the application calls poll() while it has nothing to process.
constexpr sim::Duration kPollInterval = 10 * sim::kMillisecond;

core::config::ConsumerConfig consumer_config(const ConsumerSpec& spec) {
    ConfigMap config = spec.config;
    // kafka-console-consumer --from-beginning sets auto.offset.reset=earliest.
    if (spec.from_beginning && !config.count("auto.offset.reset")) {
        config["auto.offset.reset"] = "earliest";
    }
    if (!spec.partition) {
        config["group.id"] = spec.group;
        // The delivery strategy decides commits: only "auto" leaves them to the client.
        if (!config.count("enable.auto.commit")) {
            config["enable.auto.commit"] = spec.commit == CommitMode::Auto ? "true" : "false";
        }
        // The exactly-once loop reads only committed input (KafkaProducer's javadoc).
        if (spec.commit == CommitMode::Transaction && !config.count("isolation.level")) {
            config["isolation.level"] = "read_committed";
        }
    }
    auto parsed = core::config::parse_consumer_config(config);
    KS_ASSERT(parsed.ok());  // validated when the scenario was loaded
    return parsed.value();
}

}  // namespace

ConsumerApp::ConsumerApp(sim::NodeEnv& env, ConsumerAppOptions options, Recorder& recorder)
    : env_(env), options_(std::move(options)), spec_(*options_.spec), recorder_(recorder) {
    const core::config::ConsumerConfig config = consumer_config(spec_);
    auto client_options = core::client::consumer_options(config, options_.bootstrap_servers);
    consumer_ = std::make_unique<core::client::Consumer>(env_, 0, std::move(client_options));
    if (!spec_.partition) {
        member_ = std::make_unique<core::client::GroupMember>(
            env_, *consumer_, kMemberTagBase, core::client::group_member_options(config));
    }
    if (!spec_.output.empty()) {
        KS_ASSERT(member_ != nullptr);  // the loader allows `output` only in a group
        TransformOptions transform;
        transform.spec = &spec_;
        transform.process = process_name();
        transform.member = options_.member;
        transform.bootstrap_servers = options_.bootstrap_servers;
        transform.tag_base = kTransformTagBase;
        transform.commit = [this](Offsets offsets, std::function<void(bool)> then) {
            commit(std::move(offsets), std::move(then));
        };
        transform_ = std::make_unique<TransformStage>(env_, std::move(transform), recorder_,
                                                      *consumer_, *member_);
    }
}

std::string ConsumerApp::process_name() const {
    return spec_.group + "-" + std::to_string(options_.member);
}

void ConsumerApp::on_start() {
    if (env_.now() > options_.workload_start) {
        // A restart: the previous incarnation of this process died.
        recorder_.add(make_op(env_.now(), process_name(), check::OpType::Info,
                              check::OpFunction::Crash, spec_.topic));
    }
    if (transform_) transform_->start();
    if (member_) {
        member_->subscribe({spec_.topic}, this);
    } else {
        std::vector<core::TopicPartition> assignment = {{spec_.topic, *spec_.partition}};
        consumer_->assign(assignment);
        record_assignment(assignment, 0);
    }
    consumer_->set_on_records([this] {
        if (!busy_) poll();
    });
    const sim::Duration delay = std::max<sim::Duration>(options_.workload_start - env_.now(), 0);
    env_.start_timer(delay, kPollTag);
}

void ConsumerApp::on_partitions_revoked(const std::vector<core::TopicPartition>&) {
    if (transform_) transform_->on_revoked();
}

void ConsumerApp::on_partitions_assigned(const std::vector<core::TopicPartition>&) {
    const auto& owned = member_->owned();
    record_assignment({owned.begin(), owned.end()}, member_->generation_id());
}

void ConsumerApp::record_assignment(const std::vector<core::TopicPartition>& partitions,
                                    int32_t generation) {
    const std::string process = process_name();
    if (partitions.empty()) {
        auto op = make_op(env_.now(), process, check::OpType::Ok, check::OpFunction::Assign,
                          spec_.topic);
        op.key = member_ ? spec_.group : "";
        op.value = std::to_string(generation);
        recorder_.add(std::move(op));
    }
    for (const auto& tp : partitions) {
        auto op = make_op(env_.now(), process, check::OpType::Ok, check::OpFunction::Assign,
                          tp.topic);
        op.partition = tp.partition;
        op.key = member_ ? spec_.group : "";
        op.value = std::to_string(generation);
        recorder_.add(std::move(op));
    }
}

void ConsumerApp::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    if (transform_ && transform_->on_message(from, message)) return;
    if (member_ && member_->on_message(from, message)) return;
    consumer_->on_message(from, message);
}

void ConsumerApp::on_disconnected(sim::NodeId peer) {
    if (transform_) transform_->on_disconnected(peer);
    if (member_) member_->on_disconnected(peer);
    consumer_->on_disconnected(peer);
}

void ConsumerApp::on_timer(uint64_t tag) {
    if (tag == kPollTag) {
        if (!busy_) poll();
        if (!dead_) env_.start_timer(kPollInterval, kPollTag);
        return;
    }
    if (tag == kProcessedTag) {
        finish_processing();
        return;
    }
    if (member_ && member_->on_timer(tag)) return;
    if (transform_ && transform_->on_timer(tag)) return;
    consumer_->on_timer(tag);
}

void ConsumerApp::poll() {
    if (env_.now() < options_.workload_start) return;
    if (transform_ && !transform_->ready()) return;
    if (dead_) return;
    std::vector<core::client::ConsumerRecord> records =
        member_ ? member_->poll() : consumer_->poll();
    if (poll_threw()) return;
    if (records.empty()) return;
    const std::string process = process_name();
    // Read inside the transaction that will write its outputs (consume-transform-produce).
    const std::string txn = transform_ ? transform_->next_txn() : "";
    auto invoke = make_op(env_.now(), process, check::OpType::Invoke, check::OpFunction::Poll,
                          spec_.topic);
    invoke.txn = txn;
    recorder_.add(std::move(invoke));
    for (const auto& record : records) {
        auto op = make_op(env_.now(), process, check::OpType::Ok, check::OpFunction::Poll,
                          record.topic);
        op.txn = txn;
        op.partition = record.partition;
        op.key = record.key;
        op.value = record.value;
        op.offset = record.offset;
        recorder_.add(std::move(op));
    }
    in_process_ = std::move(records);
    busy_ = true;
    if (transform_) {
        transform_->run_batch(in_process_, [this] {
            in_process_.clear();
            busy_ = false;
        });
        return;
    }
    // At-most-once commits what it polled before processing it; a crash in between
    // skips those records for good.
    if (member_ && spec_.commit == CommitMode::BeforeProcessing) {
        commit(offsets_after(in_process_), [this](bool committed) {
            // A failed commit (a rebalance took the partitions) leaves the records to
            // their next owner: at-most-once skips rather than risk processing twice.
            if (!committed) in_process_.clear();
            start_processing();
        });
    } else {
        start_processing();
    }
}

bool ConsumerApp::poll_threw() {
    // KafkaConsumer.poll throws a partition's error (NoOffsetForPartitionException,
    // OffsetOutOfRangeException) or the group's fatal one (InvalidSessionTimeoutException,
    // ...); the application's poll loop ends with it. The invoke/fail pair names it.
    std::vector<core::client::PartitionError> errors = consumer_->take_errors();
    const core::protocol::Error fatal =
        member_ ? member_->fatal_error() : core::protocol::Error::NONE;
    if (errors.empty() && fatal == core::protocol::Error::NONE) return false;
    const std::string process = process_name();
    recorder_.add(make_op(env_.now(), process, check::OpType::Invoke, check::OpFunction::Poll,
                          spec_.topic));
    auto op = make_op(env_.now(), process, check::OpType::Fail, check::OpFunction::Poll,
                      spec_.topic);
    if (!errors.empty()) {
        op.topic = errors.front().topic_partition.topic;
        op.partition = errors.front().topic_partition.partition;
        op.error = errors.front().exception.empty()
                       ? std::string(core::protocol::exception_name(errors.front().error))
                       : errors.front().exception;
    } else {
        op.error = std::string(core::protocol::exception_name(fatal));
    }
    env_.note("consumer " + process + ": poll() threw " + op.error);
    recorder_.add(std::move(op));
    dead_ = true;
    return true;
}

void ConsumerApp::start_processing() {
    const sim::Duration busy = spec_.process_time * static_cast<int64_t>(in_process_.size());
    if (busy == 0) {
        finish_processing();
    } else {
        env_.start_timer(busy, kProcessedTag);
    }
}

void ConsumerApp::finish_processing() {
    const std::string process = process_name();
    for (const auto& record : in_process_) {
        // The sink skips a record it already holds: nothing was processed again.
        if (options_.sink &&
            !options_.sink->apply({record.topic, record.partition}, record.offset)) {
            continue;
        }
        auto op = make_op(env_.now(), process, check::OpType::Ok, check::OpFunction::Process,
                          record.topic);
        op.partition = record.partition;
        op.key = record.key;
        op.value = record.value;
        op.offset = record.offset;
        recorder_.add(std::move(op));
    }
    // At-least-once commits only what it has processed.
    if (member_ && spec_.commit == CommitMode::AfterProcessing) {
        Offsets offsets = offsets_after(in_process_);
        in_process_.clear();
        commit(std::move(offsets), [this](bool) { busy_ = false; });
        return;
    }
    in_process_.clear();
    busy_ = false;
}

void ConsumerApp::commit(Offsets offsets, std::function<void(bool committed)> then) {
    const std::string process = process_name();
    for (const auto& [tp, offset] : offsets) {
        auto op = make_op(env_.now(), process, check::OpType::Invoke, check::OpFunction::Commit,
                          tp.topic);
        op.partition = tp.partition;
        op.key = spec_.group;
        op.offset = offset;
        recorder_.add(std::move(op));
    }
    // commitAsync, so a commit that a rebalance makes fail returns at once and the next
    // poll() can rejoin the group (commitSync would hold the member out for its timeout).
    member_->commit_async(offsets, [this, offsets, then](core::protocol::Error error) {
        const bool ok = error == core::protocol::Error::NONE;
        for (const auto& [tp, offset] : offsets) {
            auto op = make_op(env_.now(), process_name(),
                              ok ? check::OpType::Ok : check::OpType::Fail,
                              check::OpFunction::Commit, tp.topic);
            op.partition = tp.partition;
            op.key = spec_.group;
            op.offset = offset;
            if (!ok) op.error = std::string(core::protocol::error_name(error));
            recorder_.add(std::move(op));
        }
        then(ok);
    });
}

}  // namespace harness
