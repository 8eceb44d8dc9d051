// The scenario's fault schedule and nemesis, moved out of run.cc so serve starts them too.
#include "harness/run/faults.h"

#include <algorithm>

namespace harness {

void schedule_faults(const Scenario& scenario, sim::Time start, sim::FaultSchedule& schedule,
                     std::vector<std::string>& errors) {
    for (const FaultSpec& spec : scenario.faults) {
        // The whole spec, as the loader validated it: a kind may read the common keys too
        // (disk-stall stalls for the fault's duration).
        auto fault = sim::parse_fault(sim_fault_spec(spec));
        if (!fault.ok()) {
            errors.push_back(spec.where + ": " + fault.error().message());
            continue;
        }
        schedule.add(start + spec.at, spec.duration.value_or(0), spec.target.text(),
                     std::move(fault).value());
    }
}

std::unique_ptr<sim::Nemesis> make_nemesis(const Scenario& scenario, RunCluster& cluster,
                                           sim::Time start, sim::TargetResolver resolver,
                                           std::vector<std::string>& errors) {
    if (!scenario.nemesis || scenario.nemesis->kinds.empty()) return nullptr;
    sim::NemesisOptions options;
    options.kinds = scenario.nemesis->kinds;
    options.interval_ns = scenario.nemesis->every;
    options.fault_duration_ns = std::max<sim::Duration>(1, scenario.nemesis->every / 2);
    options.start_ns = start + scenario.nemesis->every;
    options.stop_ns = start + scenario.duration;
    for (const FaultTarget& target : scenario.nemesis->targets) {
        options.node_targets.push_back(target.text());
    }
    if (options.node_targets.empty()) {
        for (sim::NodeId broker : cluster.brokers()) {
            options.node_targets.push_back("broker:" + std::to_string(broker));
        }
    }
    auto nemesis = std::make_unique<sim::Nemesis>(cluster.world(), options, std::move(resolver));
    auto started = nemesis->start();
    if (!started.ok()) errors.push_back("nemesis: " + started.error().message());
    return nemesis;
}

}  // namespace harness
