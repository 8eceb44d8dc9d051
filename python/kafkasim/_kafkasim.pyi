"""Type stubs for kafkasim's compiled core (python/src/bind_*.cc)."""
from typing import Optional

HISTORY_CSV_HEADER: str

class ScenarioError(ValueError): ...

class Scenario:
    source_file: str
    name: str
    description: str
    duration_ns: int
    drain_ns: int
    drain_text: str
    seeds: int
    expect: str
    topics: list[dict]
    producers: list[dict]
    consumers: list[dict]
    faults: list[dict]
    nemesis: Optional[dict]
    def to_toml(self) -> str: ...

def load_scenario_string(text: str, file_name: str = "<string>",
                         overrides: list[tuple[str, str]] = ...) -> Scenario: ...
def load_scenario_file(path: str, overrides: list[tuple[str, str]] = ...) -> Scenario: ...
def parse_override(text: str) -> tuple[str, str]: ...
def fault_kinds() -> list[str]: ...

class Anomaly:
    name: str
    topic: str
    partition: Optional[int]
    description: str
    op_indices: list[int]
    offsets: list[int]
    times_ns: list[int]
    values: list[str]
    after_assign: bool
    failing: bool

class Verdict:
    anomalies: list[Anomaly]
    failing: bool
    def counts(self) -> dict[str, int]: ...
    def failing_counts(self) -> dict[str, int]: ...
    def render_text(self, max_per_name: int = 0) -> str: ...
    def render_json(self) -> str: ...

def canonical_history_csv(text: str, name: str = "<string>") -> str: ...
def canonical_history_file(path: str) -> str: ...
def check_history_csv(text: str, name: str = "<string>", semantics: str = "at-least-once",
                      guarantees: dict[str, str] = ..., liveness: bool = True) -> Verdict: ...
def checker_anomalies() -> dict[str, list[str]]: ...

class RunResult:
    seed: int
    trace_hash: int
    failing: bool
    anomalies: list[str]
    verdict_text: str
    history_csv: str
    metrics: dict[str, float]
    probes: dict[str, int]
    trace_json: str
    step_outputs: list[tuple[str, str]]
    def shows(self, anomaly: str) -> bool: ...

def run(scenario: Scenario, seed: int, keep_history: bool = True,
        keep_trace: bool = False) -> RunResult: ...
def known_probes() -> list[str]: ...
def format_trace_hash(hash: int) -> str: ...

class SweepSummary:
    expect: str
    seeds_run: int
    failing_seeds: list[int]
    seeds_by_anomaly: dict[str, int]
    first_failing_seed: Optional[int]
    seeds_showing_expected: list[int]
    expectation_held: bool

def run_seeds(scenario: Scenario, seeds: list[int], jobs: int = 1,
              keep_history: bool = False) -> list[RunResult]: ...
def summarize(scenario: Scenario, results: list[RunResult]) -> SweepSummary: ...
