#include "sim/node.h"

#include "sim/assert.h"
#include "sim/world.h"

namespace sim {

const char* node_state_name(NodeState state) {
    switch (state) {
        case NodeState::Running: return "running";
        case NodeState::Paused: return "paused";
        case NodeState::Crashed: return "crashed";
    }
    KS_UNREACHABLE();
}

Node::Node(World& world, NodeId id, std::string name, ProcessFactory factory, Rng rng,
           DiskOptions disk_options)
    : world_(world),
      id_(id),
      name_(std::move(name)),
      factory_(std::move(factory)),
      rng_(rng),
      disk_(disk_options) {
    KS_ASSERT(factory_ != nullptr);
    disk_.set_clock(&world_.loop());
}

Node::~Node() = default;

Time Node::now() const { return world_.now() + clock_skew_ns_; }

TimerId Node::start_timer(Duration after, uint64_t tag) {
    KS_ASSERT(after >= 0);
    KS_ASSERT(state_ != NodeState::Crashed);
    const EventId id =
        world_.loop().schedule_after(after, this, incarnation_ * kEventKinds + kTimer, tag);
    return TimerId{id.value};
}

void Node::cancel_timer(TimerId timer) {
    if (timer) world_.loop().cancel(EventId{timer.value});
}

void Node::send(NodeId to, MessagePtr message) {
    KS_ASSERT(state_ == NodeState::Running);
    world_.network().send(id_, to, std::move(message));
}

void Node::note(std::string_view text) {
    world_.trace().record(world_.now(), TraceKind::Note, id_, kNoNode, text, 0);
}

void Node::probe(std::string_view name) {
    auto it = probes_.find(name);
    if (it == probes_.end()) it = probes_.emplace(std::string(name), 0).first;
    ++it->second;
}

void Node::start(bool defer_on_start) {
    KS_ASSERT(state_ == NodeState::Crashed);
    KS_ASSERT(process_ == nullptr);
    ++incarnation_;
    state_ = NodeState::Running;
    world_.trace().record(world_.now(), TraceKind::NodeStart, id_, kNoNode, name_,
                          incarnation_);
    process_ = factory_(*this);
    KS_ASSERT(process_ != nullptr);
    if (defer_on_start) {
        world_.loop().schedule_after(0, this, incarnation_ * kEventKinds + kStart);
    } else {
        handle(Pending{Pending::Kind::Start, kNoNode, 0, nullptr});
    }
}

void Node::stop_process() {
    state_ = NodeState::Crashed;
    paused_work_.clear();
    // Bumping the incarnation orphans every pending timer and in-flight message.
    ++incarnation_;
    if (dispatch_depth_ > 0) {
        graveyard_ = std::move(process_);
    } else {
        process_.reset();
    }
    world_.network().on_node_down(id_);
}

bool Node::crash() {
    if (state_ == NodeState::Crashed) return false;
    stop_process();
    disk_.on_process_crash();
    return true;
}

bool Node::power_loss() {
    if (state_ == NodeState::Crashed) {
        // The process is already down, but the machine may still lose its page cache.
        disk_.on_power_loss();
        return true;
    }
    stop_process();
    disk_.on_power_loss();
    return true;
}

bool Node::restart() {
    if (state_ != NodeState::Crashed) return false;
    process_.reset();
    start();
    return true;
}

bool Node::pause() {
    if (state_ != NodeState::Running) return false;
    state_ = NodeState::Paused;
    return true;
}

bool Node::resume() {
    if (state_ != NodeState::Paused) return false;
    state_ = NodeState::Running;
    // Replay what queued up as one event now: in arrival order, before anything newer.
    if (!paused_work_.empty()) {
        world_.loop().schedule_after(0, this, incarnation_ * kEventKinds + kDrain);
    }
    return true;
}

void Node::deliver(NodeId from, const MessagePtr& message) {
    KS_ASSERT(state_ != NodeState::Crashed);
    enqueue_or_handle(Pending{Pending::Kind::Message, from, 0, message});
}

void Node::enqueue_or_handle(Pending pending) {
    // Behind queued work (a drain is scheduled) or while paused: keep arrival order.
    if (state_ == NodeState::Paused || !paused_work_.empty()) {
        paused_work_.push_back(std::move(pending));
        return;
    }
    handle(pending);
}

void Node::notify_disconnected(NodeId peer) {
    KS_ASSERT(state_ != NodeState::Crashed);
    enqueue_or_handle(Pending{Pending::Kind::Disconnected, peer, 0, nullptr});
}

void Node::on_event(uint64_t a, uint64_t b) {
    const uint64_t incarnation = a / kEventKinds;
    const uint64_t kind = a % kEventKinds;
    if (incarnation != incarnation_ || state_ == NodeState::Crashed) return;
    if (kind == kDrain) {
        drain_paused();
        return;
    }
    // A node paused before its deferred start starts on resume, like any queued work.
    const auto pending_kind = kind == kStart ? Pending::Kind::Start : Pending::Kind::Timer;
    enqueue_or_handle(Pending{pending_kind, kNoNode, b, nullptr});
}

void Node::drain_paused() {
    // Stop early if a handler's effects paused or crashed this node again.
    while (!paused_work_.empty() && state_ == NodeState::Running) {
        Pending pending = std::move(paused_work_.front());
        paused_work_.pop_front();
        handle(pending);
    }
}

void Node::handle(const Pending& pending) {
    KS_ASSERT(state_ == NodeState::Running);
    KS_ASSERT(process_ != nullptr);
    Trace& trace = world_.trace();
    const Time now = world_.now();
    ++dispatch_depth_;
    switch (pending.kind) {
        case Pending::Kind::Start:
            process_->on_start();
            break;
        case Pending::Kind::Message:
            trace.record(now, TraceKind::Message, id_, pending.peer, pending.message->name(),
                         pending.message->digest());
            process_->on_message(pending.peer, pending.message);
            break;
        case Pending::Kind::Timer:
            trace.record(now, TraceKind::Timer, id_, kNoNode, "timer", pending.tag);
            process_->on_timer(pending.tag);
            break;
        case Pending::Kind::Disconnected:
            trace.record(now, TraceKind::Disconnected, id_, pending.peer, "disconnected", 0);
            process_->on_disconnected(pending.peer);
            break;
    }
    --dispatch_depth_;
    if (dispatch_depth_ == 0) graveyard_.reset();
}

}  // namespace sim
