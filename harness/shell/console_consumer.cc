#include "harness/shell/console_consumer.h"

#include "core/config/client_config.h"

namespace harness::shell {
namespace {

/// How often the tool calls poll() (its loop blocks in poll; 10ms is as good).
constexpr sim::Duration kPollInterval = 10 * sim::kMillisecond;

core::config::ConsumerConfig parsed_config(const ConsoleConsumerOptions& options) {
    auto parsed = core::config::parse_consumer_config(console_consumer_config(options));
    KS_ASSERT(parsed.ok());  // the shell validated it before starting the consumer
    return parsed.value();
}

}  // namespace

std::map<std::string, std::string> console_consumer_config(
    const ConsoleConsumerOptions& options) {
    std::map<std::string, std::string> config = options.command.consumer_config;
    if (options.command.from_beginning) config["auto.offset.reset"] = "earliest";
    config["client.id"] = options.name;
    if (!options.command.partition) {
        config["group.id"] = options.group;
        // Kafka's ConsoleConsumer: a made-up group does not commit (it would only fill
        // the coordinator's cache).
        if (options.command.group.empty()) config["enable.auto.commit"] = "false";
    }
    return config;
}

ConsoleConsumerApp::ConsoleConsumerApp(sim::NodeEnv& env, ConsoleConsumerOptions options,
                                       ConsoleSink sink, Recorder& recorder)
    : env_(env), options_(std::move(options)), sink_(std::move(sink)), recorder_(recorder) {
    const core::config::ConsumerConfig config = parsed_config(options_);
    consumer_ = std::make_unique<core::client::Consumer>(
        env_, core::client::consumer_options(config, options_.bootstrap_servers));
    if (!options_.command.partition) {
        member_ = std::make_unique<core::client::GroupMember>(
            env_, *consumer_, core::client::group_member_options(config));
    }
}

ConsoleConsumerApp::~ConsoleConsumerApp() = default;

void ConsoleConsumerApp::on_start() {
    if (member_) {
        member_->subscribe({options_.command.topic});
    } else {
        consumer_->assign({{options_.command.topic, *options_.command.partition}});
    }
    consumer_->set_on_records([this] { poll(); });
    env_.start_timer(kPollInterval, *this);
}

void ConsoleConsumerApp::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    if (member_ && member_->on_message(from, message)) return;
    consumer_->on_message(from, message);
}

void ConsoleConsumerApp::on_disconnected(sim::NodeId peer) {
    if (member_) member_->on_disconnected(peer);
    consumer_->on_disconnected(peer);
}

void ConsoleConsumerApp::on_timer(uint64_t) {
    if (closing_) return;
    poll();
    env_.start_timer(kPollInterval, *this);
}

void ConsoleConsumerApp::poll() {
    if (closing_) return;
    std::vector<core::client::ConsumerRecord> records =
        member_ ? member_->poll() : consumer_->poll();
    consumer_->take_errors();
    for (const auto& record : records) {
        if (options_.command.max_messages && processed_ >= *options_.command.max_messages) {
            break;
        }
        auto op = make_op(env_.now(), options_.name, check::OpType::Ok, check::OpFunction::Poll,
                          record.topic);
        op.partition = record.partition;
        op.key = record.key;
        op.value = record.value;
        op.offset = record.offset;
        recorder_.add(std::move(op));
        sink_("[" + options_.name + "] " + format(record));
        ++processed_;
    }
    if (options_.command.max_messages && processed_ >= *options_.command.max_messages) {
        close({});
    }
}

std::string ConsoleConsumerApp::format(const core::client::ConsumerRecord& record) const {
    const ConsoleConsumerCommand& command = options_.command;
    std::string text;
    if (command.print_partition) text += "Partition:" + std::to_string(record.partition) + "\t";
    if (command.print_offset) text += "Offset:" + std::to_string(record.offset) + "\t";
    if (command.print_key) {
        text += (record.has_key ? record.key : std::string("null")) + command.key_separator;
    }
    return text + record.value;
}

void ConsoleConsumerApp::close(std::function<void()> done) {
    if (closing_) {
        if (done) done();
        return;
    }
    closing_ = true;
    auto finish = [this, done = std::move(done)] {
        closed_ = true;
        if (done) done();
    };
    if (member_) {
        member_->close(finish);
    } else {
        finish();
    }
}

}  // namespace harness::shell
