#include "core/client/metadata_cache.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "core/client/network_client.h"
#include "core/common/probes.h"
#include "core/protocol/metadata.h"
#include "sim/assert.h"

namespace core::client {

using protocol::Error;

MetadataCache::MetadataCache(NetworkClient& network, std::vector<sim::NodeId> bootstrap_servers,
                             MetadataOptions options)
    : network_(network), bootstrap_servers_(std::move(bootstrap_servers)), options_(options) {
    KS_ASSERT(!bootstrap_servers_.empty());
}

void MetadataCache::add_topic(const std::string& topic) {
    if (wanted_topics_.insert(topic).second && topics_.count(topic) == 0) need_update_ = true;
}

void MetadataCache::set_all_topics(bool all_topics) {
    if (all_topics && !all_topics_) need_update_ = true;
    all_topics_ = all_topics;
}

void MetadataCache::request_update() { need_update_ = true; }

sim::Time MetadataCache::poll() {
    const sim::Time now = network_.env().now();
    if (in_flight_) return sim::kTimeNever;
    sim::Time due = need_update_ ? now : last_success_ + options_.metadata_max_age;
    if (last_attempt_ >= 0) due = std::max(due, last_attempt_ + options_.retry_backoff);
    if (due > now) return due;
    send_request(now);
    return sim::kTimeNever;
}

void MetadataCache::send_request(sim::Time now) {
    // Brokers we learnt of first, then the bootstrap list: a client whose known brokers
    // all died still finds the cluster again (what KIP-899's rebootstrap adds to Kafka).
    std::vector<sim::NodeId> candidates = live_brokers_;
    for (sim::NodeId node : bootstrap_servers_) {
        if (std::find(candidates.begin(), candidates.end(), node) == candidates.end()) {
            candidates.push_back(node);
        }
    }
    auto request = std::make_shared<protocol::MetadataRequest>();
    if (!all_topics_) {
        request->topics = std::vector<std::string>(wanted_topics_.begin(), wanted_topics_.end());
    }
    in_flight_ = true;
    last_attempt_ = now;
    need_update_ = false;
    network_.send(network_.least_loaded(candidates), std::move(request),
                  [this](const protocol::KafkaMessage* response, Error error) {
                      on_response(static_cast<const protocol::MetadataResponse*>(response),
                                  error);
                  });
}

void MetadataCache::on_response(const protocol::MetadataResponse* response, Error error) {
    in_flight_ = false;
    if (response == nullptr) {
        // The broker died or the request timed out: try another after the backoff.
        need_update_ = true;
        return;
    }
    update(*response);
}

void MetadataCache::update(const protocol::MetadataResponse& response) {
    live_brokers_.clear();
    for (const auto& broker : response.brokers) live_brokers_.push_back(broker.node_id);
    std::sort(live_brokers_.begin(), live_brokers_.end());
    controller_id_ = response.controller_id;
    if (all_topics_) {
        // A full listing replaces the view: topics missing from it were deleted.
        std::map<std::string, TopicMetadata> kept;
        for (const auto& t : response.topics) {
            if (topics_.count(t.name) != 0) kept.emplace(t.name, std::move(topics_[t.name]));
        }
        topics_ = std::move(kept);
    }
    for (const auto& t : response.topics) {
        TopicMetadata incoming{t.name, t.error, t.topic_id, t.is_internal, {}};
        for (const auto& p : t.partitions) {
            PartitionMetadata partition{{t.name, p.partition_index}, p.error, p.leader_id,
                                        p.leader_epoch, p.replica_nodes, p.isr_nodes,
                                        p.offline_replicas};
            if (partition.leader < 0) partition.leader = sim::kNoNode;
            const auto index = static_cast<size_t>(p.partition_index);
            if (incoming.partitions.size() <= index) incoming.partitions.resize(index + 1);
            incoming.partitions[index] = std::move(partition);
        }
        apply_topic(std::move(incoming));
    }
    last_success_ = network_.env().now();
    ++version_;
    if (on_update_) on_update_();
}

void MetadataCache::apply_topic(TopicMetadata incoming) {
    if (incoming.error != Error::NONE) {
        // UNKNOWN_TOPIC_OR_PARTITION: the topic is gone (or not yet created); forget it,
        // but keep asking while someone wants it.
        topics_.erase(incoming.name);
        return;
    }
    auto old = topics_.find(incoming.name);
    const bool same_incarnation = old != topics_.end() && old->second.topic_id == incoming.topic_id;
    for (PartitionMetadata& partition : incoming.partitions) {
        const TopicPartition& tp = partition.topic_partition;
        auto seen = last_seen_leader_epoch_.find(tp);
        if (seen != last_seen_leader_epoch_.end() && same_incarnation &&
            partition.leader_epoch >= 0 && partition.leader_epoch < seen->second) {
            // KIP-320: this broker's metadata is behind what we already saw; keep ours.
            const auto index = static_cast<size_t>(tp.partition);
            if (index < old->second.partitions.size()) {
                partition = old->second.partitions[index];
            }
            need_update_ = true;
            hit(network_.env(), Probe::ClientStaleLeaderEpochIgnored);
            continue;
        }
        if (partition.leader_epoch >= 0) last_seen_leader_epoch_[tp] = partition.leader_epoch;
    }
    topics_[incoming.name] = std::move(incoming);
}

const TopicMetadata* MetadataCache::topic(const std::string& name) const {
    auto it = topics_.find(name);
    return it == topics_.end() ? nullptr : &it->second;
}

const PartitionMetadata* MetadataCache::partition(const TopicPartition& tp) const {
    const TopicMetadata* t = topic(tp.topic);
    if (t == nullptr || tp.partition < 0) return nullptr;
    const auto index = static_cast<size_t>(tp.partition);
    return index < t->partitions.size() ? &t->partitions[index] : nullptr;
}

sim::NodeId MetadataCache::leader(const TopicPartition& tp) const {
    const PartitionMetadata* p = partition(tp);
    return p == nullptr ? sim::kNoNode : p->leader;
}

int32_t MetadataCache::partition_count(const std::string& topic_name) const {
    const TopicMetadata* t = topic(topic_name);
    return t == nullptr ? -1 : static_cast<int32_t>(t->partitions.size());
}

std::vector<sim::NodeId> MetadataCache::brokers() const {
    return live_brokers_.empty() ? bootstrap_servers_ : live_brokers_;
}

}  // namespace core::client
