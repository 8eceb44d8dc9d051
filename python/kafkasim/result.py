"""Result: what one (scenario, seed) run gave, with its history, violations and metrics
as pandas objects (parsed on first use, then kept)."""
from __future__ import annotations

import functools

import pandas as pd

from . import _kafkasim
from .frames import history_frame, violations_frame


class Result:
    def __init__(self, scenario, core: "_kafkasim.RunResult"):
        self.scenario = scenario
        self._core = core

    seed = property(lambda self: self._core.seed)
    trace_hash = property(lambda self: self._core.trace_hash)
    failing = property(lambda self: self._core.failing)
    anomalies = property(lambda self: list(self._core.anomalies))
    verdict_text = property(lambda self: self._core.verdict_text)
    trace_json = property(lambda self: self._core.trace_json)
    step_outputs = property(lambda self: list(self._core.step_outputs))
    #: Coverage probe name -> hits in this run, for the probes that fired.
    probes = property(lambda self: dict(self._core.probes))

    @property
    def ok(self) -> bool:
        """True when no failing anomaly was found."""
        return not self._core.failing

    @property
    def trace_hash_hex(self) -> str:
        return _kafkasim.format_trace_hash(self._core.trace_hash)

    @property
    def replay_line(self) -> str:
        return self.scenario.replay_line(self.seed)

    @functools.cached_property
    def history(self) -> pd.DataFrame:
        """Every client operation of the run (design.md §6 columns)."""
        return history_frame(self._core.history_csv)

    @functools.cached_property
    def verdict(self) -> "_kafkasim.Verdict":
        """The checkers' verdict on the history, under the scenario's guarantees."""
        options = self.scenario.check_options()
        return _kafkasim.check_history_csv(self._core.history_csv, "<run>", "at-least-once",
                                           options["guarantees"], options["liveness"])

    @functools.cached_property
    def violations(self) -> pd.DataFrame:
        """One row per anomaly with its evidence. Harness findings that are not about the
        history ("setup", "step") get a row each, described by the verdict text."""
        found = {anomaly.name for anomaly in self.verdict.anomalies}
        extra = [{"name": name, "description": self.verdict_text}
                 for name in self.anomalies if name not in found]
        return violations_frame(self.verdict, extra)

    @functools.cached_property
    def metrics(self) -> pd.Series:
        """Counters of the run ("events", "virtual_seconds", "history_rows", ...)."""
        return pd.Series(dict(sorted(self._core.metrics.items())), dtype="float64",
                         name="metrics")

    def __repr__(self):
        state = "ok" if self.ok else "FAILING " + ",".join(self.anomalies)
        return f"<Result {self.scenario.name!r} seed={self.seed} {self.trace_hash_hex} {state}>"
