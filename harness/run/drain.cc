// The derived drain: per fault, the longest recovery chain Kafka's own timeouts allow
// after it, measured from when the fault heals (or, for a consumer, from when it struck),
// minus the part of it that fits before `duration`, plus a margin.
//
// The chains, each as Kafka runs it:
// - a broker or controller down, paused or cut off: the controller quorum fails over
//   (a voter waits controller.quorum.fetch.timeout.ms, then up to twice
//   controller.quorum.election.timeout.ms: KafkaRaftClient's randomised election timer);
//   the new active controller restarts every broker's session (BrokerHeartbeatManager), so
//   the old incarnation of a restarted broker stays registered for
//   broker.session.timeout.ms more and keeps its place in the ISR until it is fenced or
//   replica.lag.time.max.ms drops it (Partition.maybeShrinkIsr), whichever is first; an
//   acks=all append there, the group coordinator's offset commit among them, waits out
//   offsets.commit.timeout.ms before the consumer can commit and poll again;
// - a message lost on a cut link: the client waits request.timeout.ms (at most the
//   producer's delivery.timeout.ms) before it retries after retry.backoff.ms
//   (NetworkClient.handleTimedOutRequests);
// - a group member crashed or cut off: its old incarnation keeps its partitions until its
//   session expires, and completing the next generation re-arms that session
//   (GroupCoordinator.completeAndScheduleNextHeartbeatExpiration), so a partition can sit
//   unowned for about 2 x session.timeout.ms, then a join waits for
//   group.initial.rebalance.delay.ms when the group had emptied.
#include "harness/run/drain.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/config/broker_config.h"
#include "core/config/client_config.h"
#include "harness/scenario/scenario.h"

namespace harness {
namespace {

/// One recovery chain: how long it takes and the configs it adds up, for the summary.
struct Chain {
    sim::Duration length = 0;
    std::string text;
};

/// "30s", "30.1s": the summary's unit, to the millisecond.
std::string seconds(sim::Duration d) {
    if (d % sim::kSecond == 0) return fmt::format("{}s", d / sim::kSecond);
    std::string text = fmt::format("{:.3f}", static_cast<double>(d) / sim::kSecond);
    while (text.back() == '0') text.pop_back();
    return text + "s";
}

core::config::BrokerConfig broker_config_of(const Scenario& scenario) {
    auto parsed = core::config::parse_broker_config(scenario.cluster.config);
    return parsed.ok() ? parsed.value() : core::config::default_broker_config();
}

bool has_group(const Scenario& scenario) {
    return std::any_of(scenario.consumers.begin(), scenario.consumers.end(),
                       [](const ConsumerSpec& spec) { return !spec.partition; });
}

Chain broker_chain(const Scenario& scenario) {
    const core::config::BrokerConfig config = broker_config_of(scenario);
    const sim::Duration failover = sim::from_ms(config.controller_quorum_fetch_timeout_ms) +
                                   2 * sim::from_ms(config.controller_quorum_election_timeout_ms);
    const sim::Duration fenced = failover + sim::from_ms(config.broker_session_timeout_ms) +
                                 sim::from_ms(config.broker_heartbeat_interval_ms);
    const sim::Duration lag = sim::from_ms(config.replica_lag_time_max_ms);
    Chain chain;
    if (lag < fenced) {
        chain = {lag, "replica.lag.time.max.ms " + seconds(lag)};
    } else {
        chain = {fenced,
                 fmt::format("controller failover {} + broker.session.timeout.ms {} + "
                             "broker.heartbeat.interval.ms {}",
                             seconds(failover),
                             seconds(sim::from_ms(config.broker_session_timeout_ms)),
                             seconds(sim::from_ms(config.broker_heartbeat_interval_ms)))};
    }
    if (has_group(scenario)) {
        const sim::Duration commit = sim::from_ms(config.offsets_commit_timeout_ms);
        chain.length += commit;
        chain.text += " + offsets.commit.timeout.ms " + seconds(commit);
    }
    return chain;
}

/// The longest wait of any client for a request a cut link swallowed.
Chain request_chain(const Scenario& scenario) {
    Chain chain;
    auto consider = [&](sim::Duration timeout, sim::Duration backoff, const std::string& who) {
        if (timeout + backoff <= chain.length) return;
        chain = {timeout + backoff, fmt::format("request.timeout.ms {} of {} + retry.backoff.ms {}",
                                                seconds(timeout), who, seconds(backoff))};
    };
    for (const ProducerSpec& spec : scenario.producers) {
        auto parsed = core::config::parse_producer_config(spec.config);
        if (!parsed.ok()) continue;
        const auto& config = parsed.value();
        consider(sim::from_ms(std::min(config.request_timeout_ms, config.delivery_timeout_ms)),
                 sim::from_ms(config.retry_backoff_ms), "producer " + spec.name);
    }
    for (const ConsumerSpec& spec : scenario.consumers) {
        auto parsed = core::config::parse_consumer_config(spec.config);
        if (!parsed.ok()) continue;
        consider(sim::from_ms(parsed.value().request_timeout_ms),
                 sim::from_ms(parsed.value().retry_backoff_ms), "group " + spec.group);
    }
    return chain;
}

/// A member of `group` crashed or cut off: about two sessions, then a join.
Chain member_chain(const Scenario& scenario, const std::string& group) {
    Chain chain;
    const sim::Duration delay =
        sim::from_ms(broker_config_of(scenario).group_initial_rebalance_delay_ms);
    for (const ConsumerSpec& spec : scenario.consumers) {
        if (spec.partition || (!group.empty() && spec.group != group)) continue;
        auto parsed = core::config::parse_consumer_config(spec.config);
        if (!parsed.ok()) continue;
        const sim::Duration session = sim::from_ms(parsed.value().session_timeout_ms);
        const sim::Duration heartbeat = sim::from_ms(parsed.value().heartbeat_interval_ms);
        const sim::Duration length = 2 * session + heartbeat + delay;
        if (length <= chain.length) continue;
        chain = {length, fmt::format("2 x session.timeout.ms {} of group {} + "
                                     "heartbeat.interval.ms {} + "
                                     "group.initial.rebalance.delay.ms {}",
                                     seconds(session), spec.group, seconds(heartbeat),
                                     seconds(delay))};
    }
    return chain;
}

/// Kinds that lose messages in flight, so a client waits for its request timeout.
bool loses_messages(const std::string& kind) {
    return kind == "isolate" || kind.rfind("partition-", 0) == 0 || kind == "delay";
}

bool hits_brokers(FaultTarget::Kind target) {
    return target != FaultTarget::Kind::Consumer && target != FaultTarget::Kind::Producer;
}

/// The longest need found so far: how far past `duration` recovery may reach, and why.
struct Need {
    sim::Duration past_duration = 0;
    std::string why;
    /// Whether the scenario has a fault (or a nemesis) at all.
    bool faults = false;
};

class Planner {
   public:
    explicit Planner(const Scenario& scenario)
        : scenario_(scenario), broker_(broker_chain(scenario)),
          request_(request_chain(scenario)) {}

