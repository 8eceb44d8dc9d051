#include "core/controller/quorum_controller.h"

#include <algorithm>

namespace core::controller {

using namespace core::protocol;

QuorumController::QuorumController(sim::NodeEnv& env, ControllerOptions options, MetadataLog& log)
    : env_(env),
      options_(std::move(options)),
      log_(log),
      registry_(options_.broker_session_timeout_ns) {
    log_.set_listener(this);
}

void QuorumController::start() {
    log_.start();
    session_timer_ = env_.start_timer(options_.session_check_interval_ns, session_check_timer_);
}

bool QuorumController::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    const auto* kafka = dynamic_cast<const KafkaMessage*>(message.get());
    if (kafka == nullptr || kafka->is_response()) return false;
    switch (kafka->api_key()) {
        case ApiKey::BrokerRegistration:
        case ApiKey::BrokerHeartbeat:
        case ApiKey::MetadataFetch:
        case ApiKey::CreateTopics:
        case ApiKey::DeleteTopics:
        case ApiKey::AlterPartition:
        case ApiKey::AllocateProducerIds:
            break;
        default:
            return false;
    }
    if (!log_.is_leader()) {
        reject_not_controller(from, *kafka);
        return true;
    }
    switch (kafka->api_key()) {
        case ApiKey::BrokerRegistration:
            handle_registration(from, static_cast<const BrokerRegistrationRequest&>(*kafka));
            break;
        case ApiKey::BrokerHeartbeat:
            handle_heartbeat(from, static_cast<const BrokerHeartbeatRequest&>(*kafka));
            break;
        case ApiKey::MetadataFetch:
            handle_metadata_fetch(from,
                                  std::static_pointer_cast<const MetadataFetchRequest>(message));
            break;
        case ApiKey::CreateTopics:
            handle_create_topics(from, static_cast<const CreateTopicsRequest&>(*kafka));
            break;
        case ApiKey::DeleteTopics:
            handle_delete_topics(from, static_cast<const DeleteTopicsRequest&>(*kafka));
            break;
        case ApiKey::AlterPartition:
            handle_alter_partition(from, static_cast<const AlterPartitionRequest&>(*kafka));
            break;
        case ApiKey::AllocateProducerIds:
            handle_allocate_producer_ids(from,
                                         static_cast<const AllocateProducerIdsRequest&>(*kafka));
            break;
        default:
            KS_UNREACHABLE();
    }
    return true;
}

void QuorumController::reject_not_controller(sim::NodeId from, const KafkaMessage& request) {
    const int32_t hint = log_.leader_id();
    auto send = [&](auto response) {
        response->correlation_id = request.correlation_id;
        env_.send(from, std::move(response));
    };
    switch (request.api_key()) {
        case ApiKey::BrokerRegistration: {
            auto r = std::make_shared<BrokerRegistrationResponse>();
            r->error = Error::NOT_CONTROLLER;
            r->leader_id = hint;
            return send(r);
        }
        case ApiKey::BrokerHeartbeat: {
            auto r = std::make_shared<BrokerHeartbeatResponse>();
            r->error = Error::NOT_CONTROLLER;
            r->leader_id = hint;
            return send(r);
        }
        case ApiKey::MetadataFetch: {
            auto r = std::make_shared<MetadataFetchResponse>();
            r->error = Error::NOT_CONTROLLER;
            r->leader_id = hint;
            return send(r);
        }
        case ApiKey::CreateTopics: {
            auto r = std::make_shared<CreateTopicsResponse>();
            for (const auto& t : static_cast<const CreateTopicsRequest&>(request).topics) {
                r->topics.push_back({t.name, 0, Error::NOT_CONTROLLER, "", -1, -1});
            }
            return send(r);
        }
        case ApiKey::DeleteTopics: {
            auto r = std::make_shared<DeleteTopicsResponse>();
            for (const auto& t : static_cast<const DeleteTopicsRequest&>(request).topic_names) {
                r->responses.push_back({t, Error::NOT_CONTROLLER, ""});
            }
            return send(r);
        }
        case ApiKey::AlterPartition: {
            auto r = std::make_shared<AlterPartitionResponse>();
            r->error = Error::NOT_CONTROLLER;
            r->leader_id_hint = hint;
            return send(r);
        }
        case ApiKey::AllocateProducerIds: {
            auto r = std::make_shared<AllocateProducerIdsResponse>();
            r->error = Error::NOT_CONTROLLER;
            r->leader_id = hint;
            return send(r);
        }
        default:
            KS_UNREACHABLE();
    }
}

void QuorumController::append(std::vector<MetadataRecord> records, Completion done) {
    KS_ASSERT(log_.is_leader());
    std::vector<MetadataRecord> copy = records;
    std::optional<int64_t> last = log_.append(std::move(records));
    if (!last) {
        done(false);
        return;
    }
    KS_ASSERT(*last > last_appended_offset_);
    int64_t offset = *last - static_cast<int64_t>(copy.size()) + 1;
    for (const auto& record : copy) {
        if (const auto* r = std::get_if<RegisterBrokerRecord>(&record)) {
            registration_offsets_[r->broker_id] = offset;
        }
        speculative_.apply(offset++, record, nullptr);
    }
    last_appended_offset_ = *last;
    waiting_.emplace(*last, std::move(done));
}

void QuorumController::after_pending(Completion done) {
    if (last_appended_offset_ < log_.committed_end_offset()) {
        done(true);
        return;
    }
    waiting_.emplace(last_appended_offset_, std::move(done));
}

