#pragma once
// The registration functions module.cc composes, one per bound concept, and the one
// exception type the binding raises for bad input (kafkasim.ScenarioError).

#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>

namespace kafkasim_python {

/// Bad user input (a scenario or history error, "file:line:col: expected ..."); Python
/// sees it as kafkasim.ScenarioError, a ValueError.
struct ScenarioError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void register_scenario(pybind11::module_& m);
void register_run(pybind11::module_& m);
void register_history(pybind11::module_& m);
void register_sweep(pybind11::module_& m);

}  // namespace kafkasim_python
