#include "core/coordinator/coordinator_runtime.h"

#include <algorithm>

#include "core/broker/replica_manager.h"
#include "core/group/offsets_topic.h"
#include "core/protocol/admin.h"

namespace core::coordinator {

using namespace core::protocol;

CoordinatorRuntime::CoordinatorRuntime(sim::NodeEnv& env, broker::ReplicaManager& replica_manager,
                                       broker::ReplicaManagerHost& host, CoordinatorShard& shard,
                                       CoordinatorRuntimeOptions options)
    : env_(env),
      replica_manager_(replica_manager),
      host_(host),
      shard_(shard),
      options_(std::move(options)) {}

int32_t CoordinatorRuntime::partition_for(const std::string& key) const {
    return group::partition_for(key, options_.num_partitions);
}

void CoordinatorRuntime::find_coordinator(sim::NodeId from, const FindCoordinatorRequest& request,
                                          Error empty_key_error) {
    auto response = std::make_shared<FindCoordinatorResponse>();
    response->correlation_id = request.correlation_id;
    response->error = Error::COORDINATOR_NOT_AVAILABLE;
    const controller::MetadataImage& image = host_.image();
    if (request.key.empty()) {
        response->error = empty_key_error;
    } else if (image.topic(options_.topic) == nullptr) {
        maybe_create_topic();
    } else {
        const auto* reg = image.partition({options_.topic, partition_for(request.key)});
        if (reg != nullptr && reg->leader >= 0 && image.is_active(reg->leader)) {
            response->error = Error::NONE;
            response->node_id = reg->leader;
            response->host = "broker-" + std::to_string(reg->leader);
        }
    }
    if (response->error != Error::NONE) {
        response->error_message = std::string(error_message(response->error));
    }
    env_.send(from, std::move(response));
}

void CoordinatorRuntime::maybe_create_topic() {
    // Kafka creates the internal topic on the first FindCoordinator; at most one request a
    // second, the controller answers the rest TOPIC_ALREADY_EXISTS.
    const sim::Time now = env_.now();
    if (last_create_request_ >= 0 && now - last_create_request_ < sim::kSecond) return;
    const auto active = host_.image().active_broker_ids();
    if (active.empty()) return;
    last_create_request_ = now;
    auto request = std::make_shared<CreateTopicsRequest>();
    request->correlation_id = shard_.next_correlation_id(ApiKey::CreateTopics);
    CreatableTopic topic;
    topic.name = options_.topic;
    topic.num_partitions = options_.num_partitions;
    topic.replication_factor = static_cast<int16_t>(
        std::min<int64_t>(options_.replication_factor, static_cast<int64_t>(active.size())));
    topic.configs = options_.configs;
    if (options_.min_insync_replicas >= 0) {
        topic.configs["min.insync.replicas"] = std::to_string(
            std::min<int64_t>(options_.min_insync_replicas, topic.replication_factor));
    }
    request->topics.push_back(std::move(topic));
    env_.note(options_.name + ": creating " + options_.topic);
    host_.send_to_controller(std::move(request));
}

void CoordinatorRuntime::on_metadata_update() {
    for (int32_t p = 0; p < options_.num_partitions; ++p) {
        const broker::Partition* partition = replica_manager_.partition({options_.topic, p});
        const bool leader =
            partition != nullptr && partition->role() == broker::ReplicaRole::Leader;
        auto it = owned_.find(p);
        const bool new_epoch =
            leader && (it == owned_.end() || it->second.leader_epoch != partition->leader_epoch());
        if (new_epoch) {
            if (it != owned_.end()) resign(p);
            owned_[p] = OwnedPartition{partition->leader_epoch(), false};
            // Reading the log takes time proportional to its length (Kafka loads in a
            // background thread; requests meanwhile get COORDINATOR_LOAD_IN_PROGRESS).
            const Offset records = partition->log_end_offset() - partition->log_start_offset();
            shard_.schedule_load(p, sim::kMillisecond + records * sim::kMicrosecond);
        } else if (!leader && it != owned_.end()) {
            resign(p);
        }
    }
}

void CoordinatorRuntime::load(int32_t p) {
    auto owned = owned_.find(p);
    if (owned == owned_.end() || owned->second.loaded) return;
    const broker::Partition* partition = replica_manager_.partition({options_.topic, p});
    if (partition == nullptr || partition->role() != broker::ReplicaRole::Leader) return;
    owned->second.loaded = true;
    shard_.load_partition(p, partition->log());
}

void CoordinatorRuntime::resign(int32_t p) {
    owned_.erase(p);
    shard_.resign_partition(p);
}

Error CoordinatorRuntime::coordinator_error(const std::string& key) const {
    auto it = owned_.find(partition_for(key));
    if (it == owned_.end()) return Error::NOT_COORDINATOR;
    return it->second.loaded ? Error::NONE : Error::COORDINATOR_LOAD_IN_PROGRESS;
}

std::optional<int32_t> CoordinatorRuntime::coordinator_epoch(const std::string& key) const {
    auto it = owned_.find(partition_for(key));
    if (it == owned_.end()) return std::nullopt;
    return it->second.leader_epoch;
}

void CoordinatorRuntime::append(int32_t correlation_id, int32_t partition, RecordBatch batch,
                                int32_t timeout_ms) {
    auto request = std::make_shared<ProduceRequest>();
    request->correlation_id = correlation_id;
    request->acks = kAcksAll;
    request->timeout_ms = timeout_ms;
    request->partitions.push_back({{options_.topic, partition}, std::move(batch)});
    replica_manager_.handle_produce(env_.self(), *request);
}

Error CoordinatorRuntime::append_error(const ProduceResponse& response) {
    const Error error =
        response.responses.empty() ? Error::UNKNOWN_SERVER_ERROR : response.responses[0].error;
    switch (error) {
        case Error::NONE:
            return Error::NONE;
        case Error::UNKNOWN_TOPIC_OR_PARTITION:
        case Error::NOT_ENOUGH_REPLICAS:
        case Error::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
        case Error::REQUEST_TIMED_OUT:
            return Error::COORDINATOR_NOT_AVAILABLE;
        case Error::NOT_LEADER_OR_FOLLOWER:
        case Error::KAFKA_STORAGE_ERROR:
            return Error::NOT_COORDINATOR;
        default:
            return Error::UNKNOWN_SERVER_ERROR;
    }
}

void CoordinatorRuntime::read_log(const log::PartitionLog& log,
                                  const std::function<void(const RecordBatch&, Offset)>& each) {
    Offset offset = log.log_start_offset();
    const Offset end = log.log_end_offset();
    while (offset < end) {
        log::ReadResult result = log.read(offset, end, 1 << 20);
        if (result.batches.empty()) break;
        for (const auto& batch : result.batches) {
            each(batch, offset);
            offset = std::max(offset, batch.next_offset());
        }
    }
}

}  // namespace core::coordinator
