// QuorumController: CreateTopics, DeleteTopics, AlterPartition and AllocateProducerIds,
// with Kafka's validation, errors and wording.

#include <fmt/format.h>

#include <algorithm>

#include "core/config/topic_config.h"
#include "core/controller/placement.h"
#include "core/controller/quorum_controller.h"

namespace core::controller {

using namespace core::protocol;

namespace {

// Kafka's TopicConfig names (kpure's table); anything else is "Unknown topic config name".
bool is_known_topic_config(const std::string& name) {
    for (const config::ConfigKey& key : config::topic_config_keys()) {
        if (key.name == name) return true;
    }
    return false;
}

// Kafka's Topic.validate wording.
std::string invalid_topic_name(const std::string& name) {
    if (name.empty()) return "Topic name is illegal, it can't be empty";
    if (name == "." || name == "..") return "Topic name cannot be \".\" or \"..\"";
    if (name.size() > 249) {
        return fmt::format(
            "Topic name is illegal, it can't be longer than 249 characters, topic name: {}", name);
    }
    for (char c : name) {
        const bool legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!legal) {
            return fmt::format(
                "Topic name \"{}\" is illegal, it contains a character other than ASCII "
                "alphanumerics, '.', '_' and '-'",
                name);
        }
    }
    return "";
}

CreatableTopicResult failure(const std::string& name, Error error, std::string message) {
    CreatableTopicResult result;
    result.name = name;
    result.error = error;
    result.error_message = std::move(message);
    return result;
}

}  // namespace

void QuorumController::handle_create_topics(sim::NodeId from, const CreateTopicsRequest& r) {
    auto response = std::make_shared<CreateTopicsResponse>();
    response->correlation_id = r.correlation_id;
    for (const auto& topic : r.topics) {
        response->topics.push_back(create_topic(topic, r.validate_only));
    }
    after_pending([this, from, response](bool committed) {
        if (!committed) {
            for (auto& t : response->topics) {
                if (t.error == Error::NONE) t.error = Error::NOT_CONTROLLER;
            }
        }
        env_.send(from, response);
    });
}

CreatableTopicResult QuorumController::create_topic(const CreatableTopic& topic,
                                                    bool validate_only) {
    if (std::string why = invalid_topic_name(topic.name); !why.empty()) {
        return failure(topic.name, Error::INVALID_TOPIC_EXCEPTION, why);
    }
    if (speculative_.topic(topic.name) != nullptr) {
        return failure(topic.name, Error::TOPIC_ALREADY_EXISTS,
                       fmt::format("Topic '{}' already exists.", topic.name));
    }
    for (const auto& [key, value] : topic.configs) {
        if (!is_known_topic_config(key)) {
            return failure(topic.name, Error::INVALID_CONFIG,
                           fmt::format("Unknown topic config name: {}", key));
        }
    }
    if (auto parsed = config::parse_topic_config(topic.configs); !parsed.ok()) {
        return failure(topic.name, Error::INVALID_CONFIG, parsed.error().what);
    }
    std::map<int32_t, std::vector<int32_t>> assignment = topic.assignments;
    int16_t replication_factor = topic.replication_factor;
    if (assignment.empty()) {
        int32_t partitions =
            topic.num_partitions == -1 ? options_.num_partitions : topic.num_partitions;
        if (replication_factor == -1) replication_factor = options_.default_replication_factor;
        PlacementResult placement = assign_replicas(speculative_.active_broker_ids(), partitions,
                                                    replication_factor, env_.rng());
        if (placement.error != Error::NONE) {
            return failure(topic.name, placement.error, placement.error_message);
        }
        assignment = std::move(placement.assignment);
    } else {
        replication_factor = static_cast<int16_t>(assignment.begin()->second.size());
    }
    CreatableTopicResult result;
    result.name = topic.name;
    result.topic_id = speculative_.next_topic_id();
    result.num_partitions = static_cast<int32_t>(assignment.size());
    result.replication_factor = replication_factor;
    if (validate_only) return result;

    std::vector<MetadataRecord> records{TopicRecord{topic.name, result.topic_id}};
    for (const auto& [key, value] : topic.configs) {
        records.push_back(ConfigRecord{2, topic.name, key, value});
    }
    for (const auto& [partition_id, replicas] : assignment) {
        PartitionRecord p;
        p.partition_id = partition_id;
        p.topic_id = result.topic_id;
        p.replicas = replicas;
        for (int32_t b : replicas) {
            if (speculative_.is_active(b)) p.isr.push_back(b);
        }
        if (p.isr.empty()) p.isr = replicas;
        p.leader = speculative_.is_active(p.isr.front()) ? p.isr.front() : kNoLeader;
        records.push_back(p);
    }
    env_.note("controller: creating topic " + topic.name);
    append(std::move(records), [](bool) {});
    return result;
}

