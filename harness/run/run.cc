// run(scenario, seed): build the cluster, create the topics, start the workload and the
// faults, run to the end of the drain, and check the history. Two phases (design.md §5):
// until `duration` producers, consumers, scheduled faults and the nemesis act; then
// producers and the nemesis stop, faults still in force heal and consumers keep polling
// for `drain`, so every acknowledged record can be read before the checkers run.
#include "harness/run/run.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "check/checker.h"
#include "check/history_csv.h"
#include "harness/run/allocator.h"
#include "harness/run/cluster.h"
#include "harness/run/drain.h"
#include "harness/run/faults.h"
#include "harness/run/liveness.h"
#include "harness/run/quorum_watch.h"
#include "harness/run/reseed.h"
#include "harness/scenario/scenario.h"
#include "harness/workload/admin.h"
#include "harness/workload/consumer.h"
#include "harness/workload/producer.h"
#include "harness/workload/recorder.h"
#include "sim/faults/nemesis.h"
#include "sim/faults/schedule.h"
#include "sim/topology.h"
#include "sim/trace.h"

namespace harness {
namespace {

/// Virtual time allowed for brokers to register and topics to get leaders before the
/// workload starts; a cluster that can't is itself a finding.
constexpr sim::Duration kSetupTimeout = 60 * sim::kSecond;

/// Everything one run owns. The recorder and ledgers outlive the World's nodes.
struct RunState {
    Recorder recorder;
    AdminLedger admin;
    std::vector<std::string> setup_errors;
    sim::Time workload_start = 0;
    /// Idempotent sinks by group: external systems, so they survive consumer crashes.
    std::map<std::string, IdempotentSink> sinks;
    /// The liveness conditions that never held in the `[liveness]` window.
    std::vector<std::string> liveness_unmet;
    /// RunOptions::keep_topology: the network as the faults left it at the workload's end.
    std::string topology_dot;
    /// What had not recovered when the drain ended (liveness conditions other than a
    /// consumer's lag); empty when the cluster had converged.
    std::vector<std::string> unconverged;
    sim::Time drain_end = 0;
    /// What a person should know about the run beyond its verdict (QuorumWatch::notes).
    std::vector<std::string> notes;
};

/// About how many history rows the workload writes: two per send (invoke, outcome) and,
/// per consumer group, about two per record consumed (poll, process) plus poll invokes.
/// Capped so a scenario with a huge rate and duration doesn't reserve absurd memory.
size_t expected_history_rows(const Scenario& scenario) {
    constexpr double kMaxRows = 4e6;
    double rows = 0;
    for (const ProducerSpec& spec : scenario.producers) {
        const sim::Duration sending =
            spec.stop.value_or(scenario.duration) - std::min(spec.start, scenario.duration);
        double sends = static_cast<double>(spec.rate.records) * static_cast<double>(sending) /
                       static_cast<double>(std::max<sim::Duration>(spec.rate.per, 1));
        if (spec.count) sends = std::min(sends, static_cast<double>(*spec.count));
        rows += std::max(sends, 0.0) * (2.0 + 2.5 * static_cast<double>(scenario.consumers.size()));
    }
    return static_cast<size_t>(std::min(rows, kMaxRows));
}

void add_admin(RunCluster& cluster, const Scenario& scenario, RunState& state) {
    cluster.world().add_node(kAdminNode, "admin", [&, bootstrap = cluster.brokers()](
                                                      sim::NodeEnv& env) {
        return std::make_unique<AdminApp>(env, scenario, bootstrap, state.admin);
    });
}

void add_workload(RunCluster& cluster, const Scenario& scenario, RunState& state) {
    sim::NodeId next_producer = kFirstProducerNode;
    for (const ProducerSpec& spec : scenario.producers) {
        ProducerAppOptions options;
        options.spec = &spec;
        options.bootstrap_servers = cluster.brokers();
        options.workload_start = state.workload_start;
        options.stop_at = state.workload_start + spec.stop.value_or(scenario.duration);
        const sim::NodeId node = next_producer++;
        cluster.add_producer_node(spec.name, node);
        cluster.world().add_node(node, "producer-" + spec.name, [&state, options](
                                                                     sim::NodeEnv& env) {
            return std::make_unique<ProducerApp>(env, options, state.recorder);
        });
    }
    sim::NodeId next_consumer = kFirstConsumerNode;
    for (const ConsumerSpec& spec : scenario.consumers) {
        for (int32_t member = 1; member <= spec.members; ++member) {
            ConsumerAppOptions options;
            options.spec = &spec;
            options.member = member;
            options.bootstrap_servers = cluster.brokers();
            options.workload_start = state.workload_start;
            if (spec.sink == SinkMode::Idempotent) options.sink = &state.sinks[spec.group];
            const sim::NodeId node = next_consumer++;
            cluster.add_consumer_node(spec.group, member, node);
            const std::string name = spec.group + "-" + std::to_string(member);
            cluster.world().add_node(node, "consumer-" + name, [&state, options](
                                                                   sim::NodeEnv& env) {
                return std::make_unique<ConsumerApp>(env, options, state.recorder);
            });
        }
    }
}

/// The span from the first fault's start to the last one's end (the run's end for a
/// fault without a duration, and for the nemesis), in the history's time; none without
/// faults. check/no_progress.cc fails a run that completed nothing in it.
std::optional<std::pair<int64_t, int64_t>> fault_phase(const Scenario& scenario,
                                                        sim::Time workload_start) {
    std::optional<std::pair<int64_t, int64_t>> phase;
    auto cover = [&](sim::Duration begin, sim::Duration end) {
        const std::pair<int64_t, int64_t> span{workload_start + begin,
                                               workload_start + std::min(end, scenario.duration)};
        if (!phase) phase = span;
        phase->first = std::min(phase->first, span.first);
        phase->second = std::max(phase->second, span.second);
    };
    for (const FaultSpec& fault : scenario.faults) {
        cover(fault.at, fault.duration ? fault.at + *fault.duration : scenario.duration);
    }
    if (scenario.nemesis) cover(scenario.nemesis->every, scenario.duration);
    return phase;
}

/// The topics whose every consumer begins at the log's start (from_beginning, or
/// auto.offset.reset=earliest): lost-write counts their offsets as Jepsen does.
std::set<std::string> topics_read_from_start(const Scenario& scenario) {
    std::set<std::string> topics;
    std::set<std::string> not_from_start;
    for (const ConsumerSpec& spec : scenario.consumers) {
        auto reset = spec.config.find("auto.offset.reset");
        const bool earliest = reset != spec.config.end() ? reset->second == "earliest"
                                                         : spec.from_beginning;
        (earliest ? topics : not_from_start).insert(spec.topic);
    }
    for (const std::string& topic : not_from_start) topics.erase(topic);
    return topics;
}

check::CheckOptions check_options(const Scenario& scenario, sim::Time workload_start) {
    check::CheckOptions options;
    options.liveness = drain_of(scenario) > 0;
    options.workload = !scenario.producers.empty() || !scenario.consumers.empty();
    options.fault_phase_ns = fault_phase(scenario, workload_start);
    options.topics_read_from_start = topics_read_from_start(scenario);
    for (const ConsumerSpec& spec : scenario.consumers) {
        options.guarantees[spec.group] = spec.guarantee;
    }
    return options;
}

check::Anomaly harness_anomaly(std::string name, std::string description) {
    check::Anomaly anomaly;
    anomaly.name = std::move(name);
    anomaly.description = std::move(description);
    return anomaly;
}

/// The liveness conditions that fail now, leaving out consumer lag: lag is what `unseen`
/// reports; the others say whether the cluster could have served the records at all.
std::vector<std::string> unconverged(RunCluster& cluster, const Scenario& scenario) {
    std::vector<std::string> out;
    if (drain_of(scenario) == 0) return out;
    for (const LivenessCondition& condition : liveness_conditions(cluster, scenario)) {
        if (condition.unmet.empty() || condition.key.rfind("lag ", 0) == 0) continue;
        out.push_back(condition.unmet);
    }
    return out;
}

std::string seconds_at(sim::Time time) {
    return fmt::format("{}.{:03}s", time / sim::kSecond,
                       (time % sim::kSecond) / sim::kMillisecond);
}

/// Checks the history. Records acknowledged but not yet read while the cluster visibly
/// had not recovered are the drain's shortfall, not lost data: the history is then
/// checked for safety only and the difference becomes one `liveness` anomaly that names
/// what had not recovered.
check::Verdict check_run(const Scenario& scenario, const RunState& state) {
    check::CheckOptions options = check_options(scenario, state.workload_start);
    check::Verdict verdict = check::check_history(state.recorder.history(), options);
    if (state.unconverged.empty() || !options.liveness || !verdict.failing()) return verdict;
    options.liveness = false;
    check::Verdict safety = check::check_history(state.recorder.history(), options);
    std::vector<std::string> judged;
    const auto safe_counts = safety.failing_counts();
    for (const auto& [name, count] : verdict.failing_counts()) {
        auto it = safe_counts.find(name);
        const int64_t dropped = count - (it == safe_counts.end() ? 0 : it->second);
        if (dropped > 0) judged.push_back(fmt::format("{} {}", name, dropped));
    }
    if (judged.empty()) return verdict;
    std::vector<std::string> shown(state.unconverged.begin(),
                                   state.unconverged.begin() +
                                       std::min<size_t>(state.unconverged.size(), 3));
    if (state.unconverged.size() > shown.size()) {
        shown.push_back(fmt::format("and {} more", state.unconverged.size() - shown.size()));
    }
    safety.anomalies.push_back(harness_anomaly(
        "liveness",
        fmt::format("the drain ended at {} before the cluster recovered ({}), so records "
                    "not yet read are not judged lost ({}); a longer `drain` lets them be "
                    "read",
                    seconds_at(state.drain_end), fmt::join(shown, "; "),
                    fmt::join(judged, ", "))));
    return safety;
}

/// Step outcomes and set-up failures become anomalies of the run's verdict.
void add_harness_anomalies(const RunState& state, check::Verdict& verdict) {
    for (const std::string& error : state.setup_errors) {
        verdict.anomalies.push_back(harness_anomaly("setup", error));
    }
    for (const std::string& error : state.admin.setup_errors) {
        verdict.anomalies.push_back(harness_anomaly("setup", error));
    }
    for (const StepOutcome& step : state.admin.steps) {
        if (step.as_expected) continue;
        verdict.anomalies.push_back(harness_anomaly("step", step.action + ": " + step.why));
    }
    for (const std::string& unmet : state.liveness_unmet) {
        verdict.anomalies.push_back(harness_anomaly("liveness", unmet));
    }
}

void keep_trace_events(sim::World& world, RunResult& result) {
    result.trace_events = world.trace().events();
    for (sim::NodeId node : world.node_ids()) {
        result.trace_node_names[node] = world.trace().node_name(node);
    }
}

std::string topology_dot(sim::World& world) {
    std::vector<sim::NodeId> nodes = world.node_ids();
    std::vector<std::string> names;
    for (sim::NodeId node : nodes) names.push_back(world.trace().node_name(node));
    return sim::Topology(nodes, world.network()).to_dot(names);
}

RunResult summarise(const Scenario& scenario, uint64_t seed, RunCluster& cluster,
                    RunState& state, const RunOptions& options) {
    check::Verdict verdict = check_run(scenario, state);
    add_harness_anomalies(state, verdict);
    RunResult result;
    result.seed = seed;
    result.trace_hash = cluster.world().trace_hash();
    result.failing = verdict.failing() || !state.setup_errors.empty() ||
                     !state.admin.setup_errors.empty() ||
                     std::any_of(state.admin.steps.begin(), state.admin.steps.end(),
                                 [](const StepOutcome& s) { return !s.as_expected; });
    for (const auto& [name, count] : verdict.failing_counts()) result.anomalies.push_back(name);
    for (const auto& anomaly : verdict.anomalies) {
        if (anomaly.name == "setup" || anomaly.name == "step") {
            if (!result.shows(anomaly.name)) result.anomalies.push_back(anomaly.name);
        }
    }
    std::sort(result.anomalies.begin(), result.anomalies.end());
    result.verdict_text = check::render_text(verdict, 5);
    for (const StepOutcome& step : state.admin.steps) {
        result.step_outputs.push_back({step.action, step.output});
    }
    if (options.keep_history) {
        auto csv = check::write_history_csv_string(state.recorder.history());
        if (csv.ok()) result.history_csv = std::move(csv).value();
    }
    if (options.keep_trace) result.trace_json = sim::chrome_trace_json(cluster.world().trace());
    result.topology_dot = std::move(state.topology_dot);
    result.probes = cluster.world().probe_counts();
    if (options.keep_trace_events) keep_trace_events(cluster.world(), result);
    result.metrics["events"] = static_cast<double>(cluster.world().loop().dispatched());
    result.metrics["virtual_seconds"] =
        static_cast<double>(cluster.world().now()) / static_cast<double>(sim::kSecond);
    result.metrics["history_rows"] = static_cast<double>(state.recorder.history().size());
    result.metrics["workload_start_seconds"] =
        static_cast<double>(state.workload_start) / static_cast<double>(sim::kSecond);
    result.notes = state.notes;
    return result;
}

}  // namespace

RunResult run(const Scenario& scenario, uint64_t seed, const RunOptions& options) {
    tune_allocator_for_runs();
    RunState state;
    state.recorder.reserve(expected_history_rows(scenario));
    RunCluster cluster(scenario, seed, options.keep_trace || options.keep_trace_events);
    std::unique_ptr<ReseedHook> reseed;
    if (options.reseed_at) {
        reseed = std::make_unique<ReseedHook>(cluster.world(), *options.reseed_at,
                                              options.reseed_salt);
    }
    if (!cluster.wait_for_brokers(kSetupTimeout)) {
        state.setup_errors.push_back("brokers did not all register within 60s");
    }
    add_admin(cluster, scenario, state);
    if (!cluster.wait_for_leaders(scenario.topics, kSetupTimeout)) {
        state.setup_errors.push_back("topics did not all get leaders within 60s");
    }
    state.workload_start = cluster.world().now();
    if (auto* admin = cluster.world().process_as<AdminApp>(kAdminNode)) {
        admin->start_steps(state.workload_start);
    }
    if (options.perturb) options.perturb(cluster.world());
    add_workload(cluster, scenario, state);
    QuorumWatch quorum(cluster, state.workload_start);
    sim::FaultSchedule schedule(cluster.world(), quorum.resolver());
    schedule_faults(scenario, state.workload_start, schedule, state.setup_errors);
    auto nemesis = make_nemesis(scenario, cluster, state.workload_start, quorum.resolver(),
                                state.setup_errors);
    if (reseed) reseed->attach(&schedule, nemesis.get());
    std::unique_ptr<LivenessMonitor> liveness;
    if (scenario.liveness) {
        liveness = std::make_unique<LivenessMonitor>(
            cluster, scenario, state.workload_start, [&](bool heal_faults) {
                if (heal_faults) schedule.heal_all();
                if (nemesis) nemesis->stop();
            });
    }
    cluster.world().run_until(state.workload_start + scenario.duration);
    if (options.keep_topology) state.topology_dot = topology_dot(cluster.world());
    if (!scenario.liveness || scenario.liveness->heal) schedule.heal_all();
    if (nemesis) nemesis->stop();
    cluster.world().run_for(drain_of(scenario));
    state.drain_end = cluster.world().now();
    state.unconverged = unconverged(cluster, scenario);
    if (liveness) {
        // The liveness window may reach past the drain: the run lasts until its deadline.
        cluster.world().run_until(std::max(cluster.world().now(), liveness->deadline()));
        state.liveness_unmet = liveness->unmet();
    }
    state.notes = quorum.notes();
    return summarise(scenario, seed, cluster, state, options);
}

}  // namespace harness
