#include "harness/shell/shell_producer.h"

#include "core/client/producer.h"
#include "core/config/client_config.h"
#include "core/protocol/errors.h"
#include "harness/shell/client_node.h"
#include "harness/shell/shell_world.h"

namespace harness::shell {
namespace {

using ProducerNode = ClientNode<core::client::Producer>;

/// How long close() waits for outstanding records (delivery.timeout.ms is 120s).
constexpr sim::Duration kCloseTimeout = 150 * sim::kSecond;

}  // namespace

/// Outlives the session's view of the producer: send callbacks may run after close().
struct ConsoleProducer::State {
    int64_t pending = 0;
    bool flushed = false;
};

std::string producer_config_error(const ConsoleProducerCommand& command) {
    auto parsed = core::config::parse_producer_config(command.producer_config);
    return parsed ? "" : parsed.error().message();
}

ConsoleProducer::ConsoleProducer(ShellWorld& world, const ConsoleProducerCommand& command,
                                 const std::string& name, Print print)
    : world_(world), command_(command), print_(std::move(print)),
      state_(std::make_shared<State>()) {
    auto config = core::config::parse_producer_config(command_.producer_config);
    KS_ASSERT(config.ok());
    auto options = core::client::producer_options(config.value(), world_.cluster().brokers());
    node_ = world_.add_producer_node(name, [options](sim::NodeEnv& env) {
        return std::make_unique<ProducerNode>(env, [options](sim::NodeEnv& e) {
            return std::make_unique<core::client::Producer>(e, options);
        });
    });
    world_.advance(sim::kMillisecond);  // the node starts
}

ConsoleProducer::~ConsoleProducer() = default;

bool ConsoleProducer::send_line(const std::string& line) {
    ++line_number_;
    core::client::ProducerRecord record;
    record.topic = command_.topic;
    record.value = line;
    if (command_.parse_key) {
        const size_t at = line.find(command_.key_separator);
        if (at == std::string::npos) {
            print_("org.apache.kafka.common.KafkaException: No key separator found on line "
                   "number " + std::to_string(line_number_) + ": '" + line + "'");
            return false;
        }
        record.has_key = true;
        record.key = line.substr(0, at);
        record.value = line.substr(at + command_.key_separator.size());
    }
    auto* node = world_.world().process_as<ProducerNode>(node_);
    KS_ASSERT(node != nullptr);
    const sim::Time sent_at = world_.world().now();
    auto op = make_op(sent_at, "console-producer", check::OpType::Invoke, check::OpFunction::Send,
                      record.topic);
    op.key = record.key;
    op.value = record.value;
    world_.recorder().add(op);
    ++state_->pending;
    node->client().send(record, [state = state_, op, print = print_, &world = world_](
                                    const core::client::RecordMetadata& metadata,
                                    core::protocol::Error error, const std::string& message) {
        --state->pending;
        check::Op outcome = op;
        outcome.time_ns = world.world().now();
        outcome.type = error == core::protocol::Error::NONE ? check::OpType::Ok
                                                             : check::OpType::Info;
        if (metadata.partition >= 0) outcome.partition = metadata.partition;
        if (metadata.offset >= 0) outcome.offset = metadata.offset;
        if (error != core::protocol::Error::NONE) {
            outcome.error = std::string(core::protocol::error_name(error));
            print("[" + log_timestamp(outcome.time_ns) + "] ERROR Error when sending message to " +
                  "topic " + op.topic + " with key: " + (op.key.empty() ? "null" : op.key) +
                  ", value: " + std::to_string(op.value.size()) + " bytes with error: " +
                  "(org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)\n" +
                  "org.apache.kafka.common.errors." +
                  std::string(core::protocol::exception_name(error)) + ": " +
                  (message.empty() ? std::string(core::protocol::error_message(error)) : message));
        }
        world.recorder().add(std::move(outcome));
    });
    return true;
}

void ConsoleProducer::close() {
    auto* node = world_.world().process_as<ProducerNode>(node_);
    if (node != nullptr) {
        node->client().flush([state = state_] { state->flushed = true; });
        world_.advance_until([this] { return state_->flushed && state_->pending == 0; },
                             kCloseTimeout);
    }
    world_.world().crash(node_);
}

}  // namespace harness::shell