    /// A fault of `kind` on `target`, struck at `at` and healed at `healed`.
    void add(const std::string& what, const std::string& kind, const FaultTarget& target,
             sim::Duration at, sim::Duration healed) {
        need_.faults = true;
        if (hits_brokers(target.kind)) consider(what, "heals", healed, broker_);
        if (loses_messages(kind)) consider(what, "heals", healed, request_);
        if (target.kind == FaultTarget::Kind::Consumer) {
            consider(what, "strikes", at, member_chain(scenario_, target.name));
        }
    }

    const Need& need() const { return need_; }

   private:
    void consider(const std::string& what, const char* verb, sim::Duration from,
                  const Chain& chain) {
        if (chain.length == 0) return;
        const sim::Duration past = from + chain.length - scenario_.duration;
        if (past <= need_.past_duration) return;
        need_.past_duration = past;
        need_.why = fmt::format("{} {} at {}, then {} = {}", what, verb, seconds(from),
                                chain.text, seconds(chain.length));
    }

    const Scenario& scenario_;
    Chain broker_;
    Chain request_;
    Need need_;
};

Need longest_recovery(const Scenario& scenario) {
    Planner planner(scenario);
    for (const FaultSpec& fault : scenario.faults) {
        const sim::Duration at = std::min(fault.at, scenario.duration);
        const sim::Duration healed =
            fault.duration ? std::min(fault.at + *fault.duration, scenario.duration)
                           : scenario.duration;
        planner.add(fault.kind + " " + fault.target.text(), fault.kind, fault.target, at,
                    healed);
    }
    if (scenario.nemesis) {
        // The nemesis may strike until `duration`, where its last fault heals.
        std::vector<FaultTarget> targets = scenario.nemesis->targets;
        if (targets.empty()) targets.push_back({FaultTarget::Kind::Broker, 0, ""});
        for (const std::string& kind : scenario.nemesis->kinds) {
            for (const FaultTarget& target : targets) {
                planner.add("the nemesis's " + kind, kind, target, scenario.duration,
                            scenario.duration);
            }
        }
    }
    return planner.need();
}

}  // namespace

DrainPlan drain_plan(const Scenario& scenario) {
    if (scenario.drain) return {*scenario.drain, false, ""};
    const Need need = longest_recovery(scenario);
    DrainPlan plan;
    plan.derived = true;
    if (need.why.empty()) {
        plan.drain = kMinimumDrain;
        plan.why = need.faults ? "every fault's recovery fits before `duration`: the minimum"
                               : "no fault: the minimum";
        return plan;
    }
    const sim::Duration wanted = need.past_duration + kDrainMargin;
    // Whole seconds, so the summary and a `drain` copied from it read plainly.
    plan.drain = std::max(kMinimumDrain, (wanted + sim::kSecond - 1) / sim::kSecond * sim::kSecond);
    plan.why = fmt::format("{}; {} past `duration`, + {} margin", need.why,
                           seconds(need.past_duration), seconds(kDrainMargin));
    return plan;
}

sim::Duration drain_of(const Scenario& scenario) { return drain_plan(scenario).drain; }

std::string drain_text(const Scenario& scenario) {
    const DrainPlan plan = drain_plan(scenario);
    if (!plan.derived) return seconds(plan.drain) + " (set by `drain`)";
    return fmt::format("{} (derived: {}; `drain` overrides)", seconds(plan.drain), plan.why);
}

}  // namespace harness
