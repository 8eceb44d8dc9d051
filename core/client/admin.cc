#include "core/client/admin.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "core/protocol/admin.h"
#include "core/protocol/metadata.h"
#include "sim/assert.h"
#include "sim/rng.h"

namespace core::client {

using protocol::Error;

namespace {
/// Errors after which an admin call tries again (another broker, a new controller).
bool admin_retriable(Error error) {
    return error == Error::NOT_CONTROLLER || error == Error::REQUEST_TIMED_OUT ||
           error == Error::NETWORK_EXCEPTION || error == Error::BROKER_NOT_AVAILABLE;
}
}  // namespace

TopicResult topic_result(const std::string& name, Error error, const std::string& message) {
    TopicResult result;
    result.name = name;
    result.error = error;
    if (error != Error::NONE) {
        result.exception_name = std::string(protocol::exception_name(error));
        result.message = message.empty() ? std::string(protocol::error_message(error)) : message;
    }
    return result;
}

Admin::Admin(sim::NodeEnv& env, AdminOptions options)
    : env_(env),
      options_(std::move(options)),
      network_(env, options_.request_timeout),
      known_brokers_(options_.bootstrap_servers) {
    KS_ASSERT(!known_brokers_.empty());
}

Admin::~Admin() {
    for (auto& [id, call] : calls_) env_.cancel_timer(call.timer);
}

uint64_t Admin::start_call(std::string name, std::function<void(uint64_t)> attempt,
                           std::function<void(const TopicResult&)> on_timeout) {
    const uint64_t id = next_call_id_++;
    calls_[id] = Call{std::move(name), env_.now() + options_.default_api_timeout,
                      std::move(attempt), std::move(on_timeout), {}};
    calls_[id].attempt(id);
    return id;
}

void Admin::retry_later(uint64_t call_id) {
    auto it = calls_.find(call_id);
    KS_ASSERT(it != calls_.end());
    it->second.timer = env_.start_timer(options_.retry_backoff, *this, call_id);
}

void Admin::on_timer(uint64_t call_id) {
    auto it = calls_.find(call_id);
    if (it == calls_.end()) return;
    it->second.timer = {};
    if (env_.now() >= it->second.deadline) {
        Call call = std::move(it->second);
        calls_.erase(it);
        call.on_timeout(topic_result("", Error::REQUEST_TIMED_OUT,
                                     "Timed out waiting for a node assignment. Call: " +
                                         call.name));
        return;
    }
    it->second.attempt(it->first);
}

bool Admin::on_message(sim::NodeId from, const sim::MessagePtr& message) {
    return network_.on_message(from, message);
}

void Admin::on_disconnected(sim::NodeId peer) { network_.on_disconnected(peer); }

sim::NodeId Admin::pick_broker() {
    std::vector<sim::NodeId> candidates = known_brokers_;
    for (sim::NodeId node : options_.bootstrap_servers) {
        if (std::find(candidates.begin(), candidates.end(), node) == candidates.end()) {
            candidates.push_back(node);
        }
    }
    return network_.least_loaded(candidates);
}

void Admin::create_topics(std::vector<NewTopic> topics, TopicResultsCallback callback) {
    auto on_timeout = [topics, callback](const TopicResult& timeout) {
        std::vector<TopicResult> results;
        for (const NewTopic& t : topics) {
            results.push_back(topic_result(t.name, timeout.error, timeout.message));
        }
        callback(results);
    };
    start_call("createTopics", [this, topics, callback](uint64_t id) {
        auto request = std::make_shared<protocol::CreateTopicsRequest>();
        request->timeout_ms = static_cast<int32_t>(sim::to_ms(options_.request_timeout));
        for (const NewTopic& t : topics) {
            request->topics.push_back({t.name, t.num_partitions, t.replication_factor, {},
                                       t.configs});
        }
        network_.send(pick_broker(), std::move(request),
                      [this, id, callback](const protocol::KafkaMessage* message, Error error) {
            const auto* response = static_cast<const protocol::CreateTopicsResponse*>(message);
            bool retry = response == nullptr;
            std::vector<TopicResult> results;
            for (const auto& t : response == nullptr ? decltype(response->topics){}
                                                     : response->topics) {
                retry = retry || admin_retriable(t.error);
                results.push_back(topic_result(t.name, t.error, t.error_message));
            }
            if (retry) return retry_later(id);
            finish(id);
            callback(results);
        });
    }, on_timeout);
}

void Admin::delete_topics(std::vector<std::string> names, TopicResultsCallback callback) {
    auto on_timeout = [names, callback](const TopicResult& timeout) {
        std::vector<TopicResult> results;
        for (const auto& name : names) {
            results.push_back(topic_result(name, timeout.error, timeout.message));
        }
        callback(results);
    };
    start_call("deleteTopics", [this, names, callback](uint64_t id) {
        auto request = std::make_shared<protocol::DeleteTopicsRequest>();
        request->topic_names = names;
        network_.send(pick_broker(), std::move(request),
                      [this, id, callback](const protocol::KafkaMessage* message, Error error) {
            const auto* response = static_cast<const protocol::DeleteTopicsResponse*>(message);
            bool retry = response == nullptr;
            std::vector<TopicResult> results;
            for (const auto& r : response == nullptr ? decltype(response->responses){}
                                                     : response->responses) {
                retry = retry || admin_retriable(r.error);
                results.push_back(topic_result(r.name, r.error, r.error_message));
            }
            if (retry) return retry_later(id);
            finish(id);
            callback(results);
        });
    }, on_timeout);
}

}  // namespace core::client
