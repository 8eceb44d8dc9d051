// Seed sweeps from Python: harness::sweep over a list of seeds on C++ threads with the
// GIL released (what one chunk of a Python-level sweep runs), and the sweep summary.
#include <pybind11/stl.h>

#include <vector>

#include "harness/run/run.h"
#include "harness/run/sweep.h"
#include "python/src/bind.h"

namespace py = pybind11;

namespace kafkasim_python {

void register_sweep(py::module_& m) {
    py::class_<harness::SweepSummary>(m, "SweepSummary", "What a sweep of seeds showed")
        .def_property_readonly("expect",
                               [](const harness::SweepSummary& s) { return s.expect.text(); })
        .def_readonly("seeds_run", &harness::SweepSummary::seeds_run)
        .def_readonly("failing_seeds", &harness::SweepSummary::failing_seeds)
        .def_readonly("seeds_by_anomaly", &harness::SweepSummary::seeds_by_anomaly)
        .def_readonly("first_failing_seed", &harness::SweepSummary::first_failing_seed)
        .def_readonly("seeds_showing_expected", &harness::SweepSummary::seeds_showing_expected)
        .def_readonly("expectation_held", &harness::SweepSummary::expectation_held);

    m.def(
        "run_seeds",
        [](const harness::Scenario& scenario, const std::vector<uint64_t>& seeds, int jobs,
           bool keep_history) {
            harness::SweepOptions options;
            options.jobs = jobs;
            harness::RunOptions run_options;
            run_options.keep_history = keep_history;
            py::gil_scoped_release release;
            return harness::sweep(scenario, seeds, options,
                                  [&run_options](const harness::Scenario& s, uint64_t seed) {
                                      return harness::run(s, seed, run_options);
                                  });
        },
        py::arg("scenario"), py::arg("seeds"), py::arg("jobs") = 1,
        py::arg("keep_history") = false,
        "Runs every seed on `jobs` C++ threads (GIL released); result i is seeds[i]'s.");
    m.def(
        "summarize",
        [](const harness::Scenario& scenario, const std::vector<harness::RunResult>& results) {
            return harness::summarize(scenario.expect, results);
        },
        py::arg("scenario"), py::arg("results"),
        "Summarises results against the scenario's `expect`.");
}

}  // namespace kafkasim_python
