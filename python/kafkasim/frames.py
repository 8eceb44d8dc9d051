"""DataFrames: histories in the CSV contract of design.md §6, the checkers' anomalies,
and `check`, which runs every checker over a history DataFrame (or file, or CSV text).

History columns and dtypes:
    index int64 · time_ns int64 · process string · type category(invoke ok fail info)
    f category(send poll process commit assign crash) · topic string · partition Int32
    key string · value string · offset Int64 · error string
    and, only when the run had transactions, txn string (the optional twelfth column:
    rows of one transaction share its id)
An empty CSV field is absent: <NA> in every column (the text "NA" stays text).
"""
from __future__ import annotations

import io
import os
from typing import Mapping

import pandas as pd

from . import _kafkasim

HISTORY_COLUMNS = _kafkasim.HISTORY_CSV_HEADER.split(",")
OP_TYPES = ["invoke", "ok", "fail", "info"]
OP_FUNCTIONS = ["send", "poll", "process", "commit", "assign", "crash"]
HISTORY_DTYPES = {
    "index": "int64", "time_ns": "int64", "process": "string",
    "type": pd.CategoricalDtype(OP_TYPES), "f": pd.CategoricalDtype(OP_FUNCTIONS),
    "topic": "string", "partition": "Int32", "key": "string", "value": "string",
    "offset": "Int64", "error": "string",
}
# The optional twelfth column: written only when some row belongs to a transaction.
TXN_COLUMN = "txn"
VIOLATION_COLUMNS = ["name", "failing", "topic", "partition", "description", "after_assign",
                     "first_time_ns", "op_indices", "offsets", "times_ns", "values"]


def history_frame(csv_text: str) -> pd.DataFrame:
    """A history DataFrame from canonical history CSV (what a run records)."""
    if not csv_text.strip():
        return empty_history()
    frame = pd.read_csv(io.StringIO(csv_text), dtype=str, keep_default_na=False,
                        na_values=[""])
    dtypes = dict(HISTORY_DTYPES)
    if TXN_COLUMN in frame.columns:
        dtypes[TXN_COLUMN] = "string"
    return frame[list(dtypes)].astype(dtypes)


def empty_history() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in HISTORY_DTYPES.items()})


def read_history(path: str | os.PathLike) -> pd.DataFrame:
    """Reads a history CSV file (simulated or recorded against a real cluster). The C++
    reader validates it: errors raise ScenarioError("path:line: expected ...")."""
    return history_frame(_kafkasim.canonical_history_file(os.fspath(path)))


def history_csv(history: pd.DataFrame) -> str:
    """The DataFrame back in the CSV contract. `index` may be missing (rows are numbered
    then); every other §6 column must be there; `txn` is kept when present."""
    frame = history
    if "index" not in frame.columns:
        frame = frame.assign(index=range(len(frame)))
    missing = [c for c in HISTORY_COLUMNS if c not in frame.columns]
    if missing:
        raise _kafkasim.ScenarioError(f"history DataFrame: missing columns {missing}")
    columns = HISTORY_COLUMNS + ([TXN_COLUMN] if TXN_COLUMN in frame.columns else [])
    return frame[columns].to_csv(index=False, na_rep="", lineterminator="\n")


def violations_frame(anomalies, extra_rows=()) -> pd.DataFrame:
    """One row per anomaly (a Verdict or a list of _kafkasim.Anomaly), with its evidence
    as lists; `failing` says whether it fails the run (int-send-skip never does).
    `extra_rows` (dicts with some of the columns) are appended as they are."""
    if hasattr(anomalies, "anomalies"):
        anomalies = anomalies.anomalies
    rows = [{
        "name": a.name, "failing": a.failing, "topic": a.topic or None,
        "partition": a.partition, "description": a.description,
        "after_assign": a.after_assign,
        "first_time_ns": a.times_ns[0] if a.times_ns else None,
        "op_indices": list(a.op_indices), "offsets": list(a.offsets),
        "times_ns": list(a.times_ns), "values": list(a.values),
    } for a in anomalies]
    for extra in extra_rows:
        rows.append({"failing": True, "after_assign": False, "topic": None,
                     "partition": None, "first_time_ns": None, "op_indices": [],
                     "offsets": [], "times_ns": [], "values": [], **extra})
    frame = pd.DataFrame(rows, columns=VIOLATION_COLUMNS)
    return frame.astype({"name": "string", "failing": "bool", "topic": "string",
                         "partition": "Int32", "description": "string",
                         "after_assign": "bool", "first_time_ns": "Int64"})


SEMANTICS = ("at-least-once", "at-most-once", "exactly-once")


