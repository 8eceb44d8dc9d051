"""Sweeps: seeds × a grid of overrides, on any executor, as one DataFrame.

    df = ks.sweep(sc, seeds=range(500), grid={"producers.trucks.config.acks": ["0", "1", "all"]},
                  executor=None)

One row per (config point, seed), in grid order then seed order whatever the executor:
the grid keys, `seed`, `failing`, `anomalies` (sorted names joined by ","; "" when none)
and `trace_hash`. `executor` is None (serial, in this thread), any
concurrent.futures.Executor (threads use every core: the C++ run releases the GIL;
processes pickle the Scenario as its source text), or a dask.distributed Client
(anything with submit() and gather()). Work goes out in chunks of seeds, one task each.
"""
from __future__ import annotations

import itertools
import math
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from . import _kafkasim
from .scenario import Scenario

RESULT_COLUMNS = ["seed", "failing", "anomalies", "trace_hash"]


def grid_points(grid: Mapping[str, Sequence[Any]] | None) -> list[dict]:
    """Every combination of the grid's values, the first key varying slowest."""
    if not grid:
        return [{}]
    keys = list(grid)
    return [dict(zip(keys, values)) for values in itertools.product(*(grid[k] for k in keys))]


def run_chunk(scenario: Scenario, seeds: list[int], metrics: bool = False) -> list[dict]:
    """Runs some seeds of one scenario (one task of a sweep) and returns plain rows, so
    the result pickles cheaply back from a process or a Dask worker."""
    rows = []
    for result in _kafkasim.run_seeds(scenario.core, list(seeds), 1, False):
        row = {"seed": result.seed, "failing": result.failing,
               "anomalies": ",".join(result.anomalies), "trace_hash": result.trace_hash}
        if metrics:
            row.update({f"metric.{k}": v for k, v in sorted(result.metrics.items())})
        rows.append(row)
    return rows


def _chunks(seeds: list[int], size: int) -> list[list[int]]:
    return [seeds[i:i + size] for i in range(0, len(seeds), size)]


def _is_dask_client(executor) -> bool:
    return hasattr(executor, "gather") and hasattr(executor, "submit") and \
        hasattr(executor, "scheduler_info")


class SweepError(RuntimeError):
    """A run of a sweep raised: names the seeds its task was running; `seeds` holds them."""

    def __init__(self, seeds: list[int], error: BaseException):
        super().__init__(f"sweep: the task running seeds {seeds} raised "
                         f"{type(error).__name__}: {error}; pending tasks were cancelled")
        self.seeds = seeds


def _submit_all(executor, tasks):
    if executor is None:
        results = []
        for task in tasks:
            try:
                results.append(run_chunk(*task))
            except Exception as error:
                raise SweepError(task[1], error) from error
        return results
    if _is_dask_client(executor):
        # pure=False: Dask must not hash the Scenario to deduplicate tasks.
        futures = [executor.submit(run_chunk, *task, pure=False) for task in tasks]
    else:
        futures = [executor.submit(run_chunk, *task) for task in tasks]
    results = []
    for task, future in zip(tasks, futures):
        try:
            results.append(future.result())
        except Exception as error:
            # Nothing more of this sweep is wanted: what has not started never will.
            for pending in futures:
                pending.cancel()
            raise SweepError(task[1], error) from error
    return results


def _seed_list(scenario, seeds) -> list[int]:
    if seeds is None:
        seeds = scenario.seeds
    if isinstance(seeds, bool) or not isinstance(seeds, (int, Iterable)):
        raise TypeError("sweep(): expected seeds as an int N (seeds 1..N) or an iterable of "
                        f"ints, got {type(seeds).__name__}")
    if isinstance(seeds, int):
        if seeds < 1:
            raise ValueError(f"sweep(): expected seeds >= 1, got {seeds}")
        return list(range(1, seeds + 1))
    seeds = list(seeds)
    for seed in seeds:
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError(f"sweep(): expected every seed as an int, got {seed!r}")
        if not 0 <= seed < 2 ** 64:
            raise ValueError(f"sweep(): expected seeds in 0..2**64-1, got {seed}")
    return seeds


