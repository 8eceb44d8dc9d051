"""kafkasim: deterministic Kafka simulations as Python objects and pandas DataFrames.

    import kafkasim as ks
    sc = ks.Scenario.load("scenarios/known/leader_crash_acks_all.toml")
    r = sc.with_overrides({"duration": "5s"}).run(seed=7)
    r.ok, r.trace_hash, r.violations, r.history, r.metrics
    df = ks.sweep(sc, seeds=range(20), grid={"producers.trucks.config.acks": ["1", "all"]})

The compiled half (`_kafkasim`, built by CMake into <build>/python/kafkasim/) is found
through PYTHONPATH=<repo>/python:<build>/python; this file extends the package path to
every `kafkasim` directory on sys.path, and falls back to <repo>/build/python/kafkasim.
"""
import os as _os
import pkgutil as _pkgutil

__path__ = _pkgutil.extend_path(__path__, __name__)  # noqa: F821 (set by the import system)
_default_build = _os.path.join(_os.path.dirname(__file__), "..", "..", "build", "python",
                               "kafkasim")
if _os.path.isdir(_default_build) and _os.path.abspath(_default_build) not in map(
        _os.path.abspath, __path__):
    __path__.append(_default_build)

from . import _kafkasim  # noqa: E402
from ._kafkasim import ScenarioError, fault_kinds  # noqa: E402
from .scenario import Scenario  # noqa: E402
from .result import Result  # noqa: E402
from .frames import check, read_history, history_frame, violations_frame  # noqa: E402
from .sweep import SweepError, sweep, violation_rate  # noqa: E402
from . import plot  # noqa: E402

__all__ = [
    "Scenario", "Result", "ScenarioError", "check", "read_history", "history_frame",
    "violations_frame", "sweep", "SweepError", "violation_rate", "plot", "fault_kinds",
]
