// _kafkasim: the compiled core of the kafkasim package. This file only composes the
// bind_<concept>.cc registrations (after boost-histogram's register_*() layout).
#include "python/src/bind.h"

namespace py = pybind11;

PYBIND11_MODULE(_kafkasim, m) {
    m.doc() = "kafkasim's compiled core: scenarios, runs, histories, sweeps";
    py::register_exception<kafkasim_python::ScenarioError>(m, "ScenarioError",
                                                           PyExc_ValueError);
    kafkasim_python::register_scenario(m);
    kafkasim_python::register_history(m);
    kafkasim_python::register_run(m);
    kafkasim_python::register_sweep(m);
}
