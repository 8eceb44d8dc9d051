#include "core/protocol/metadata_records.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace core::protocol {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace

const char* record_name(const MetadataRecord& record) {
    return std::visit(Overloaded{
                          [](const RegisterBrokerRecord&) { return "RegisterBrokerRecord"; },
                          [](const UnregisterBrokerRecord&) { return "UnregisterBrokerRecord"; },
                          [](const FenceBrokerRecord&) { return "FenceBrokerRecord"; },
                          [](const UnfenceBrokerRecord&) { return "UnfenceBrokerRecord"; },
                          [](const TopicRecord&) { return "TopicRecord"; },
                          [](const PartitionRecord&) { return "PartitionRecord"; },
                          [](const PartitionChangeRecord&) { return "PartitionChangeRecord"; },
                          [](const RemoveTopicRecord&) { return "RemoveTopicRecord"; },
                          [](const ConfigRecord&) { return "ConfigRecord"; },
                          [](const ProducerIdsRecord&) { return "ProducerIdsRecord"; },
                      },
                      record);
}

uint64_t record_digest(const MetadataRecord& record) {
    Digest d(record.index());
    std::visit(Overloaded{
                   [&](const RegisterBrokerRecord& r) {
                       d.add(r.broker_id).add(r.incarnation_id).add(r.broker_epoch).add(r.fenced);
                   },
                   [&](const UnregisterBrokerRecord& r) { d.add(r.broker_id).add(r.broker_epoch); },
                   [&](const FenceBrokerRecord& r) { d.add(r.id).add(r.epoch); },
                   [&](const UnfenceBrokerRecord& r) { d.add(r.id).add(r.epoch); },
                   [&](const TopicRecord& r) { d.add(r.name).add(r.topic_id); },
                   [&](const PartitionRecord& r) {
                       d.add(r.topic_id).add(r.partition_id).add(r.replicas).add(r.isr);
                       d.add(r.leader).add(r.leader_epoch).add(r.partition_epoch);
                   },
                   [&](const PartitionChangeRecord& r) {
                       d.add(r.topic_id).add(r.partition_id).add(r.leader).add(r.isr.has_value());
                       if (r.isr) d.add(*r.isr);
                       if (r.replicas) d.add(*r.replicas);
                   },
                   [&](const RemoveTopicRecord& r) { d.add(r.topic_id); },
                   [&](const ConfigRecord& r) {
                       d.add(r.resource_name).add(r.name).add(r.value.value_or("<null>"));
                   },
                   [&](const ProducerIdsRecord& r) { d.add(r.broker_id).add(r.next_producer_id); },
               },
               record);
    return d.value();
}

std::string record_to_string(const MetadataRecord& record) {
    return std::visit(
        Overloaded{
            [](const RegisterBrokerRecord& r) {
                return fmt::format("RegisterBrokerRecord(broker {} epoch {} fenced {})",
                                   r.broker_id, r.broker_epoch, r.fenced);
            },
            [](const UnregisterBrokerRecord& r) {
                return fmt::format("UnregisterBrokerRecord(broker {})", r.broker_id);
            },
            [](const FenceBrokerRecord& r) {
                return fmt::format("FenceBrokerRecord(broker {} epoch {})", r.id, r.epoch);
            },
            [](const UnfenceBrokerRecord& r) {
                return fmt::format("UnfenceBrokerRecord(broker {} epoch {})", r.id, r.epoch);
            },
            [](const TopicRecord& r) {
                return fmt::format("TopicRecord({} id {})", r.name, r.topic_id);
            },
            [](const PartitionRecord& r) {
                return fmt::format(
                    "PartitionRecord(topic {} partition {} replicas {} isr {} leader {} "
                    "leader_epoch {} partition_epoch {})",
                    r.topic_id, r.partition_id, r.replicas, r.isr, r.leader, r.leader_epoch,
                    r.partition_epoch);
            },
            [](const PartitionChangeRecord& r) {
                return fmt::format("PartitionChangeRecord(topic {} partition {} leader {} isr {})",
                                   r.topic_id, r.partition_id, r.leader,
                                   r.isr ? fmt::format("{}", *r.isr) : std::string("-"));
            },
            [](const RemoveTopicRecord& r) {
                return fmt::format("RemoveTopicRecord(topic {})", r.topic_id);
            },
            [](const ConfigRecord& r) {
                return fmt::format("ConfigRecord({} {}={})", r.resource_name, r.name,
                                   r.value.value_or("<null>"));
            },
            [](const ProducerIdsRecord& r) {
                return fmt::format("ProducerIdsRecord(broker {} next {})", r.broker_id,
                                   r.next_producer_id);
            },
        },
        record);
}

}  // namespace core::protocol
