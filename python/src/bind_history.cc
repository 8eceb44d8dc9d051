// Histories and the checkers from Python: the CSV contract of design.md §6 read and
// validated in C++ (file:line errors), and check_history over it, returning the Verdict
// with every anomaly and its evidence. The package turns both into DataFrames.
#include <pybind11/stl.h>

#include <map>
#include <string>

#include "check/checker.h"
#include "check/history_csv.h"
#include "check/verdict.h"
#include "python/src/bind.h"

namespace py = pybind11;

namespace kafkasim_python {
namespace {

check::Guarantee guarantee_or_raise(const std::string& text) {
    auto parsed = check::parse_guarantee(text);
    if (!parsed.ok()) throw ScenarioError(parsed.error().message());
    return parsed.value();
}

check::History history_or_raise(sim::Result<check::History> read) {
    if (!read.ok()) throw ScenarioError(read.error().message());
    return std::move(read).value();
}

/// The canonical CSV text of a history: what pandas parses into the history DataFrame.
std::string canonical_csv(const check::History& history) {
    auto csv = check::write_history_csv_string(history);
    if (!csv.ok()) throw ScenarioError(csv.error().message());
    return std::move(csv).value();
}

check::CheckOptions check_options(const std::string& semantics,
                                  const std::map<std::string, std::string>& guarantees,
                                  bool liveness) {
    check::CheckOptions options;
    options.default_guarantee = guarantee_or_raise(semantics);
    for (const auto& [consumer, guarantee] : guarantees) {
        options.guarantees[consumer] = guarantee_or_raise(guarantee);
    }
    options.liveness = liveness;
    return options;
}

void bind_verdict(py::module_& m) {
    py::class_<check::Anomaly>(m, "Anomaly", "One anomaly and its evidence")
        .def_readonly("name", &check::Anomaly::name)
        .def_readonly("topic", &check::Anomaly::topic)
        .def_readonly("partition", &check::Anomaly::partition)
        .def_readonly("description", &check::Anomaly::description)
        .def_readonly("op_indices", &check::Anomaly::op_indices)
        .def_readonly("offsets", &check::Anomaly::offsets)
        .def_readonly("times_ns", &check::Anomaly::times_ns)
        .def_readonly("values", &check::Anomaly::values)
        .def_readonly("after_assign", &check::Anomaly::after_assign)
        .def_property_readonly("failing", &check::is_failing);
    py::class_<check::Verdict>(m, "Verdict", "Everything the checkers found in one history")
        .def_readonly("anomalies", &check::Verdict::anomalies)
        .def_property_readonly("failing", &check::Verdict::failing)
        .def("counts", &check::Verdict::counts)
        .def("failing_counts", &check::Verdict::failing_counts)
        .def("render_text", &check::render_text, py::arg("max_per_name") = 0)
        .def("render_json", &check::render_json);
}

}  // namespace

void register_history(py::module_& m) {
    bind_verdict(m);
    m.def(
        "canonical_history_csv",
        [](const std::string& text, const std::string& name) {
            return canonical_csv(history_or_raise(check::read_history_csv_string(text, name)));
        },
        py::arg("text"), py::arg("name") = "<string>",
        "Validates history CSV text and writes it back canonically (no comments, "
        "normalised quoting). Raises ScenarioError with name:line on bad input.");
    m.def(
        "canonical_history_file",
        [](const std::string& path) {
            return canonical_csv(history_or_raise(check::read_history_csv_file(path)));
        },
        py::arg("path"), "Same as canonical_history_csv, from a file.");
    m.def(
        "check_history_csv",
        [](const std::string& text, const std::string& name, const std::string& semantics,
           const std::map<std::string, std::string>& guarantees, bool liveness) {
            check::CheckOptions options = check_options(semantics, guarantees, liveness);
            check::History history = history_or_raise(check::read_history_csv_string(text, name));
            py::gil_scoped_release release;
            return check::check_history(history, options);
        },
        py::arg("text"), py::arg("name") = "<string>",
        py::arg("semantics") = "at-least-once",
        py::arg("guarantees") = std::map<std::string, std::string>{},
        py::arg("liveness") = true,
        "Runs every checker over a history in CSV form. `semantics` is the default "
        "guarantee; `guarantees` maps a consumer group (or process) to its own.");
    m.def(
        "checker_anomalies",
        []() {
            std::map<std::string, std::vector<std::string>> out;
            for (const check::Checker* checker : check::registered_checkers()) {
                for (std::string_view name : checker->anomalies) {
                    out[std::string(checker->name)].emplace_back(name);
                }
            }
            return out;
        },
        "Checker name -> the anomaly names it may report.");
    m.attr("HISTORY_CSV_HEADER") = std::string(check::kHistoryCsvHeader);
}

}  // namespace kafkasim_python
