// Scenario loading from Python: text or file plus `--set`-style overrides, errors as
// ScenarioError with the "file:line:col" message, and read-only views of the parts the
// package's frames and plots need (topics, producers, consumers, faults).
#include <pybind11/stl.h>

#include <utility>
#include <vector>

#include "check/checker.h"
#include "harness/run/drain.h"
#include "harness/scenario/scenario.h"
#include "harness/scenario/toml.h"
#include "python/src/bind.h"

namespace py = pybind11;

namespace kafkasim_python {
namespace {

using OverridePairs = std::vector<std::pair<std::string, std::string>>;

std::vector<harness::Override> to_overrides(const OverridePairs& pairs) {
    std::vector<harness::Override> overrides;
    for (const auto& [path, value] : pairs) overrides.push_back({path, value});
    return overrides;
}

harness::Scenario value_or_raise(sim::Result<harness::Scenario> loaded) {
    if (!loaded.ok()) throw ScenarioError(loaded.error().message());
    return std::move(loaded).value();
}

py::dict config_dict(const harness::ConfigMap& config) {
    py::dict out;
    for (const auto& [key, value] : config) out[py::str(key)] = value;
    return out;
}

py::list topics(const harness::Scenario& scenario) {
    py::list out;
    for (const harness::TopicSpec& topic : scenario.topics) {
        out.append(py::dict(py::arg("name") = topic.name,
                            py::arg("partitions") = topic.partitions,
                            py::arg("replication_factor") = topic.replication_factor,
                            py::arg("config") = config_dict(topic.config)));
    }
    return out;
}

py::list producers(const harness::Scenario& scenario) {
    py::list out;
    for (const harness::ProducerSpec& producer : scenario.producers) {
        out.append(py::dict(py::arg("name") = producer.name, py::arg("topic") = producer.topic,
                            py::arg("config") = config_dict(producer.config)));
    }
    return out;
}

py::list consumers(const harness::Scenario& scenario) {
    py::list out;
    for (const harness::ConsumerSpec& consumer : scenario.consumers) {
        out.append(py::dict(py::arg("group") = consumer.group,
                            py::arg("members") = consumer.members,
                            py::arg("topic") = consumer.topic,
                            py::arg("commit") = harness::to_string(consumer.commit),
                            py::arg("guarantee") =
                                std::string(check::to_string(consumer.guarantee)),
                            py::arg("config") = config_dict(consumer.config)));
    }
    return out;
}

py::list faults(const harness::Scenario& scenario) {
    py::list out;
    for (const harness::FaultSpec& fault : scenario.faults) {
        py::object duration = py::none();
        if (fault.duration) duration = py::int_(*fault.duration);
        out.append(py::dict(py::arg("at_ns") = fault.at, py::arg("kind") = fault.kind,
                            py::arg("target") = fault.target.text(),
                            py::arg("duration_ns") = duration,
                            py::arg("params") = fault.params));
    }
    return out;
}

py::object nemesis(const harness::Scenario& scenario) {
    if (!scenario.nemesis) return py::none();
    return py::dict(py::arg("kinds") = scenario.nemesis->kinds,
                    py::arg("every_ns") = scenario.nemesis->every);
}

}  // namespace

void register_scenario(py::module_& m) {
    py::class_<harness::Scenario>(m, "Scenario", "A validated scenario (design.md §5)")
        .def_readonly("source_file", &harness::Scenario::source_file)
        .def_readonly("name", &harness::Scenario::name)
        .def_readonly("description", &harness::Scenario::description)
        .def_readonly("duration_ns", &harness::Scenario::duration)
        .def_property_readonly(
            "drain_ns", [](const harness::Scenario& s) { return harness::drain_of(s); },
            "the drain the run uses: `drain`, else the one derived from the configs")
        .def_property_readonly(
            "drain_text", [](const harness::Scenario& s) { return harness::drain_text(s); })
        .def_readonly("seeds", &harness::Scenario::seeds)
        .def_property_readonly("expect",
                               [](const harness::Scenario& s) { return s.expect.text(); })
        .def_property_readonly("topics", &topics)
        .def_property_readonly("producers", &producers)
        .def_property_readonly("consumers", &consumers)
        .def_property_readonly("faults", &faults)
        .def_property_readonly("nemesis", &nemesis)
        .def("to_toml", &harness::to_toml, "The scenario written back as TOML");

    m.def(
        "load_scenario_string",
        [](const std::string& text, const std::string& file_name, const OverridePairs& pairs) {
            return value_or_raise(
                harness::load_scenario_string(text, file_name, to_overrides(pairs)));
        },
        py::arg("text"), py::arg("file_name") = "<string>",
        py::arg("overrides") = OverridePairs{},
        "Loads a scenario from TOML text; `file_name` names it in errors and anchors data "
        "paths. Raises ScenarioError.");
    m.def(
        "load_scenario_file",
        [](const std::string& path, const OverridePairs& pairs) {
            return value_or_raise(harness::load_scenario_file(path, to_overrides(pairs)));
        },
        py::arg("path"), py::arg("overrides") = OverridePairs{},
        "Loads a scenario file. Raises ScenarioError.");
    m.def(
        "parse_override",
        [](const std::string& text) {
            auto parsed = harness::parse_override(text);
            if (!parsed.ok()) throw ScenarioError(parsed.error().message());
            return std::make_pair(parsed.value().path, parsed.value().value);
        },
        py::arg("text"), "Splits 'a.b.c=v' into (path, value), as --set does.");
    m.def("fault_kinds", &harness::fault_kinds, "The fault kinds a scenario may name.");
}

}  // namespace kafkasim_python
