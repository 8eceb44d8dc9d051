#pragma once
// The timer tag convention: one Process hosts several components (a broker hosts its
// replica manager, purgatories, fetchers; a combined node also hosts the controller), so
// the high byte of a sim timer tag names the component and the low 56 bits are the
// component's own payload (a request id, a partition slot, ...). A Process routes
// on_timer(tag) by timer_component(tag).

#include <cstdint>

namespace core {

enum class TimerComponent : uint8_t {
    BrokerLifecycle = 1,   ///< registration and heartbeats to the controller
    MetadataFetch = 2,     ///< the broker's pull of committed metadata
    ReplicaManager = 3,    ///< ISR expiry, HW checkpoint, retention ticks
    ProducePurgatory = 4,  ///< acks=all produce timeouts
    FetchPurgatory = 5,    ///< long-poll fetch deadlines
    FollowerFetcher = 6,   ///< follower fetch backoff
    Controller = 7,        ///< QuorumController: session checks, fetch long polls
    MetadataLog = 8,       ///< the MetadataLog implementation (local fsync or Raft)
    Flush = 9,             ///< flush.ms and fsync-latency waits before acking
    Group = 10,            ///< group coordinator
    Client = 11,           ///< client-side components
    ProducerIds = 12,      ///< producer id block requests
    Transaction = 13,      ///< transaction coordinator: loads, marker retries, timeouts
};

constexpr uint64_t kTimerPayloadMask = (uint64_t{1} << 56) - 1;

constexpr uint64_t make_timer_tag(TimerComponent component, uint64_t payload) {
    return (static_cast<uint64_t>(component) << 56) | (payload & kTimerPayloadMask);
}
constexpr TimerComponent timer_component(uint64_t tag) {
    return static_cast<TimerComponent>(tag >> 56);
}
constexpr uint64_t timer_payload(uint64_t tag) { return tag & kTimerPayloadMask; }

}  // namespace core
