#pragma once
// The Scenario: a scenario file (design.md §5) as plain data, validated and with every
// default filled in, ready for run(). Loading and writing live in toml.h.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/checker.h"
#include "sim/faults/fault.h"
#include "sim/time.h"

namespace harness {

/// Kafka config entries (broker, topic or client), Kafka's key names verbatim. Values
/// are kept as the text the file gave (`5000`, `false`, `"all"` → "5000", "false",
/// "all"); the config tables in core/config parse and validate them.
using ConfigMap = std::map<std::string, std::string>;

/// What a sweep of the scenario must show: `expect = "pass"` or
/// `expect = "violation:<anomaly>"`.
struct Expectation {
    /// Empty for "pass"; otherwise the anomaly name ("lost-write").
    std::string anomaly;

    bool expects_pass() const { return anomaly.empty(); }
    /// The text as written in the file: "pass" or "violation:lost-write".
    std::string text() const { return expects_pass() ? "pass" : "violation:" + anomaly; }
    bool operator==(const Expectation&) const = default;
};

struct NetworkSpec {
    /// One-way delay of every message before jitter.
    sim::Duration latency = sim::kMillisecond;
    /// Extra delay drawn uniformly in [0, jitter] per message.
    sim::Duration jitter = 0;
    bool operator==(const NetworkSpec&) const = default;
};

struct DiskSpec {
    /// Time an fsync takes to complete.
    sim::Duration fsync_latency = sim::kMillisecond;
    bool operator==(const DiskSpec&) const = default;
};

struct ClusterSpec {
    /// Broker ids: `brokers = N` gives 1..N; `broker_ids = [...]` gives them verbatim.
    std::vector<int32_t> broker_ids = {1, 2, 3};
    /// Dedicated KRaft controllers. 0 means combined mode: every broker also runs a
    /// controller of the metadata quorum (Kafka's `process.roles=broker,controller`).
    int32_t controllers = 0;
    NetworkSpec network;
    DiskSpec disk;
    /// Broker configs ("replica.lag.time.max.ms").
    ConfigMap config;
    bool operator==(const ClusterSpec&) const = default;
};

struct TopicSpec {
    std::string name;
    int32_t partitions = 1;
    int32_t replication_factor = 1;
    /// Topic configs ("min.insync.replicas").
    ConfigMap config;
    bool operator==(const TopicSpec&) const = default;
};

/// Records sent at a steady rate: `rate = "500/s"` is 500 records per second.
struct Rate {
    int64_t records = 100;
    sim::Duration per = sim::kSecond;
    bool operator==(const Rate&) const = default;
};

/// One row of a producer's `data` CSV file.
struct DataRecord {
    /// The `key` column (or the first column when no column is named `key`).
    std::string key;
    /// The whole row as written in the file.
    std::string value;
    bool operator==(const DataRecord&) const = default;
};

struct ProducerSpec {
    std::string name;
    std::string topic;
    Rate rate;
    /// `keys` as written ("truck_{1..50}"), or empty when the file gave a list or nothing.
    std::string keys_pattern;
    /// The expanded keys the producer cycles through; empty means null keys.
    std::vector<std::string> keys;
    /// `data` as written (relative to the scenario file); empty when absent.
    std::string data_file;
    /// The rows of `data`, read when the scenario was loaded.
    std::vector<DataRecord> data;
    /// Stop after this many records.
    std::optional<int64_t> count;
    /// When the producer starts and stops sending (stop defaults to the run's duration).
    sim::Duration start = 0;
    std::optional<sim::Duration> stop;
    /// How many times the application resends a record whose send failed.
    std::optional<int64_t> retries;
    /// Producer configs ("acks", "enable.idempotence").
    ConfigMap config;
    bool operator==(const ProducerSpec&) const = default;
};

/// `transaction` (with `output`): the offsets commit inside the transaction that writes the
/// output (sendOffsetsToTransaction), Kafka's consume-transform-produce loop.
enum class CommitMode { AfterProcessing, BeforeProcessing, Auto, Transaction };
/// What the `delivery` checker holds a consumer to: check's own type, named once.
using check::Guarantee;
/// Where processed records go: nowhere kept (None), or an idempotent external sink that
/// skips records at or below the highest offset it applied per partition.
enum class SinkMode { None, Idempotent };

struct ConsumerSpec {
    /// The consumer group; defaults to "console-consumer-<N>" (N = 1-based position).
    std::string group;
    int32_t members = 1;
    std::string topic;
    CommitMode commit = CommitMode::AfterProcessing;
    /// What the `delivery` checker holds the processed records to.
    Guarantee guarantee = Guarantee::AtLeastOnce;
    /// `sink = "idempotent"`: processing writes into an idempotent sink shared by the
    /// group and kept outside the consumers; only records it applies count as processed.
    SinkMode sink = SinkMode::None;
    /// `output = "<topic>"`: consume-transform-produce. Each polled record becomes one
    /// record of this topic (same key, value "<input value>@<member process>#<n>"); with
    /// `commit = "transaction"` (the default for exactly-once) the output and the offsets
    /// commit in one transaction (harness/workload/transform.h). Empty: no output.
    std::string output;
    /// Producer configs for the output's producer ("transaction.timeout.ms").
    ConfigMap output_config;
    bool from_beginning = false;
    /// Assign this partition instead of subscribing with the group.
    std::optional<int32_t> partition;
    /// Virtual time the application spends on each record.
    sim::Duration process_time = 0;
    /// Consumer configs ("auto.offset.reset", "enable.auto.commit").
    ConfigMap config;
    bool operator==(const ConsumerSpec&) const = default;
};

/// Who a fault hits; roles (leader, followers, coordinator, ...) resolve when it fires.
struct FaultTarget {
    enum class Kind {
        None,              ///< no target: the fault picks its own (partition-halves)
        Broker,            ///< broker:N
        Controller,        ///< controller:N
        Leader,            ///< leader(topic,P)
        Followers,         ///< followers(topic,P)
        ControllerLeader,  ///< controller-leader
        Coordinator,       ///< coordinator(group)
        Consumer,          ///< consumer(group,N): member N of the group
        Producer,          ///< producer(name)
    };
    Kind kind = Kind::None;
    /// broker/controller id, partition of leader/followers, or member of consumer.
    int32_t number = 0;
    /// topic, group or producer name.
    std::string name;

