// One run from Python: harness::run under a seed, with the GIL released so threads (a
// ThreadPoolExecutor, a Dask worker) run Worlds in parallel; RunResult as plain fields.
#include <pybind11/stl.h>

#include "harness/run/run.h"
#include "harness/scenario/scenario.h"
#include "harness/trust/coverage.h"
#include "python/src/bind.h"

namespace py = pybind11;

namespace kafkasim_python {

void register_run(py::module_& m) {
    py::class_<harness::RunResult>(m, "RunResult", "What one (scenario, seed) run gave")
        .def_readonly("seed", &harness::RunResult::seed)
        .def_readonly("trace_hash", &harness::RunResult::trace_hash)
        .def_readonly("failing", &harness::RunResult::failing)
        .def_readonly("anomalies", &harness::RunResult::anomalies)
        .def_readonly("verdict_text", &harness::RunResult::verdict_text)
        .def_readonly("history_csv", &harness::RunResult::history_csv)
        .def_readonly("metrics", &harness::RunResult::metrics)
        .def_readonly("probes", &harness::RunResult::probes)
        .def_readonly("trace_json", &harness::RunResult::trace_json)
        .def_readonly("step_outputs", &harness::RunResult::step_outputs)
        .def("shows", &harness::RunResult::shows, py::arg("anomaly"));

    m.def(
        "run",
        [](const harness::Scenario& scenario, uint64_t seed, bool keep_history,
           bool keep_trace) {
            harness::RunOptions options;
            options.keep_history = keep_history;
            options.keep_trace = keep_trace;
            py::gil_scoped_release release;
            return harness::run(scenario, seed, options);
        },
        py::arg("scenario"), py::arg("seed"), py::arg("keep_history") = true,
        py::arg("keep_trace") = false,
        "Runs the scenario under `seed` (the GIL is released meanwhile). Deterministic.");
    m.def("known_probes", &harness::known_probe_names,
          "Every coverage probe of core/common/probes.def, in its order.");
    m.def("format_trace_hash", &harness::format_trace_hash, py::arg("hash"),
          "'0x' and 16 hex digits, as replay prints it.");
}

}  // namespace kafkasim_python
