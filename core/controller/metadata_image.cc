#include "core/controller/metadata_image.h"

#include <algorithm>
#include <variant>

#include "sim/assert.h"

namespace core::controller {

using namespace core::protocol;

bool PartitionRegistration::has_replica(int32_t broker) const {
    return std::find(replicas.begin(), replicas.end(), broker) != replicas.end();
}

bool PartitionRegistration::in_isr(int32_t broker) const {
    return std::find(isr.begin(), isr.end(), broker) != isr.end();
}

const BrokerRegistration* MetadataImage::broker(int32_t id) const {
    auto it = brokers_.find(id);
    return it == brokers_.end() ? nullptr : &it->second;
}

bool MetadataImage::is_active(int32_t broker_id) const {
    const BrokerRegistration* b = broker(broker_id);
    return b != nullptr && !b->fenced;
}

std::vector<int32_t> MetadataImage::active_broker_ids() const {
    std::vector<int32_t> ids;
    for (const auto& [id, b] : brokers_) {
        if (!b.fenced) ids.push_back(id);
    }
    return ids;
}

const TopicImage* MetadataImage::topic(const std::string& name) const {
    auto it = topic_ids_.find(name);
    return it == topic_ids_.end() ? nullptr : topic_by_id(it->second);
}

const TopicImage* MetadataImage::topic_by_id(uint64_t topic_id) const {
    auto it = topics_.find(topic_id);
    return it == topics_.end() ? nullptr : &it->second;
}

const PartitionRegistration* MetadataImage::partition(const TopicPartition& tp) const {
    const TopicImage* t = topic(tp.topic);
    if (t == nullptr) return nullptr;
    auto it = t->partitions.find(tp.partition);
    return it == t->partitions.end() ? nullptr : &it->second;
}

const std::map<std::string, std::string>& MetadataImage::topic_configs(
    const std::string& topic) const {
    static const std::map<std::string, std::string> kEmpty;
    auto it = topic_configs_.find(topic);
    return it == topic_configs_.end() ? kEmpty : it->second;
}

void MetadataImage::apply(int64_t offset, const MetadataRecord& record, ImageDelta* delta) {
    KS_ASSERT(offset > last_applied_offset_);
    last_applied_offset_ = offset;
    ImageDelta ignored;
    ImageDelta& d = delta != nullptr ? *delta : ignored;
    if (const auto* r = std::get_if<RegisterBrokerRecord>(&record)) {
        brokers_[r->broker_id] = {r->broker_id, r->incarnation_id, r->broker_epoch, r->rack,
                                  r->fenced};
        max_broker_epoch_ = std::max(max_broker_epoch_, r->broker_epoch);
        d.changed_brokers.insert(r->broker_id);
    } else if (const auto* r = std::get_if<UnregisterBrokerRecord>(&record)) {
        brokers_.erase(r->broker_id);
        d.changed_brokers.insert(r->broker_id);
    } else if (const auto* r = std::get_if<FenceBrokerRecord>(&record)) {
        auto it = brokers_.find(r->id);
        if (it != brokers_.end()) it->second.fenced = true;
        d.changed_brokers.insert(r->id);
    } else if (const auto* r = std::get_if<UnfenceBrokerRecord>(&record)) {
        auto it = brokers_.find(r->id);
        if (it != brokers_.end()) it->second.fenced = false;
        d.changed_brokers.insert(r->id);
    } else if (const auto* r = std::get_if<TopicRecord>(&record)) {
        KS_ASSERT(topics_.count(r->topic_id) == 0);
        topics_[r->topic_id] = TopicImage{r->name, r->topic_id, {}};
        topic_ids_[r->name] = r->topic_id;
        max_topic_id_ = std::max(max_topic_id_, r->topic_id);
    } else if (const auto* r = std::get_if<PartitionRecord>(&record)) {
        auto it = topics_.find(r->topic_id);
        KS_ASSERT(it != topics_.end());
        it->second.partitions[r->partition_id] = {r->replicas, r->isr, r->leader, r->leader_epoch,
                                                  r->partition_epoch};
        d.changed_partitions.insert({it->second.name, r->partition_id});
    } else if (const auto* r = std::get_if<PartitionChangeRecord>(&record)) {
        apply_partition_change(*r, &d);
    } else if (const auto* r = std::get_if<RemoveTopicRecord>(&record)) {
        remove_topic(r->topic_id, &d);
    } else if (const auto* r = std::get_if<ConfigRecord>(&record)) {
        if (r->value) {
            topic_configs_[r->resource_name][r->name] = *r->value;
        } else {
            topic_configs_[r->resource_name].erase(r->name);
        }
    } else if (const auto* r = std::get_if<ProducerIdsRecord>(&record)) {
        KS_ASSERT(r->next_producer_id > next_producer_id_);
        next_producer_id_ = r->next_producer_id;
        d.producer_ids_changed = true;
    } else {
        KS_UNREACHABLE();
    }
}

void MetadataImage::apply_partition_change(const PartitionChangeRecord& change, ImageDelta* delta) {
    auto topic_it = topics_.find(change.topic_id);
    KS_ASSERT(topic_it != topics_.end());
    auto it = topic_it->second.partitions.find(change.partition_id);
    KS_ASSERT(it != topic_it->second.partitions.end());
    PartitionRegistration& p = it->second;
    if (change.isr) p.isr = *change.isr;
    if (change.replicas) p.replicas = *change.replicas;
    if (change.leader != kNoLeaderChange) {
        p.leader = change.leader;
        p.leader_epoch += 1;
    }
    p.partition_epoch += 1;
    delta->changed_partitions.insert({topic_it->second.name, change.partition_id});
}

void MetadataImage::remove_topic(uint64_t topic_id, ImageDelta* delta) {
    auto it = topics_.find(topic_id);
    KS_ASSERT(it != topics_.end());
    for (const auto& [partition_id, p] : it->second.partitions) {
        delta->deleted_partitions.insert({it->second.name, partition_id});
    }
    topic_configs_.erase(it->second.name);
    topic_ids_.erase(it->second.name);
    topics_.erase(it);
}

std::vector<MetadataRecord> MetadataImage::to_records() const {
    std::vector<MetadataRecord> records;
    for (const auto& [id, b] : brokers_) {
        records.push_back(RegisterBrokerRecord{id, b.incarnation_id, b.epoch, b.rack, b.fenced});
    }
    for (const auto& [topic_id, t] : topics_) {
        records.push_back(TopicRecord{t.name, topic_id});
        for (const auto& [partition_id, p] : t.partitions) {
            records.push_back(PartitionRecord{partition_id, topic_id, p.replicas, p.isr, p.leader,
                                              p.leader_epoch, p.partition_epoch});
        }
    }
    for (const auto& [resource, configs] : topic_configs_) {
        for (const auto& [name, value] : configs) {
            records.push_back(ConfigRecord{2, resource, name, value});
        }
    }
    if (next_producer_id_ > 0) records.push_back(ProducerIdsRecord{-1, -1, next_producer_id_});
    return records;
}

}  // namespace core::controller
