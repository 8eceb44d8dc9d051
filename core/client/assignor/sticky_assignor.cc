// Kafka's StickyAssignor (eager): the AbstractStickyAssignor assignment as is. Members
// report their previous assignment and generation (Kafka encodes them in userData).

#include "core/client/assignor/abstract_sticky_assignor.h"

namespace core::client {
namespace {

class StickyAssignor final : public Assignor {
   public:
    std::string_view name() const override { return "sticky"; }
    std::string_view class_name() const override {
        return "org.apache.kafka.clients.consumer.StickyAssignor";
    }

    Assignment assign(const PartitionsPerTopic& partitions_per_topic,
                      const std::vector<Subscription>& subscriptions) const override {
        return sticky_assign(partitions_per_topic, subscriptions).assignment;
    }
};

}  // namespace

std::unique_ptr<Assignor> make_sticky_assignor() { return std::make_unique<StickyAssignor>(); }

}  // namespace core::client
