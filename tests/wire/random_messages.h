#pragma once
// Random requests and responses of every API wire/ speaks, drawn from a sim::Rng, for the
// codec's property tests: every field gets a value (fields a version lacks too), topics
// come grouped as Kafka nests them, records carry offsets base + i as a log would.

#include <memory>

#include "core/protocol/kafka_message.h"
#include "core/protocol/record.h"
#include "sim/rng.h"

namespace wire::testing {

std::shared_ptr<core::protocol::KafkaMessage> random_request(core::protocol::ApiKey key,
                                                             sim::Rng& rng);
std::shared_ptr<core::protocol::KafkaMessage> random_response(core::protocol::ApiKey key,
                                                              sim::Rng& rng);
/// The group APIs' messages (random_group_messages.cc); nullptr for other keys.
std::shared_ptr<core::protocol::KafkaMessage> random_group_request(core::protocol::ApiKey key,
                                                                   sim::Rng& rng);
std::shared_ptr<core::protocol::KafkaMessage> random_group_response(core::protocol::ApiKey key,
                                                                    sim::Rng& rng);
/// A batch of 0-5 records with keys, values, headers and producer fields.
core::protocol::RecordBatch random_batch(sim::Rng& rng);

}  // namespace wire::testing
