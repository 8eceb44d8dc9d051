// [[faults]], [nemesis] and [liveness]: what the world does to the cluster, with every
// target checked against the brokers, topics, groups and producers declared.
#include <fmt/format.h>

#include <algorithm>

#include "check/checker.h"
#include "harness/scenario/loader.h"

namespace harness::detail {
namespace {

template <typename Map>
std::vector<std::string> names_of(const Map& map) {
    std::vector<std::string> out;
    for (const auto& entry : map) {
        if constexpr (std::is_same_v<typename Map::value_type, std::string>) {
            out.push_back(entry);
        } else {
            out.push_back(entry.first);
        }
    }
    return out;
}

void check_partition(const std::string& where, const Declared& declared,
                     const FaultTarget& target) {
    if (!declared.topics.count(target.name)) {
        fail_reference(where, "a declared topic", target.name, names_of(declared.topics));
    }
    int32_t partitions = declared.topics.at(target.name);
    if (partitions > 0 && target.number >= partitions) {
        fail(where, fmt::format("expected a partition of \"{}\" in 0..{}, got {}", target.name,
                                partitions - 1, target.number));
    }
}

void check_node_id(const std::string& where, const Scenario& scenario,
                   const FaultTarget& target) {
    const std::vector<int32_t>& brokers = scenario.cluster.broker_ids;
    bool is_broker = std::find(brokers.begin(), brokers.end(), target.number) != brokers.end();
    if (target.kind == FaultTarget::Kind::Broker && !is_broker) {
        fail(where, fmt::format("expected a broker id of [cluster] ({}), got {}",
                                fmt::join(brokers, ", "), target.number));
    }
    if (target.kind != FaultTarget::Kind::Controller) return;
    // Combined mode: the controllers are the brokers themselves.
    int32_t controllers = scenario.cluster.controllers;
    if (controllers == 0 && !is_broker) {
        fail(where, fmt::format("expected a controller id; in combined mode (controllers = 0) "
                                "those are the broker ids ({}), got {}",
                                fmt::join(brokers, ", "), target.number));
    }
    if (controllers > 0 && (target.number < 1 || target.number > controllers)) {
        fail(where, fmt::format("expected a controller id in 1..{}, got {}", controllers,
                                target.number));
    }
}

/// Checks that a parsed target names something the scenario declares.
void check_target(const std::string& where, const Scenario& scenario,
                  const Declared& declared, const FaultTarget& target) {
    using Kind = FaultTarget::Kind;
    switch (target.kind) {
        case Kind::None:
        case Kind::ControllerLeader: return;
        case Kind::Broker:
        case Kind::Controller: return check_node_id(where, scenario, target);
        case Kind::Leader:
        case Kind::Followers: return check_partition(where, declared, target);
        case Kind::Producer:
            if (declared.producers.count(target.name)) return;
            fail_reference(where, "a producer name", target.name, names_of(declared.producers));
        case Kind::Coordinator:
        case Kind::Consumer: break;
    }
    if (!declared.groups.count(target.name)) {
        fail_reference(where, "a consumer group", target.name, names_of(declared.groups));
    }
    int32_t members = declared.groups.at(target.name);
    if (target.kind == Kind::Consumer && (target.number < 1 || target.number > members)) {
        fail(where, fmt::format("expected a member of \"{}\" in 1..{} (members are numbered "
                                "from 1, as their processes {}-1..{}-{} are), got {}",
                                target.name, members, target.name, target.name, members,
                                target.number));
    }
}

FaultTarget read_target(const std::string& where, std::string_view text,
                        const Scenario& scenario, const Declared& declared) {
    sim::Result<FaultTarget> target = parse_fault_target(text);
    if (!target) fail(where, target.error().what);
    check_target(where, scenario, declared, target.value());
    return target.value();
}

/// The kind's own keys and values are checked by sim's registry, the one place that
/// knows them; its complaint is placed on the key it names, else on the fault.
void check_with_registry(const TableReader& reader, const FaultSpec& fault) {
    std::optional<sim::FaultKind> kind = sim::find_fault_kind(fault.kind);
    if (kind && kind->targets_nodes && fault.target.kind == FaultTarget::Kind::None) {
        fail(reader.where(), fmt::format("expected a \"target\" for a {} fault (broker:N, "
                                         "leader(topic,P), consumer(group,N), ...)",
                                         fault.kind));
    }
    sim::Result<std::unique_ptr<sim::Fault>> parsed = sim::parse_fault(sim_fault_spec(fault));
    if (parsed) return;
    std::string where = reader.where();
    const std::string& what = parsed.error().what;
    for (const auto& [key, value] : fault.params) {
        if (what.find("\"" + key + "\"") == std::string::npos) continue;
        bool unknown = what.find("unknown key") != std::string::npos;
        where = unknown ? reader.key_where(key) : reader.where(key);
    }
    fail(where, fmt::format("expected a valid {} fault: {}", fault.kind, parsed.error().what));
}

FaultSpec read_fault(const SourceMap& sources, const toml::table& table,
                     const Declared& declared, const Scenario& scenario) {
    TableReader reader(sources, table, "[[faults]]", {"at", "kind", "target", "duration"},
                       /*allow_extra=*/true);
    FaultSpec fault;
    fault.where = reader.where();
    fault.at = reader.required_duration("at");
    if (fault.at >= scenario.duration) {
        fail(reader.where("at"), fmt::format("expected \"at\" before the end of the run "
                                             "(duration = \"{}\")",
                                             sim::format_duration(scenario.duration)));
    }
    std::optional<size_t> kind = reader.choice("kind", fault_kinds());
    if (!kind) fail(reader.where(), "expected key \"kind\" in [[faults]]");
    fault.kind = fault_kinds()[*kind];
    if (std::optional<std::string> target = reader.string("target")) {
        fault.target = read_target(reader.where("target"), *target, scenario, declared);
    }
    fault.duration = reader.duration("duration");
    if (fault.duration && *fault.duration <= 0) {
        fail(reader.where("duration"), "expected a duration > 0");
    }
    fault.params = reader.extra_keys();
    check_with_registry(reader, fault);
    return fault;
}

NemesisSpec read_nemesis(const SourceMap& sources, const toml::table& table,
                         const Declared& declared, const Scenario& scenario) {
    TableReader reader(sources, table, "[nemesis]", {"kinds", "every", "targets"});
    NemesisSpec nemesis;
    std::optional<std::vector<std::string>> kinds = reader.strings("kinds");
    if (!kinds || kinds->empty()) {
        fail(reader.where("kinds"), "expected \"kinds\": a non-empty array of fault kinds");
    }
    const toml::array& nodes = *reader.find("kinds")->as_array();
    for (size_t i = 0; i < kinds->size(); ++i) {
        const std::vector<std::string>& known = fault_kinds();
        if (std::find(known.begin(), known.end(), (*kinds)[i]) == known.end()) {
            fail_reference(sources.where(*nodes.get(i)), "a fault kind", (*kinds)[i], known);
        }
    }
    nemesis.kinds = *kinds;
    nemesis.every = reader.required_duration("every");
    if (nemesis.every < kMinNemesisEvery) {
        fail(reader.where("every"), fmt::format("expected a duration >= {} (one nemesis step "
                                                "per millisecond at most), got \"{}\"",
                                                sim::format_duration(kMinNemesisEvery),
                                                sim::format_duration(nemesis.every)));
    }
    if (std::optional<std::vector<std::string>> targets = reader.strings("targets")) {
        const toml::array& target_nodes = *reader.find("targets")->as_array();
        for (size_t i = 0; i < targets->size(); ++i) {
            nemesis.targets.push_back(read_target(sources.where(*target_nodes.get(i)),
                                                  (*targets)[i], scenario, declared));
        }
    }
    return nemesis;
}

}  // namespace

const std::vector<std::string>& anomaly_names() {
    // check's registry is the one list (each checker declares what it reports; the
    // runner's own `liveness` is registered there too).
    static const std::vector<std::string> names(check::anomaly_names().begin(),
                                                check::anomaly_names().end());
    return names;
}

void read_faults(const SourceMap& sources, const TableReader& top, const Declared& declared,
                 Scenario& scenario) {
    for_each_table(sources, top, "faults", [&](const toml::table& table) {
        scenario.faults.push_back(read_fault(sources, table, declared, scenario));
    });
    if (const toml::table* nemesis = top.subtable("nemesis")) {
        scenario.nemesis = read_nemesis(sources, *nemesis, declared, scenario);
    }
    if (const toml::table* liveness = top.subtable("liveness")) {
        TableReader reader(sources, *liveness, "[liveness]", {"after", "within", "heal"});
        LivenessSpec spec{reader.required_duration("after"), reader.required_duration("within")};
        if (spec.within <= 0) fail(reader.where("within"), "expected a duration > 0");
        if (spec.after > kMaxRunTime || spec.within > kMaxRunTime) {
            bool after = spec.after > kMaxRunTime;
            fail(reader.where(after ? "after" : "within"),
                 fmt::format("expected a duration <= {}", sim::format_duration(kMaxRunTime)));
        }
        spec.heal = reader.boolean("heal").value_or(true);
        scenario.liveness = spec;
    }
}

}  // namespace harness::detail