    /// The target as written in a scenario ("leader(trucks_gps,0)").
    std::string text() const;
    bool operator==(const FaultTarget&) const = default;
};

struct FaultSpec {
    sim::Duration at = 0;
    /// One of fault_kinds() (design.md §4).
    std::string kind;
    FaultTarget target;
    /// When set, the fault heals (or the node restarts) after this long.
    std::optional<sim::Duration> duration;
    /// Kind-specific keys kept for the fault ("latency", "skew"), values as text.
    std::map<std::string, std::string> params;
    /// "file:line:col" of the fault's table, for errors found when the fault is built.
    std::string where;
    bool operator==(const FaultSpec& other) const {
        return at == other.at && kind == other.kind && target == other.target &&
               duration == other.duration && params == other.params;
    }
};

struct NemesisSpec {
    std::vector<std::string> kinds;
    sim::Duration every = 0;
    /// Restricts the random faults to these targets; empty means any node.
    std::vector<FaultTarget> targets;
    bool operator==(const NemesisSpec&) const = default;
};

enum class StepAction { CreateTopic, DeleteTopic, DescribeTopic, ListTopics };

/// An admin action at a virtual time, with what it must answer.
struct StepSpec {
    sim::Duration at = 0;
    StepAction action = StepAction::ListTopics;
    std::string topic;
    std::optional<int32_t> partitions;
    std::optional<int32_t> replication_factor;
    ConfigMap config;
    /// Kafka's exception name the step must fail with ("InvalidReplicationFactorException").
    std::optional<std::string> expect_error;
    /// Text the step's output must contain.
    std::optional<std::string> expect_output;
    bool operator==(const StepSpec&) const = default;
};

/// The liveness phase (issue 10): at `after` every fault heals, crashed and paused nodes
/// come back and the nemesis stops; the cluster must converge `within` the given time.
struct LivenessSpec {
    sim::Duration after = 0;
    sim::Duration within = 0;
    /// `heal = false` keeps the faults in force to the end of the run (a broker that never
    /// comes back): only the nemesis stops. Liveness is then expected to fail.
    bool heal = true;
    bool operator==(const LivenessSpec&) const = default;
};

/// [coverage]: probes of core/common/probes.def a sweep of this scenario must reach;
/// `kafkasim run --require-coverage` fails when one never fired.
struct CoverageSpec {
    std::vector<std::string> require;
    bool operator==(const CoverageSpec&) const = default;
};

/// The most seeds one sweep takes (a million seeds is already hours of work): a bigger
/// count is bad input, not an allocation that exhausts memory before the first seed runs.
constexpr int64_t kMaxSeeds = 1'000'000;

/// The longest `duration`, `drain` and liveness window a scenario may ask for: an hour of
/// virtual time is already minutes of real time with a busy cluster.
constexpr sim::Duration kMaxRunTime = 3600 * sim::kSecond;
/// The shortest nemesis `every`: a fault step per millisecond is far past what a cluster
/// can react to, and each step schedules events the loop must hold.
constexpr sim::Duration kMinNemesisEvery = sim::kMillisecond;
/// The most records the producers of one run may plan (rate over their active time, or
/// `count`); each costs about kBytesPerRecord across logs, history and clients (measured:
/// trucks_gps, replication factor 3, one consumer group, 20k vs 100k records: 62 vs 243 MB
/// peak RSS), so the bound is about 2.3 GB.
constexpr int64_t kMaxPlannedRecords = 1'000'000;
constexpr int64_t kBytesPerRecord = 2300;

struct Scenario {
    /// The file the scenario came from ("" when loaded from a string); data paths and
    /// replay lines use it.
    std::string source_file;
    std::string name;
    std::string description;
    sim::Duration duration = 30 * sim::kSecond;
    /// How many seeds a default sweep runs (seeds 1..N), at most kMaxSeeds.
    int64_t seeds = 1;
    Expectation expect;
    /// After `duration`, consumers keep polling this long so acknowledged records drain.
    /// Unset: the drain the scenario's configs and faults imply (drain_of, run_drain.h).
    std::optional<sim::Duration> drain;
    ClusterSpec cluster;
    std::vector<TopicSpec> topics;
    std::vector<ProducerSpec> producers;
    std::vector<ConsumerSpec> consumers;
    std::vector<FaultSpec> faults;
    std::optional<NemesisSpec> nemesis;
    std::vector<StepSpec> steps;
    std::optional<LivenessSpec> liveness;
    CoverageSpec coverage;

    /// Equal content; `source_file` is ignored so a written-back scenario compares equal.
    bool operator==(const Scenario& other) const;
};

/// The fault kinds a scenario may name: the names of sim's fault registry
/// (sim/faults/registry.cc), in its order.
const std::vector<std::string>& fault_kinds();

/// The fault as sim's schedule takes it (sim::FaultSpec: "kind", "at", "duration",
/// "target" and the kind's own keys, values as text).
sim::FaultSpec sim_fault_spec(const FaultSpec& fault);

/// A duration as a person writes it, still exact and loadable: decimal seconds when whole
/// milliseconds make a second or more ("5.03s", "20s"), else sim::format_duration.
std::string readable_duration(sim::Duration duration);

const char* to_string(CommitMode mode);
const char* to_string(SinkMode sink);
const char* to_string(StepAction action);

}  // namespace harness
