"""Plots with matplotlib (any backend; tests and notebooks use Agg).

    ks.plot.timeline(r)       produce / consume / faults / violations per partition
    ks.plot.sweep(df)         violation rate per config point of a sweep
    ks.plot.lag(r)            consumer lag over time, per partition
    ks.plot.ownership(r)      which member owns each partition over time

Each takes an optional `ax` and returns it.
"""
from __future__ import annotations

import pandas as pd

from . import frames as _frames
from .sweep import RESULT_COLUMNS, violation_rate


def _axes(ax, figsize=(10, 4)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt
    _, ax = plt.subplots(figsize=figsize)
    return ax


def _history(result_or_history) -> pd.DataFrame:
    return getattr(result_or_history, "history", result_or_history)


def _workload_start_s(history: pd.DataFrame) -> float:
    sends = history[history["f"] == "send"]
    first = sends if len(sends) else history
    return float(first["time_ns"].min()) / 1e9 if len(first) else 0.0


def _draw_faults(ax, result, start_s: float):
    scenario = getattr(result, "scenario", None)
    for fault in (scenario.faults if scenario is not None else []):
        begin = start_s + fault["at_ns"] / 1e9
        end = begin + (fault["duration_ns"] or 0) / 1e9
        if end > begin:
            ax.axvspan(begin, end, color="tab:red", alpha=0.12)
        ax.axvline(begin, color="tab:red", lw=1)
        ax.annotate(f'{fault["kind"]} {fault["target"]}', (begin, 1.0),
                    xycoords=("data", "axes fraction"), fontsize=7, color="tab:red",
                    va="bottom")


def _draw_crashes(ax, history: pd.DataFrame):
    for time_ns in history.loc[history["f"] == "crash", "time_ns"]:
        ax.axvline(time_ns / 1e9, color="tab:purple", lw=0.8, ls=":")


def timeline(result, ax=None, topic: str | None = None):
    """Acknowledged sends and processed/polled records per topic-partition over virtual
    time; scheduled faults shaded, crash rows dotted, violations as red crosses."""
    history = _history(result)
    ax = _axes(ax)
    rows = history[(history["type"] == "ok") & history["partition"].notna()]
    if topic is not None:
        rows = rows[rows["topic"] == topic]
    labels = sorted({(t, int(p)) for t, p in zip(rows["topic"], rows["partition"])})
    position = {label: i for i, label in enumerate(labels)}
    styles = [("send", -0.15, "tab:blue", "acked send"), ("poll", 0.0, "tab:green", "poll"),
              ("process", 0.15, "tab:orange", "processed")]
    for f, shift, color, label in styles:
        part = rows[rows["f"] == f]
        if part.empty:
            continue
        y = [position[(t, int(p))] + shift for t, p in zip(part["topic"], part["partition"])]
        ax.scatter(part["time_ns"] / 1e9, y, s=2, color=color, label=label, rasterized=True)
    violations = getattr(result, "violations", None)
    if violations is not None and len(violations):
        hits = violations[violations["partition"].notna() & violations["first_time_ns"].notna()]
        # A boolean Series, not a list: an empty list would select no columns instead.
        shown = [(t, int(p)) in position for t, p in zip(hits["topic"], hits["partition"])]
        hits = hits[pd.Series(shown, index=hits.index, dtype=bool)]
        ax.scatter(hits["first_time_ns"].astype("int64") / 1e9,
                   [position[(t, int(p))] for t, p in zip(hits["topic"], hits["partition"])],
                   marker="x", s=40, color="red", label="violation", zorder=3)
    _draw_faults(ax, result, _workload_start_s(history))
    _draw_crashes(ax, history)
    ax.set_yticks(range(len(labels)), [f"{t}-{p}" for t, p in labels])
    ax.set_xlabel("virtual time (s)")
    ax.set_title(_title(result))
    ax.legend(loc="upper left", fontsize=7, markerscale=4)
    return ax


def _title(result) -> str:
    scenario = getattr(result, "scenario", None)
    if scenario is None:
        return "history"
    verdict = "ok" if result.ok else "FAILING: " + ", ".join(result.anomalies)
    return f"{scenario.name}, seed {result.seed}: {verdict}"


def sweep(frame: pd.DataFrame, by=None, anomaly: str | None = None, ax=None):
    """Bar chart of the violation rate per config point (the grid columns by default)."""
    rates = violation_rate(frame, by=by, anomaly=anomaly)
    keys = [c for c in rates.columns if c not in ("runs", "violations", "rate")]
    ax = _axes(ax, figsize=(max(4, 0.8 * len(rates) + 2), 3.5))
    labels = ["\n".join(f"{k.split('.')[-1]}={row[k]}" for k in keys) or "all"
              for _, row in rates.iterrows()]
    bars = ax.bar(range(len(rates)), rates["rate"], color="tab:red")
    for bar, (_, row) in zip(bars, rates.iterrows()):
        ax.annotate(f'{int(row["violations"])}/{int(row["runs"])}',
                    (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=7)
    ax.set_xticks(range(len(rates)), labels, fontsize=7)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(f"seeds showing {anomaly}" if anomaly else "seeds failing")
    return ax


def lag(result, ax=None, every_s: float = 0.5, consumed: str = "process"):
    """Total consumer lag over virtual time, one line per partition; crashes dotted."""
    history = _history(result)
    table = _frames.lag(history, every_s=every_s, consumed=consumed)
    ax = _axes(ax)
    for (topic, partition), part in table.groupby(["topic", "partition"]):
        ax.plot(part["time_s"], part["lag"], lw=1, label=f"{topic}-{partition}")
    _draw_faults(ax, result, _workload_start_s(history))
    _draw_crashes(ax, history)
    ax.set_xlabel("virtual time (s)")
    ax.set_ylabel("lag (records)")
    ax.legend(fontsize=7)
    return ax


def ownership(result, ax=None):
    """Assignments over virtual time: for each member (its own colour) a bar at each
    partition it owns, from the `assign` row that gave it until the member's next assign
    row, its crash, or the end of the history; crashes dotted."""
    history = _history(result)
    table = _frames.ownership(history)
    end_s = float(history["time_ns"].max()) / 1e9 if len(history) else 0.0
    crashes = history[history["f"] == "crash"]
    ax = _axes(ax)
    for number, (process, rows) in enumerate(table.groupby("process", sort=True)):
        color = f"C{number % 10}"
        changes = sorted(rows["time_s"].unique())
        crash_times = sorted(crashes.loc[crashes["process"] == process, "time_ns"] / 1e9)
        for begin in changes:
            later = [t for t in list(changes) + crash_times if t > begin]
            until = min(later) if later else end_s
            owned = rows.loc[(rows["time_s"] == begin) & rows["partition"].notna(), "partition"]
            for partition in owned.astype(int):
                ax.hlines(partition, begin, until, colors=color, lw=6, alpha=0.8)
        ax.plot([], [], color=color, lw=6, label=process)
    _draw_faults(ax, result, _workload_start_s(history))
    _draw_crashes(ax, history)
    ax.set_xlabel("virtual time (s)")
    ax.set_ylabel("partition")
    ax.legend(fontsize=7)
    return ax


__all__ = ["timeline", "sweep", "lag", "ownership", "RESULT_COLUMNS"]
