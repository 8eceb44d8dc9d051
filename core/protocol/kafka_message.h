#pragma once
// The base of every Kafka request and response core/ sends: its API key, whether it is a
// response, the correlation id a response echoes, and a cheap stable digest helper.
//
// Contract for every message in core/protocol/:
// - A request carries `correlation_id`, chosen by the sender (unique per connection is
//   enough); its response carries the same value, so a client matches responses to
//   requests even when several are in flight.
// - Messages are immutable once sent (sim::MessagePtr is a shared_ptr to const).
// - name() is Kafka's API name ("Produce") for a request and the name plus "Response"
//   ("ProduceResponse") for a response; digest() depends only on content, never on
//   pointers, so it is the same on every machine.
// - Headers only add fields from now on (additive changes): clients build against them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/api.h"
#include "core/protocol/errors.h"
#include "core/protocol/record.h"
#include "sim/message.h"
#include "sim/rng.h"

namespace core::protocol {

/// Kafka's "no broker / no leader" id in metadata (leader -1 = offline partition).
constexpr int32_t kNoLeader = -1;
/// replica_id of a Fetch/ListOffsets sent by a consumer rather than a follower.
constexpr int32_t kConsumerReplicaId = -1;

class KafkaMessage : public sim::Message {
 public:
    /// Echoed from request to response.
    int32_t correlation_id = 0;

    virtual ApiKey api_key() const = 0;
    virtual bool is_response() const = 0;
};

template <ApiKey Key>
class KafkaRequest : public KafkaMessage {
 public:
    static constexpr ApiKey kApiKey = Key;
    ApiKey api_key() const final { return Key; }
    bool is_response() const final { return false; }
    const char* name() const final { return api_name(Key); }
};

template <ApiKey Key>
class KafkaResponse : public KafkaMessage {
 public:
    static constexpr ApiKey kApiKey = Key;
    ApiKey api_key() const final { return Key; }
    bool is_response() const final { return true; }
    const char* name() const final { return api_response_name(Key); }
};

/// Order-dependent mixing of values into a digest: cheap (no allocation) and stable.
class Digest {
 public:
    explicit Digest(uint64_t seed = 0x9e3779b97f4a7c15ULL) : state_(seed) {}
    Digest& add(uint64_t value) {
        state_ ^= value + 0x9e3779b97f4a7c15ULL + (state_ << 6) + (state_ >> 2);
        return *this;
    }
    Digest& add(int64_t value) { return add(static_cast<uint64_t>(value)); }
    Digest& add(int32_t value) { return add(static_cast<uint64_t>(static_cast<int64_t>(value))); }
    Digest& add(int16_t value) { return add(static_cast<int32_t>(value)); }
    Digest& add(bool value) { return add(static_cast<uint64_t>(value)); }
    Digest& add(Error value) { return add(static_cast<int32_t>(value)); }
    Digest& add(std::string_view text) { return add(sim::fnv1a64(text)); }
    Digest& add(const std::string& text) { return add(std::string_view(text)); }
    Digest& add(const char* text) { return add(std::string_view(text)); }
    Digest& add(const TopicPartition& tp) { return add(tp.topic).add(tp.partition); }
    Digest& add(const std::vector<int32_t>& ids) {
        add(static_cast<uint64_t>(ids.size()));
        for (int32_t id : ids) add(id);
        return *this;
    }
    /// A batch by its header and record count; values are hashed only for the last
    /// record, which is enough to tell runs apart without hashing every payload byte.
    Digest& add(const RecordBatch& batch) {
        add(batch.base_offset).add(batch.partition_leader_epoch).add(batch.producer_id);
        add(batch.producer_epoch).add(batch.base_sequence);
        add(static_cast<uint64_t>(batch.records.size()));
        if (!batch.records.empty()) add(batch.records.back().value);
        return *this;
    }
    uint64_t value() const { return state_; }

 private:
    uint64_t state_;
};

}  // namespace core::protocol
