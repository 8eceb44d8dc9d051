"""Scenario: a scenario file (design.md §5) loaded and validated by the C++ harness.

A Scenario remembers where it came from, as (TOML text, file name, overrides), so it
pickles small and rebuilds identically in another process or on a Dask worker. A
producer's `data` CSV is read relative to the file name, so it must exist there too.
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Mapping

from . import _kafkasim


def override_text(value: Any) -> str:
    """A Python value as `--set` reads it: True -> "true", 5 -> "5", "all" -> "all",
    ["crash", "pause"] -> a TOML array."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_item(v) for v in value) + "]"
    return str(value)


def _toml_item(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return override_text(value)


def _override_pairs(overrides: Mapping[str, Any] | Iterable[str] | None):
    """Overrides as (path, value) pairs: a mapping, or "path=value" strings as on the CLI."""
    if overrides is None:
        return []
    if isinstance(overrides, Mapping):
        return [(str(path), override_text(value)) for path, value in overrides.items()]
    return [tuple(_kafkasim.parse_override(text)) for text in overrides]


def _scenario_text(path: str, data: bytes) -> str:
    """The file as text, or ScenarioError located at the first byte TOML cannot hold
    (TOML is UTF-8 and has no NUL)."""
    def located(offset: int, what: str):
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        return _kafkasim.ScenarioError(f"{path}:{line}:{column}: expected {what}")
    nul = data.find(b"\0")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if nul == -1 or error.start < nul:
            raise located(error.start, f"UTF-8 text, got byte 0x{data[error.start]:02x}") \
                from None
    if nul != -1:
        raise located(nul, "text, got a NUL byte (a binary file?)")
    return text


class Scenario:
    """A validated scenario. Build with `Scenario.load(path)` or `Scenario.from_string`;
    derive variants with `with_overrides`; run with `run(seed)`."""

    def __init__(self, text: str, file_name: str = "<string>", overrides=()):
        self._text = text
        self._file_name = file_name
        self._overrides = tuple((str(p), str(v)) for p, v in overrides)
        self._core = _kafkasim.load_scenario_string(text, file_name, list(self._overrides))

    @classmethod
    def load(cls, path: str | os.PathLike, overrides=None) -> "Scenario":
        """Loads a scenario file; errors raise ScenarioError("file:line:col: ...")."""
        path = os.fspath(path)
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError as error:
            raise _kafkasim.ScenarioError(f"{path}: cannot open: {error.strerror}") from None
        return cls(_scenario_text(path, data), path, _override_pairs(overrides))

    @classmethod
    def from_string(cls, text: str, name: str = "<string>", overrides=None) -> "Scenario":
        return cls(text, name, _override_pairs(overrides))

    def with_overrides(self, overrides: Mapping[str, Any] | Iterable[str]) -> "Scenario":
        """A new Scenario with these `--set` overrides applied after the current ones
        (a later value for the same path wins)."""
        return Scenario(self._text, self._file_name,
                        self._overrides + tuple(_override_pairs(overrides)))

    def run(self, seed: int = 1, *, trace: bool = False) -> "Result":
        """Runs one seed (the GIL is released while the World runs)."""
        from .result import Result
        return Result(self, _kafkasim.run(self._core, int(seed), True, trace))

    # Pickling: rebuild from the source text rather than the C++ object.
    def __reduce__(self):
        return (Scenario, (self._text, self._file_name, self._overrides))

    def __eq__(self, other):
        return isinstance(other, Scenario) and self.to_toml() == other.to_toml()

    def __hash__(self):
        return hash(self.to_toml())

    def __repr__(self):
        extra = "".join(f", {p}={v}" for p, v in self._overrides)
        return f"<Scenario {self.name!r} from {self._file_name}{extra}>"

    @property
    def core(self):
        """The C++ scenario (_kafkasim.Scenario)."""
        return self._core

    @property
    def file_name(self) -> str:
        return self._file_name

    @property
    def overrides(self) -> dict:
        return dict(self._overrides)

    name = property(lambda self: self._core.name)
    description = property(lambda self: self._core.description)
    expect = property(lambda self: self._core.expect)
    seeds = property(lambda self: self._core.seeds)
    duration_s = property(lambda self: self._core.duration_ns / 1e9)
    drain_s = property(lambda self: self._core.drain_ns / 1e9)
    topics = property(lambda self: self._core.topics)
    producers = property(lambda self: self._core.producers)
    consumers = property(lambda self: self._core.consumers)
    faults = property(lambda self: self._core.faults)
    nemesis = property(lambda self: self._core.nemesis)

    def to_toml(self) -> str:
        return self._core.to_toml()

    def check_options(self) -> dict:
        """What the checkers hold this scenario's history to (as harness::run does):
        each consumer group's guarantee, and liveness unless `drain = "0s"`."""
        return {
            "guarantees": {c["group"]: c["guarantee"] for c in self.consumers},
            "liveness": self._core.drain_ns > 0,
        }

    def replay_line(self, seed: int) -> str:
        sets = "".join(f" --set {p}={v}" for p, v in self._overrides)
        return f"kafkasim replay {self._file_name} --seed {seed}{sets}"
