#include "harness/workload/producer.h"

#include "core/client/network_client.h"
#include "core/config/client_config.h"
#include "core/protocol/errors.h"

namespace harness {
namespace {

/// The app's own send timer, beyond the producer client's tag span.
constexpr uint64_t kSendTag = core::client::NetworkClient::kClientTagSpan;

/// Errors after which the record was definitely not written (Kafka: the batch never
/// reached a log); anything else (timeouts, disconnects) leaves the outcome unknown.
bool definitely_not_written(core::protocol::Error error) {
    using core::protocol::Error;
    switch (error) {
        case Error::NOT_ENOUGH_REPLICAS:
        case Error::NOT_LEADER_OR_FOLLOWER:
        case Error::UNKNOWN_TOPIC_OR_PARTITION:
        case Error::INVALID_REQUIRED_ACKS:
        case Error::OUT_OF_ORDER_SEQUENCE_NUMBER:
        case Error::INVALID_PRODUCER_EPOCH:
        case Error::MESSAGE_TOO_LARGE:
        case Error::INVALID_TOPIC_EXCEPTION:
            return true;
        default:
            return false;
    }
}

}  // namespace

ProducerApp::ProducerApp(sim::NodeEnv& env, ProducerAppOptions options, Recorder& recorder)
    : env_(env), options_(std::move(options)), spec_(*options_.spec), recorder_(recorder) {
    auto config = core::config::parse_producer_config(spec_.config);
    KS_ASSERT(config.ok());  // validated when the scenario was loaded
    producer_ = std::make_unique<core::client::Producer>(
        env_, 0, core::client::producer_options(config.value(), options_.bootstrap_servers));
    interval_ = spec_.rate.records > 0 ? spec_.rate.per / spec_.rate.records : sim::kSecond;
    if (interval_ <= 0) interval_ = 1;
}

void ProducerApp::on_start() {
    // A restart after a crash: sends the previous incarnation left open are unknown.
    auto& pending = recorder_.pending_sends()[spec_.name];
    for (const std::string& value : pending) {
        auto op = make_op(env_.now(), spec_.name, check::OpType::Info, check::OpFunction::Send,
                          spec_.topic);
        op.value = value;
        op.error = "process crashed";
        recorder_.add(std::move(op));
    }
    pending.clear();
    const sim::Time start = options_.workload_start + spec_.start;
    env_.start_timer(std::max<sim::Duration>(start - env_.now(), 0), kSendTag);
}

void ProducerApp::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    producer_->on_message(from, message);
}

void ProducerApp::on_timer(uint64_t tag) {
    if (tag != kSendTag) {
        producer_->on_timer(tag);
        return;
    }
    if (env_.now() >= options_.stop_at) return;
    if (spec_.count && recorder_.values_issued(spec_.name) >= *spec_.count) return;
    send_next();
    env_.start_timer(interval_, kSendTag);
}

void ProducerApp::on_disconnected(sim::NodeId peer) { producer_->on_disconnected(peer); }

core::client::ProducerRecord ProducerApp::next_record(int64_t number) {
    core::client::ProducerRecord record;
    record.topic = spec_.topic;
    const std::string unique = spec_.name + "-" + std::to_string(number);
    if (!spec_.data.empty()) {
        const DataRecord& row = spec_.data[number % spec_.data.size()];
        record.has_key = !row.key.empty();
        record.key = row.key;
        record.value = row.value + "#" + unique;  // the row, made unique per send
    } else {
        if (!spec_.keys.empty()) {
            record.has_key = true;
            record.key = spec_.keys[number % spec_.keys.size()];
        }
        record.value = unique;
    }
    return record;
}

void ProducerApp::send_next() {
    send_record(next_record(recorder_.next_value_number(spec_.name)), 0);
}

void ProducerApp::send_record(core::client::ProducerRecord record, int32_t attempt) {
    auto op = make_op(env_.now(), spec_.name, check::OpType::Invoke, check::OpFunction::Send,
                      record.topic);
    op.key = record.key;
    op.value = record.value;
    recorder_.add(std::move(op));
    recorder_.pending_sends()[spec_.name].insert(record.value);
    core::client::ProducerRecord copy = record;
    producer_->send(std::move(copy),
                    [this, record, attempt](const core::client::RecordMetadata& metadata,
                                            core::protocol::Error error, const std::string&) {
                        record_outcome(record, attempt, metadata, error);
                    });
}

void ProducerApp::record_outcome(const core::client::ProducerRecord& record, int32_t attempt,
                                 const core::client::RecordMetadata& metadata,
                                 core::protocol::Error error) {
    recorder_.pending_sends()[spec_.name].erase(record.value);
    const bool ok = error == core::protocol::Error::NONE;
    const check::OpType type = ok ? check::OpType::Ok
                               : definitely_not_written(error) ? check::OpType::Fail
                                                               : check::OpType::Info;
    auto op = make_op(env_.now(), spec_.name, type, check::OpFunction::Send, spec_.topic);
    op.key = record.key;
    op.value = record.value;
    if (metadata.partition >= 0) op.partition = metadata.partition;
    if (ok && metadata.offset >= 0) op.offset = metadata.offset;
    if (!ok) op.error = std::string(core::protocol::error_name(error));
    recorder_.add(std::move(op));
    // Application-level retries: the scenario's `retries` resends a failed record as a
    // new send with its own unique value, as an application catching the error would.
    if (!ok && spec_.retries && attempt < *spec_.retries && env_.now() < options_.stop_at) {
        core::client::ProducerRecord retry = record;
        retry.value = record.value + "/retry" + std::to_string(attempt + 1);
        send_record(std::move(retry), attempt + 1);
    }
}

}  // namespace harness