def _sweep_arguments(scenario, seeds, grid, chunksize, metrics) -> list[int]:
    """The seeds as a list; TypeError/ValueError saying what was expected otherwise."""
    if not isinstance(scenario, Scenario):
        raise TypeError("sweep(): expected a kafkasim.Scenario, got "
                        f"{type(scenario).__name__}")
    if grid is not None and not isinstance(grid, Mapping):
        raise TypeError("sweep(): expected grid as a mapping of key to a list of values, "
                        f"got {type(grid).__name__}")
    for key, values in (grid or {}).items():
        if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
            raise TypeError(f"sweep(): expected grid[{key!r}] as a list of values, got "
                            f"{values!r}")
    if chunksize is not None and (isinstance(chunksize, bool) or
                                  not isinstance(chunksize, int) or chunksize < 1):
        raise ValueError(f"sweep(): expected chunksize as an int >= 1, got {chunksize!r}")
    if not isinstance(metrics, bool):
        raise TypeError(f"sweep(): expected metrics as a bool, got {type(metrics).__name__}")
    return _seed_list(scenario, seeds)


def sweep(scenario: Scenario, seeds: Iterable[int] | int | None = None,
          grid: Mapping[str, Sequence[Any]] | None = None, executor=None,
          chunksize: int | None = None, metrics: bool = False) -> pd.DataFrame:
    """Runs every seed at every grid point; see the module docstring.

    `seeds` defaults to the scenario's `seeds` (1..N); an int N means 1..N.
    `chunksize` is how many seeds one task runs (default: about 4 tasks per point
    and worker-count agnostic, at most 25). `metrics=True` adds a `metric.<name>` column
    per run counter."""
    seeds = _sweep_arguments(scenario, seeds, grid, chunksize, metrics)
    points = grid_points(grid)
    if chunksize is None:
        chunksize = max(1, min(25, math.ceil(len(seeds) / 8)))
    tasks, owners = [], []
    for point_index, point in enumerate(points):
        variant = scenario.with_overrides(point) if point else scenario
        for chunk in _chunks(seeds, chunksize):
            tasks.append((variant, chunk, metrics))
            owners.append(point_index)
    rows = []
    for point_index, chunk_rows in zip(owners, _submit_all(executor, tasks)):
        for row in chunk_rows:
            rows.append({**{k: _cell(v) for k, v in points[point_index].items()}, **row})
    columns = list(grid or {}) + RESULT_COLUMNS
    frame = pd.DataFrame(rows, columns=columns if not metrics or not rows else None)
    return frame.astype({"seed": "int64", "failing": "bool", "anomalies": "string",
                         "trace_hash": "uint64"})


def _cell(value):
    return tuple(value) if isinstance(value, list) else value


def violation_rate(frame: pd.DataFrame, by: Sequence[str] | None = None,
                   anomaly: str | None = None) -> pd.DataFrame:
    """Fraction of seeds failing (or showing `anomaly`) per config point: the grid
    columns by default. Columns: the keys, `runs`, `violations`, `rate`."""
    if by is None:
        by = [c for c in frame.columns
              if c not in RESULT_COLUMNS and not c.startswith("metric.")]
    if anomaly is None:
        hit = frame["failing"]
    else:
        hit = frame["anomalies"].fillna("").str.split(",").apply(lambda names: anomaly in names)
    data = frame.assign(_hit=hit.astype(int))
    if not by:
        return pd.DataFrame({"runs": [len(data)], "violations": [data["_hit"].sum()],
                             "rate": [data["_hit"].mean()]})
    out = data.groupby(list(by), sort=False)["_hit"].agg(["count", "sum", "mean"])
    return out.rename(columns={"count": "runs", "sum": "violations", "mean": "rate"}) \
        .reset_index()