void QuorumController::handle_delete_topics(sim::NodeId from, const DeleteTopicsRequest& r) {
    auto response = std::make_shared<DeleteTopicsResponse>();
    response->correlation_id = r.correlation_id;
    for (const auto& name : r.topic_names) {
        DeletableTopicResult result{name, Error::NONE, ""};
        const TopicImage* topic = speculative_.topic(name);
        if (!options_.delete_topic_enable) {
            result.error = Error::TOPIC_DELETION_DISABLED;
            result.error_message = std::string(error_message(Error::TOPIC_DELETION_DISABLED));
        } else if (topic == nullptr) {
            result.error = Error::UNKNOWN_TOPIC_OR_PARTITION;
            result.error_message = std::string(error_message(Error::UNKNOWN_TOPIC_OR_PARTITION));
        } else {
            env_.note("controller: deleting topic " + name);
            append({RemoveTopicRecord{topic->topic_id}}, [](bool) {});
        }
        response->responses.push_back(std::move(result));
    }
    after_pending([this, from, response](bool committed) {
        if (!committed) {
            for (auto& t : response->responses) {
                if (t.error == Error::NONE) t.error = Error::NOT_CONTROLLER;
            }
        }
        env_.send(from, response);
    });
}

void QuorumController::handle_alter_partition(sim::NodeId from, const AlterPartitionRequest& r) {
    auto response = std::make_shared<AlterPartitionResponse>();
    response->correlation_id = r.correlation_id;
    response->leader_id_hint = log_.leader_id();
    const BrokerRegistration* sender = speculative_.broker(r.broker_id);
    if (sender == nullptr || sender->epoch != r.broker_epoch) {
        response->error = Error::STALE_BROKER_EPOCH;
        env_.send(from, response);
        return;
    }
    std::vector<MetadataRecord> records;
    for (const auto& data : r.partitions) {
        AlterPartitionPartitionResponse out;
        out.topic_partition = data.topic_partition;
        const TopicImage* topic = speculative_.topic(data.topic_partition.topic);
        const PartitionRegistration* p = speculative_.partition(data.topic_partition);
        if (p == nullptr) {
            out.error = Error::UNKNOWN_TOPIC_OR_PARTITION;
        } else if (p->leader != r.broker_id) {
            out.error = Error::NOT_LEADER_OR_FOLLOWER;
        } else if (data.leader_epoch != p->leader_epoch) {
            out.error = Error::FENCED_LEADER_EPOCH;
        } else if (data.partition_epoch != p->partition_epoch) {
            out.error = Error::INVALID_UPDATE_VERSION;
        }
        std::vector<int32_t> isr;
        for (const auto& member : data.new_isr_with_epochs) {
            const BrokerRegistration* b = speculative_.broker(member.broker_id);
            const bool eligible = b != nullptr && !b->fenced && p != nullptr &&
                                  p->has_replica(member.broker_id) &&
                                  (member.broker_epoch < 0 || member.broker_epoch == b->epoch);
            if (!eligible && out.error == Error::NONE) out.error = Error::INELIGIBLE_REPLICA;
            isr.push_back(member.broker_id);
        }
        if (out.error == Error::NONE && isr.empty()) out.error = Error::INVALID_REQUEST;
        if (out.error == Error::NONE) {
            auto change = build_partition_change(
                topic->topic_id, data.topic_partition.partition, *p, isr,
                [&](int32_t id) { return speculative_.is_active(id); }, false);
            if (change) records.push_back(*change);
        }
        response->partitions.push_back(std::move(out));
    }
    auto finish = [this, from, response](bool committed) {
        for (auto& out : response->partitions) {
            if (!committed && out.error == Error::NONE) out.error = Error::NOT_CONTROLLER;
            if (out.error != Error::NONE) continue;
            const PartitionRegistration* p = committed_.partition(out.topic_partition);
            if (p == nullptr) {
                out.error = Error::UNKNOWN_TOPIC_OR_PARTITION;
                continue;
            }
            out.leader_id = p->leader;
            out.leader_epoch = p->leader_epoch;
            out.isr = p->isr;
            out.partition_epoch = p->partition_epoch;
        }
        env_.send(from, response);
    };
    if (records.empty()) {
        after_pending(finish);
    } else {
        append(std::move(records), finish);
    }
}

void QuorumController::handle_allocate_producer_ids(sim::NodeId from,
                                                    const AllocateProducerIdsRequest& r) {
    auto response = std::make_shared<AllocateProducerIdsResponse>();
    response->correlation_id = r.correlation_id;
    response->leader_id = log_.leader_id();
    const BrokerRegistration* sender = speculative_.broker(r.broker_id);
    if (sender == nullptr || sender->epoch != r.broker_epoch) {
        response->error = Error::STALE_BROKER_EPOCH;
        env_.send(from, response);
        return;
    }
    const int64_t start = speculative_.next_producer_id();
    response->producer_id_start = start;
    response->producer_id_len = kProducerIdBlockSize;
    append({ProducerIdsRecord{r.broker_id, r.broker_epoch, start + kProducerIdBlockSize}},
           [this, from, response](bool committed) {
               if (!committed) response->error = Error::NOT_CONTROLLER;
               env_.send(from, response);
           });
}

}  // namespace core::controller