def _check_arguments(history, semantics, guarantees, liveness) -> None:
    """TypeError for a wrong type, ValueError for a wrong value, saying what was expected
    (instead of an error from deep inside pandas or the extension)."""
    if not isinstance(history, (pd.DataFrame, str, os.PathLike)):
        raise TypeError("check(): expected history as a DataFrame, a path or CSV text, got "
                        f"{type(history).__name__}")
    if guarantees is not None and not isinstance(guarantees, Mapping):
        raise TypeError("check(): expected guarantees as a mapping of group to guarantee, "
                        f"got {type(guarantees).__name__}")
    if guarantees is not None and not all(isinstance(k, str) for k in guarantees):
        raise TypeError("check(): expected the keys of guarantees (group names) as str")
    for what, value in [("semantics", semantics)] + \
            [(f"guarantees[{key!r}]", v) for key, v in (guarantees or {}).items()]:
        if not isinstance(value, str):
            raise TypeError(f"check(): expected {what} as a str, got {type(value).__name__}")
        if value not in SEMANTICS:
            raise ValueError(f"check(): expected {what} among {', '.join(SEMANTICS)}, "
                             f"got {value!r}")
    if not isinstance(liveness, bool):
        raise TypeError(f"check(): expected liveness as a bool, got {type(liveness).__name__}")


def check(history, semantics: str = "at-least-once",
          guarantees: Mapping[str, str] | None = None, liveness: bool = True) -> pd.DataFrame:
    """Runs every checker over a history and returns the violations DataFrame.

    `history` is a DataFrame with the §6 columns, a path to a CSV file, or CSV text.
    `semantics` is the default delivery guarantee ("at-least-once", "at-most-once",
    "exactly-once"); `guarantees` sets it per consumer group; `liveness=False` checks
    safety only (a history without a drain)."""
    _check_arguments(history, semantics, guarantees, liveness)
    name = "<DataFrame>"
    if isinstance(history, pd.DataFrame):
        text = history_csv(history)
    elif isinstance(history, os.PathLike) or (isinstance(history, str) and "\n" not in history):
        name = os.fspath(history)
        text = _kafkasim.canonical_history_file(name)
    else:
        text, name = history, "<string>"
    verdict = _kafkasim.check_history_csv(text, name, semantics, dict(guarantees or {}),
                                          liveness)
    return violations_frame(verdict)


def ownership(history: pd.DataFrame) -> pd.DataFrame:
    """Who owns what, from the `assign` rows: one row per (member, partition) assignment
    with `time_s`, `group`, `process`, `topic`, `partition` (<NA> for an idle member) and
    `generation`."""
    rows = history[(history["f"] == "assign") & (history["type"] == "ok")]
    return pd.DataFrame({
        "time_s": rows["time_ns"] / 1e9, "group": rows["key"], "process": rows["process"],
        "topic": rows["topic"], "partition": rows["partition"],
        "generation": pd.to_numeric(rows["value"], errors="coerce").astype("Int64"),
    }).reset_index(drop=True)


def _offset_at(rows: pd.DataFrame, times_ns) -> "pd.Series":
    """For each time, one past the highest offset among rows at or before it (0 before any)."""
    import numpy as np
    rows = rows.sort_values("time_ns")
    next_offsets = rows["offset"].astype("int64").cummax().to_numpy() + 1
    positions = np.searchsorted(rows["time_ns"].to_numpy(), times_ns, side="right")
    return np.where(positions > 0, next_offsets[np.maximum(positions - 1, 0)], 0)


def lag(history: pd.DataFrame, every_s: float = 0.5, consumed: str = "process") -> pd.DataFrame:
    """Consumer lag over time, per partition: every `every_s`, `acked_end` (one past the
    highest acknowledged offset), `consumed_end` (one past the highest offset the
    application processed, or polled with consumed="poll") and `lag` = their difference."""
    import numpy as np
    ok = history[(history["type"] == "ok") & history["offset"].notna()
                 & history["partition"].notna()]
    sends, reads = ok[ok["f"] == "send"], ok[ok["f"] == consumed]
    columns = ["time_s", "topic", "partition", "acked_end", "consumed_end", "lag"]
    if sends.empty:
        return pd.DataFrame(columns=columns)
    step = int(every_s * 1e9)
    times = np.arange(history["time_ns"].min(), history["time_ns"].max() + step, step)
    parts = []
    for (topic, partition), partition_sends in sends.groupby(["topic", "partition"]):
        partition_reads = reads[(reads["topic"] == topic) & (reads["partition"] == partition)]
        acked = _offset_at(partition_sends, times)
        done = _offset_at(partition_reads, times) if len(partition_reads) else 0 * acked
        parts.append(pd.DataFrame({"time_s": times / 1e9, "topic": topic,
                                   "partition": partition, "acked_end": acked,
                                   "consumed_end": done, "lag": np.maximum(acked - done, 0)}))
    return pd.concat(parts, ignore_index=True)[columns]
