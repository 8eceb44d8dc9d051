#include "core/controller/controller_node.h"

#include "core/common/timer_tags.h"
#include "core/controller/local_metadata_log.h"

namespace core::controller {

ControllerNode::ControllerNode(sim::NodeEnv& env, ControllerNodeOptions options) : env_(env) {
    log_ = options.log_factory ? options.log_factory(env) : std::make_unique<LocalMetadataLog>(env);
    controller_ = std::make_unique<QuorumController>(env, std::move(options.controller), *log_);
}

ControllerNode::~ControllerNode() = default;

void ControllerNode::on_start() { controller_->start(); }

void ControllerNode::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    if (controller_->on_message(from, message)) return;
    if (log_->on_message(from, message)) return;
    env_.note(std::string("controller: ignored ") + message->name());
}

void ControllerNode::on_timer(uint64_t tag) {
    switch (timer_component(tag)) {
        case TimerComponent::Controller:
            controller_->on_timer(tag);
            return;
        case TimerComponent::MetadataLog:
            log_->on_timer(tag);
            return;
        default:
            KS_UNREACHABLE();
    }
}

void ControllerNode::on_disconnected(sim::NodeId peer) { log_->on_disconnected(peer); }

}  // namespace core::controller
