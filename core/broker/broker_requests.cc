// Broker: requests answered from the metadata image (Metadata, DescribeConfigs), admin
// requests forwarded to the active controller (KIP-590), and InitProducerId from
// controller-allocated id blocks (KIP-730).

#include <algorithm>

#include "core/broker/broker.h"
#include "core/config/topic_config.h"

namespace core::broker {

using namespace core::protocol;

namespace {

MetadataResponseTopic describe_topic(const controller::MetadataImage& image,
                                     const controller::TopicImage& topic) {
    MetadataResponseTopic out;
    out.name = topic.name;
    out.topic_id = topic.topic_id;
    out.is_internal = !topic.name.empty() && topic.name[0] == '_';
    for (const auto& [id, p] : topic.partitions) {
        MetadataResponsePartition part;
        part.partition_index = id;
        part.leader_id = p.leader;
        part.leader_epoch = p.leader_epoch;
        part.replica_nodes = p.replicas;
        part.isr_nodes = p.isr;
        for (int32_t replica : p.replicas) {
            if (!image.is_active(replica)) part.offline_replicas.push_back(replica);
        }
        if (p.leader == kNoLeader) part.error = Error::LEADER_NOT_AVAILABLE;
        out.partitions.push_back(std::move(part));
    }
    return out;
}

}  // namespace

MetadataResponseBroker Broker::advertised(int32_t id, const std::string& rack) const {
    auto listener = options_.advertised_listeners.find(id);
    if (listener == options_.advertised_listeners.end()) {
        return {id, "broker-" + std::to_string(id), 9092, rack};
    }
    return {id, listener->second.host, listener->second.port, rack};
}

void Broker::handle_describe_cluster(sim::NodeId from, const DescribeClusterRequest& r) {
    auto response = std::make_shared<DescribeClusterResponse>();
    response->correlation_id = r.correlation_id;
    response->cluster_id = options_.cluster_id;
    response->endpoint_type = r.endpoint_type;
    // KRaft brokers name a live broker as the controller (KRaftMetadataCache.
    // getControllerId picks a random one): clients send admin requests there and the
    // broker forwards them (KIP-590). This broker is live.
    response->controller_id = id();
    for (const auto& [broker_id, b] : image_.brokers()) {
        if (!b.fenced) response->brokers.push_back(advertised(broker_id, b.rack));
    }
    env_.send(from, std::move(response));
}

void Broker::handle_metadata(sim::NodeId from, const MetadataRequest& r) {
    auto response = std::make_shared<MetadataResponse>();
    response->correlation_id = r.correlation_id;
    response->cluster_id = options_.cluster_id;
    response->controller_id = active_controller_;
    for (const auto& [id, b] : image_.brokers()) {
        if (!b.fenced) response->brokers.push_back(advertised(id, b.rack));
    }
    if (!r.topics) {
        for (const auto& [id, topic] : image_.topics()) {
            response->topics.push_back(describe_topic(image_, topic));
        }
    } else {
        for (const std::string& name : *r.topics) {
            const controller::TopicImage* topic = image_.topic(name);
            if (topic == nullptr) {
                MetadataResponseTopic unknown;
                unknown.name = name;
                unknown.error = Error::UNKNOWN_TOPIC_OR_PARTITION;
                response->topics.push_back(std::move(unknown));
            } else {
                response->topics.push_back(describe_topic(image_, *topic));
            }
        }
    }
    env_.send(from, std::move(response));
}

void Broker::handle_describe_configs(sim::NodeId from, const DescribeConfigsRequest& r) {
    auto response = std::make_shared<DescribeConfigsResponse>();
    response->correlation_id = r.correlation_id;
    for (const auto& resource : r.resources) {
        DescribeConfigsResult result;
        result.resource_type = resource.resource_type;
        result.resource_name = resource.resource_name;
        if (resource.resource_type != ConfigResourceType::Topic ||
            image_.topic(resource.resource_name) == nullptr) {
            result.error = Error::UNKNOWN_TOPIC_OR_PARTITION;
            result.error_message = std::string(error_message(result.error));
        } else {
            const auto& set = image_.topic_configs(resource.resource_name);
            for (const config::ConfigKey& key : config::topic_config_keys()) {
                std::string name(key.name);
                auto it = set.find(name);
                if (it != set.end()) {
                    result.configs.push_back({name, it->second, true});
                } else if (key.has_default) {
                    result.configs.push_back({name, std::string(key.default_value), false});
                }
            }
        }
        response->results.push_back(std::move(result));
    }
    env_.send(from, std::move(response));
}

void Broker::forward_to_controller(sim::NodeId from, const KafkaMessage& request,
                                   const sim::MessagePtr& message) {
    // Re-sent under our own correlation id, remembering whose it was; answered with
    // REQUEST_TIMED_OUT if no controller decides in time.
    const int32_t id = env_.next_correlation_id();
    const sim::Duration timeout =
        sim::from_ms(options_.config.controller_quorum_request_timeout_ms) * 5;
    forwarded_[id] = Forwarded{
        from, message, env_.start_timer(timeout, forward_timer_, static_cast<uint32_t>(id)), false};
    (void)request;
    send_forwarded(id);
}

void Broker::send_forwarded(int32_t id) {
    Forwarded& forwarded = forwarded_.at(id);
    forwarded.needs_resend = false;
    const auto& request = static_cast<const KafkaMessage&>(*forwarded.request);
    std::shared_ptr<KafkaMessage> copy;
    if (request.api_key() == ApiKey::CreateTopics) {
        copy =
            std::make_shared<CreateTopicsRequest>(static_cast<const CreateTopicsRequest&>(request));
    } else {
        copy =
            std::make_shared<DeleteTopicsRequest>(static_cast<const DeleteTopicsRequest&>(request));
    }
    copy->correlation_id = id;
    send_to_controller(std::move(copy));
}

void Broker::on_forwarded_response(const KafkaMessage& response) {
    auto it = forwarded_.find(response.correlation_id);
    if (it == forwarded_.end()) return;
    const auto& original = static_cast<const KafkaMessage&>(*it->second.request);
    std::shared_ptr<KafkaMessage> copy;
    bool not_controller = false;
    if (response.api_key() == ApiKey::CreateTopics) {
        auto r = std::make_shared<CreateTopicsResponse>(
            static_cast<const CreateTopicsResponse&>(response));
        not_controller = std::any_of(r->topics.begin(), r->topics.end(), [](const auto& t) {
            return t.error == Error::NOT_CONTROLLER;
        });
        copy = r;
    } else {
        auto r = std::make_shared<DeleteTopicsResponse>(
            static_cast<const DeleteTopicsResponse&>(response));
        not_controller = std::any_of(r->responses.begin(), r->responses.end(), [](const auto& t) {
            return t.error == Error::NOT_CONTROLLER;
        });
        copy = r;
    }
    if (not_controller) {
        // Not decided: the lifecycle tick re-sends it once heartbeats found the active one.
        it->second.needs_resend = true;
        return;
    }
    env_.cancel_timer(it->second.timer);
    copy->correlation_id = original.correlation_id;
    env_.send(it->second.client, std::move(copy));
    forwarded_.erase(it);
}

void Broker::expire_forwarded(int32_t correlation_id) {
    auto it = forwarded_.find(correlation_id);
    if (it == forwarded_.end()) return;
    const auto& original = static_cast<const KafkaMessage&>(*it->second.request);
    if (original.api_key() == ApiKey::CreateTopics) {
        auto r = std::make_shared<CreateTopicsResponse>();
        r->correlation_id = original.correlation_id;
        for (const auto& t : static_cast<const CreateTopicsRequest&>(original).topics) {
            r->topics.push_back({t.name, 0, Error::REQUEST_TIMED_OUT, "", -1, -1});
        }
        env_.send(it->second.client, std::move(r));
    } else {
        auto r = std::make_shared<DeleteTopicsResponse>();
        r->correlation_id = original.correlation_id;
        for (const auto& t : static_cast<const DeleteTopicsRequest&>(original).topic_names) {
            r->responses.push_back({t, Error::REQUEST_TIMED_OUT, ""});
        }
        env_.send(it->second.client, std::move(r));
    }
    forwarded_.erase(it);
}

void Broker::handle_init_producer_id(sim::NodeId from, const InitProducerIdRequest& r) {
    waiting_for_producer_ids_.push_back({from, r.correlation_id, nullptr});
    answer_init_producer_ids();
}

void Broker::generate_producer_id(std::function<void(int64_t producer_id)> then) {
    waiting_for_producer_ids_.push_back({sim::kNoNode, 0, std::move(then)});
    answer_init_producer_ids();
}

void Broker::answer_init_producer_ids() {
    while (!waiting_for_producer_ids_.empty() && next_producer_id_ < producer_id_block_end_) {
        ProducerIdWaiter waiter = std::move(waiting_for_producer_ids_.front());
        waiting_for_producer_ids_.erase(waiting_for_producer_ids_.begin());
        const int64_t producer_id = next_producer_id_++;
        if (waiter.then) {
            waiter.then(producer_id);
            continue;
        }
        auto response = std::make_shared<InitProducerIdResponse>();
        response->correlation_id = waiter.correlation_id;
        response->producer_id = producer_id;
        response->producer_epoch = 0;
        env_.send(waiter.client, std::move(response));
    }
    if (waiting_for_producer_ids_.empty() || allocate_ids_.active() || broker_epoch_ < 0) return;
    auto request = std::make_shared<AllocateProducerIdsRequest>();
    request->correlation_id = env_.next_correlation_id();
    request->broker_id = env_.self();
    request->broker_epoch = broker_epoch_;
    allocate_ids_ = {request->correlation_id, env_.now()};
    send_to_controller(std::move(request));
}

void Broker::on_allocate_producer_ids_response(const AllocateProducerIdsResponse& r) {
    if (r.correlation_id != allocate_ids_.correlation_id) return;
    allocate_ids_ = {};
    if (r.error == Error::NOT_CONTROLLER) follow_controller_hint(r.leader_id);
    if (r.error == Error::NONE) {
        next_producer_id_ = r.producer_id_start;
        producer_id_block_end_ = r.producer_id_start + r.producer_id_len;
    }
    answer_init_producer_ids();
}

}  // namespace core::broker
