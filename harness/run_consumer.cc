#include "harness/run_consumer.h"

#include "core/client/network_client.h"
#include "core/config/client_config.h"

namespace harness {
namespace {

constexpr uint64_t kPollTag = core::client::NetworkClient::kClientTagSpan;
constexpr uint64_t kProcessedTag = kPollTag + 1;
/// How often the application calls poll() while it has nothing to process.
constexpr sim::Duration kPollInterval = 10 * sim::kMillisecond;

core::config::ConsumerConfig consumer_config(const ConsumerSpec& spec) {
    ConfigMap config = spec.config;
    // kafka-console-consumer --from-beginning sets auto.offset.reset=earliest.
    if (spec.from_beginning && !config.count("auto.offset.reset")) {
        config["auto.offset.reset"] = "earliest";
    }
    auto parsed = core::config::parse_consumer_config(config);
    KS_ASSERT(parsed.ok());  // validated when the scenario was loaded
    return parsed.value();
}

}  // namespace

ConsumerApp::ConsumerApp(sim::NodeEnv& env, ConsumerAppOptions options, Recorder& recorder)
    : env_(env), options_(std::move(options)), spec_(*options_.spec), recorder_(recorder) {
    auto client_options =
        core::client::consumer_options(consumer_config(spec_), options_.bootstrap_servers);
    consumer_ = std::make_unique<core::client::Consumer>(env_, 0, std::move(client_options));
}

std::string ConsumerApp::process_name() const {
    return spec_.group + "-" + std::to_string(options_.member);
}

void ConsumerApp::on_start() {
    std::vector<core::TopicPartition> assignment;
    if (spec_.partition) {
        assignment.push_back({spec_.topic, *spec_.partition});
    } else {
        // Members split the partitions round-robin by member number.
        for (int32_t p = options_.member - 1; p < options_.partitions; p += spec_.members) {
            assignment.push_back({spec_.topic, p});
        }
    }
    consumer_->assign(assignment);
    record_assignment(assignment);
    consumer_->set_on_records([this] {
        if (!processing_) poll();
    });
    const sim::Duration delay = std::max<sim::Duration>(options_.workload_start - env_.now(), 0);
    env_.start_timer(delay, kPollTag);
}

void ConsumerApp::record_assignment(const std::vector<core::TopicPartition>& partitions) {
    const std::string process = process_name();
    if (partitions.empty()) {
        auto op = make_op(env_.now(), process, check::OpType::Ok, check::OpFunction::Assign,
                          spec_.topic);
        op.key = spec_.group;
        recorder_.add(std::move(op));
    }
    for (const auto& tp : partitions) {
        auto op = make_op(env_.now(), process, check::OpType::Ok, check::OpFunction::Assign,
                          tp.topic);
        op.partition = tp.partition;
        op.key = spec_.group;
        op.value = "0";
        recorder_.add(std::move(op));
    }
}

void ConsumerApp::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    consumer_->on_message(from, message);
}

void ConsumerApp::on_disconnected(sim::NodeId peer) { consumer_->on_disconnected(peer); }

void ConsumerApp::on_timer(uint64_t tag) {
    if (tag == kPollTag) {
        if (!processing_) poll();
        env_.start_timer(kPollInterval, kPollTag);
        return;
    }
    if (tag == kProcessedTag) {
        finish_processing();
        return;
    }
    consumer_->on_timer(tag);
}

void ConsumerApp::poll() {
    if (env_.now() < options_.workload_start) return;
    std::vector<core::client::ConsumerRecord> records = consumer_->poll();
    consumer_->take_errors();
    if (records.empty()) return;
    const std::string process = process_name();
    recorder_.add(make_op(env_.now(), process, check::OpType::Invoke, check::OpFunction::Poll,
                          spec_.topic));
    for (const auto& record : records) {
        auto op = make_op(env_.now(), process, check::OpType::Ok, check::OpFunction::Poll,
                          record.topic);
        op.partition = record.partition;
        op.key = record.key;
        op.value = record.value;
        op.offset = record.offset;
        recorder_.add(std::move(op));
    }
    in_process_ = std::move(records);
    processing_ = true;
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
        auto op = make_op(env_.now(), process, check::OpType::Ok, check::OpFunction::Process,
                          record.topic);
        op.partition = record.partition;
        op.key = record.key;
        op.value = record.value;
        op.offset = record.offset;
        recorder_.add(std::move(op));
    }
    in_process_.clear();
    processing_ = false;
}

}  // namespace harness
