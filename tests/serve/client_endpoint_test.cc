// A connection's endpoint node inside a World, against a scripted broker: responses go back
// in request order with one request in flight (Kafka's channel muting), acks=0 is never
// waited for, ApiVersions needs the broker to be reachable, and a request lost on a cut
// link arrives once the link heals.
#include "serve/client_endpoint.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/protocol/api_versions.h"
#include "core/protocol/metadata.h"
#include "core/protocol/produce.h"
#include "serve/world_adapter.h"
#include "sim/world.h"

namespace serve {
namespace {

using namespace core::protocol;

constexpr sim::NodeId kBroker = 1;
constexpr sim::NodeId kEndpoint = kFirstEndpointNode;

/// Answers Metadata at once; holds Produce responses until release().
class ScriptedBroker final : public sim::Process {
 public:
    explicit ScriptedBroker(sim::NodeEnv& env) : env_(env) {}
    void on_start() override {}
    void on_message(sim::NodeId from, const sim::MessagePtr& message) override {
        received.push_back(message->name());
        const auto& request = static_cast<const KafkaMessage&>(*message);
        if (request.api_key() == ApiKey::Metadata) {
            auto response = std::make_shared<MetadataResponse>();
            response->correlation_id = request.correlation_id;
            response->brokers.push_back({kBroker, "127.0.0.1", 9092, ""});
            response->controller_id = kBroker;
            env_.send(from, response);
        } else if (request.api_key() == ApiKey::Produce) {
            held_.push_back({from, request.correlation_id});
        }
    }
    void release() {
        for (const auto& [from, correlation_id] : held_) {
            auto response = std::make_shared<ProduceResponse>();
            response->correlation_id = correlation_id;
            env_.send(from, response);
        }
        held_.clear();
    }
    std::vector<std::string> received;

 private:
    sim::NodeEnv& env_;
    std::vector<std::pair<sim::NodeId, int32_t>> held_;
};

/// The frames the endpoint wrote, by the correlation id each carries (bytes 4..7).
class RecordingSink final : public ConnectionSink {
 public:
    void write_frame(std::string frame) override {
        ASSERT_GE(frame.size(), 8u);
        const auto* b = reinterpret_cast<const unsigned char*>(frame.data()) + 4;
        correlation_ids.push_back(static_cast<int32_t>(
            (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3]));
    }
    std::vector<int32_t> correlation_ids;
};

class ClientEndpointTest : public ::testing::Test {
 protected:
    ClientEndpointTest() : world_(sim::WorldOptions{}) {
        world_.add_node(kBroker, "broker-1",
                        [](sim::NodeEnv& env) { return std::make_unique<ScriptedBroker>(env); });
        add_endpoint(world_, kEndpoint, kBroker, &sink_);
        world_.run_for(sim::kMillisecond);
    }
    ScriptedBroker& broker() { return *world_.process_as<ScriptedBroker>(kBroker); }
    void submit(int16_t api_key, int32_t correlation_id, std::shared_ptr<KafkaMessage> request) {
        wire::RequestHeader header;
        header.api_key = api_key;
        header.api_version = api_key == 0 ? 3 : (api_key == 3 ? 1 : 0);
        header.correlation_id = correlation_id;
        find_endpoint(world_, kEndpoint)->submit(header, std::move(request));
    }
    std::shared_ptr<ProduceRequest> produce(int16_t acks) {
        auto request = std::make_shared<ProduceRequest>();
        request->acks = acks;
        return request;
    }
    sim::World world_;
    RecordingSink sink_;
};

TEST_F(ClientEndpointTest, ResponsesGoBackInRequestOrderWithOneRequestInFlight) {
    submit(0, 100, produce(kAcksLeader));
    submit(3, 101, std::make_shared<MetadataRequest>());
    world_.run_for(10 * sim::kMillisecond);
    EXPECT_EQ(broker().received, std::vector<std::string>{"Produce"});  // Metadata waits
    EXPECT_TRUE(sink_.correlation_ids.empty());
    broker().release();
    world_.run_for(10 * sim::kMillisecond);
    EXPECT_EQ(broker().received, (std::vector<std::string>{"Produce", "Metadata"}));
    EXPECT_EQ(sink_.correlation_ids, (std::vector<int32_t>{100, 101}));
}

TEST_F(ClientEndpointTest, AcksZeroProduceIsNotWaitedForAndGetsNoResponse) {
    submit(0, 200, produce(kAcksNone));
    submit(3, 201, std::make_shared<MetadataRequest>());
    world_.run_for(10 * sim::kMillisecond);
    EXPECT_EQ(broker().received, (std::vector<std::string>{"Produce", "Metadata"}));
    EXPECT_EQ(sink_.correlation_ids, std::vector<int32_t>{201});
}

TEST_F(ClientEndpointTest, ApiVersionsWaitsForTheBrokerToBeReachable) {
    world_.pause(kBroker);
    submit(18, 300, std::make_shared<ApiVersionsRequest>());
    world_.run_for(100 * sim::kMillisecond);
    EXPECT_TRUE(sink_.correlation_ids.empty());
    world_.resume(kBroker);
    world_.run_for(10 * sim::kMillisecond);
    EXPECT_EQ(sink_.correlation_ids, std::vector<int32_t>{300});
}

TEST_F(ClientEndpointTest, ARequestLostOnACutLinkArrivesOnceTheLinkHeals) {
    world_.network().cut(kEndpoint, kBroker);
    submit(3, 400, std::make_shared<MetadataRequest>());
    world_.run_for(3 * sim::kSecond);
    EXPECT_TRUE(broker().received.empty());
    world_.network().heal_all();
    world_.run_for(2 * sim::kSecond);  // the next loss report sends it again
    EXPECT_EQ(broker().received, std::vector<std::string>{"Metadata"});
    EXPECT_EQ(sink_.correlation_ids, std::vector<int32_t>{400});
}

}  // namespace
}  // namespace serve