void QuorumController::on_committed(const std::vector<MetadataLogEntry>& entries) {
    for (const auto& entry : entries) {
        committed_.apply(entry.offset, entry.record, nullptr);
        if (const auto* r = std::get_if<RegisterBrokerRecord>(&entry.record)) {
            registration_offsets_[r->broker_id] = entry.offset;
        }
        entries_.push_back(entry);
    }
    const int64_t end = log_.committed_end_offset();
    while (!waiting_.empty() && waiting_.begin()->first < end) {
        Completion done = std::move(waiting_.begin()->second);
        waiting_.erase(waiting_.begin());
        done(true);
    }
    answer_parked_fetches();
}

void QuorumController::on_snapshot(const std::vector<MetadataRecord>& records, int64_t end_offset) {
    committed_ = MetadataImage();
    registration_offsets_.clear();
    int64_t offset = end_offset - static_cast<int64_t>(records.size());
    KS_ASSERT(offset >= 0);
    for (const auto& record : records) {
        if (const auto* r = std::get_if<RegisterBrokerRecord>(&record)) {
            registration_offsets_[r->broker_id] = offset;
        }
        committed_.apply(offset++, record, nullptr);
    }
    entries_.clear();
    log_start_offset_ = end_offset;
    speculative_ = committed_;
}

void QuorumController::on_become_leader(int32_t epoch) {
    env_.note("controller: active at epoch " + std::to_string(epoch));
    speculative_ = committed_;
    last_appended_offset_ = log_.committed_end_offset() - 1;
    // A new active controller gives every broker a fresh session, as Kafka does: it cannot
    // know when they last heartbeated to the previous one.
    registry_.clear();
    for (const auto& [id, broker] : committed_.brokers()) registry_.touch(id, env_.now());
}

void QuorumController::on_resign() {
    env_.note("controller: resigned");
    std::multimap<int64_t, Completion> waiting = std::move(waiting_);
    waiting_.clear();
    for (auto& [offset, done] : waiting) done(false);
    speculative_ = committed_;
    registry_.clear();
    for (auto& [id, fetch] : parked_fetches_) env_.cancel_timer(fetch.timer);
    auto parked = std::move(parked_fetches_);
    parked_fetches_.clear();
    for (auto& [id, fetch] : parked) reject_not_controller(fetch.from, *fetch.request);
}

void QuorumController::on_session_check_timer(uint64_t) {
    session_timer_ = env_.start_timer(options_.session_check_interval_ns, session_check_timer_);
    if (log_.is_leader()) check_sessions();
}

void QuorumController::on_fetch_deadline(uint64_t id) {
    auto it = parked_fetches_.find(id);
    if (it == parked_fetches_.end()) return;
    ParkedFetch fetch = std::move(it->second);
    parked_fetches_.erase(it);
    answer_fetch(fetch.from, *fetch.request);
}

void QuorumController::handle_metadata_fetch(sim::NodeId from,
                                             std::shared_ptr<const MetadataFetchRequest> r) {
    if (r->fetch_offset < log_.committed_end_offset() || r->max_wait_ms <= 0) {
        answer_fetch(from, *r);
        return;
    }
    uint64_t id = next_fetch_id_++;
    sim::TimerId timer = env_.start_timer(sim::from_ms(r->max_wait_ms), fetch_timer_, id);
    parked_fetches_[id] = ParkedFetch{from, std::move(r), timer};
}

void QuorumController::answer_snapshot(sim::NodeId from, const MetadataFetchRequest& r) {
    auto response = std::make_shared<MetadataFetchResponse>();
    response->correlation_id = r.correlation_id;
    response->leader_id = log_.leader_id();
    response->high_watermark = log_.committed_end_offset();
    response->is_snapshot = true;
    std::vector<MetadataRecord> records = committed_.to_records();
    const int64_t end = committed_.last_applied_offset() + 1;
    response->snapshot_end_offset = end;
    int64_t offset = end - static_cast<int64_t>(records.size());
    KS_ASSERT(offset >= 0);
    for (auto& record : records) response->records.push_back({offset++, std::move(record)});
    env_.send(from, std::move(response));
}

void QuorumController::answer_fetch(sim::NodeId from, const MetadataFetchRequest& r) {
    if (r.fetch_offset < log_start_offset_) {
        answer_snapshot(from, r);
        return;
    }
    auto response = std::make_shared<MetadataFetchResponse>();
    response->correlation_id = r.correlation_id;
    response->leader_id = log_.leader_id();
    response->high_watermark = log_.committed_end_offset();
    auto it = std::lower_bound(
        entries_.begin(), entries_.end(), r.fetch_offset,
        [](const MetadataLogEntry& e, int64_t offset) { return e.offset < offset; });
    for (; it != entries_.end() && static_cast<int32_t>(response->records.size()) < r.max_records;
         ++it) {
        response->records.push_back(*it);
    }
    env_.send(from, std::move(response));
}

void QuorumController::answer_parked_fetches() {
    if (parked_fetches_.empty()) return;
    auto parked = std::move(parked_fetches_);
    parked_fetches_.clear();
    for (auto& [id, fetch] : parked) {
        if (fetch.request->fetch_offset < log_.committed_end_offset()) {
            env_.cancel_timer(fetch.timer);
            answer_fetch(fetch.from, *fetch.request);
        } else {
            parked_fetches_.emplace(id, std::move(fetch));
        }
    }
}

}  // namespace core::controller
