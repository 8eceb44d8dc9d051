"""Writes the kafkasim notebooks with nbformat, so they are reproducible from source:

    /usr/bin/python3 python/notebooks/make_notebooks.py

CTest executes them headless (tests/python/CMakeLists.txt):
    PYTHONPATH=<repo>/python:<build>/python /usr/bin/python3 -m nbconvert --to markdown \
        --execute --output-dir reports/notebooks python/notebooks/<name>.ipynb
which regenerates reports/notebooks/<name>.md and its PNG figures.
"""
import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = pathlib.Path(__file__).resolve().parent

SETUP = """\
%matplotlib inline
import os, pathlib, concurrent.futures
import matplotlib.pyplot as plt
import pandas as pd
import kafkasim as ks

REPO = pathlib.Path(os.environ.get("KAFKASIM_SOURCE_DIR", pathlib.Path.cwd().parents[1]))
os.chdir(REPO)  # scenario paths (and replay lines) relative to the repository
pd.set_option("display.width", 120)"""

ACKS = [
    new_markdown_cell("""\
# Acks and durability

Which producer and topic settings keep acknowledged writes through a broker fault?
We take `scenarios/known/acks1_leader_crash.toml` (one partition, replication factor 3,
a fault on its leader) with its own timings, and sweep
`acks` × `min.insync.replicas` × the fault kind over seeds. Each cell of the result is
the fraction of seeds whose history shows a failing anomaly (lost write, unseen record,
...), as judged by the checkers of design.md §6.

Regenerate: `ctest -R python_notebook_acks_and_durability` (or see
`python/notebooks/make_notebooks.py`)."""),
    new_code_cell(SETUP),
    new_code_cell("""\
# The scenario's own timings (a 20 s run, the fault at 5 s for 5 s, the derived drain):
# shortened ones left no time for a follower to fall behind, so no setting lost anything.
base = ks.Scenario.load("scenarios/known/acks1_leader_crash.toml")
grid = {
    "producers.writer.config.acks": ["1", "all"],
    "topics.events.config.min.insync.replicas": [1, 2],
    "faults.0.kind": ["crash", "power-loss", "isolate"],
}
SEEDS = range(1, 17)
base"""),
    new_code_cell("""\
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    df = ks.sweep(base, seeds=SEEDS, grid=grid, executor=pool)
df.head()"""),
    new_markdown_cell("Violation rate per configuration (fraction of seeds failing):"),
    new_code_cell("""\
rates = ks.violation_rate(df)
table = rates.pivot_table(index=["faults.0.kind", "topics.events.config.min.insync.replicas"],
                          columns="producers.writer.config.acks", values="rate")
print(table.to_string(float_format=lambda x: f"{x:.2f}"))"""),
    new_code_cell("""\
fig, axes = plt.subplots(1, 3, figsize=(13, 3.5), sharey=True)
for ax, kind in zip(axes, grid["faults.0.kind"]):
    ks.plot.sweep(df[df["faults.0.kind"] == kind].drop(columns="faults.0.kind"), ax=ax)
    ax.set_title(f"fault: {kind}")
fig.tight_layout()"""),
    new_markdown_cell("Which anomalies appear, per configuration (seeds showing each):"),
    new_code_cell("""\
names = df["anomalies"].str.split(",").explode().replace("", pd.NA).dropna()
if names.empty:
    print("no anomalies in any seed")
else:
    counts = (df.assign(anomaly=df["anomalies"].str.split(",")).explode("anomaly")
                .query("anomaly != ''")
                .groupby(["producers.writer.config.acks", "faults.0.kind", "anomaly"])
                .size().unstack(fill_value=0))
    print(counts.to_string())"""),
    new_markdown_cell("""\
The finding, asserted (the notebook fails when the picture stops saying it): acks=1 loses
acknowledged writes when the leader crashes in some seeds; acks=all with
min.insync.replicas=2 loses none under any of the faults. (The producer here is not
idempotent, so its retries may still write a record twice: `duplicate`, not a loss.)"""),
    new_code_cell("""\
lost = df.assign(lost=df["anomalies"].str.contains("lost-write"))
keys = ["producers.writer.config.acks", "topics.events.config.min.insync.replicas",
        "faults.0.kind"]
lost_seeds = lost.groupby(keys)["lost"].sum()
print(lost_seeds.to_string())
assert lost_seeds[("1", 1, "crash")] > 0, "acks=1 + a leader crash lost nothing"
assert lost_seeds.loc[("all", 2)].sum() == 0, "acks=all + min.insync.replicas=2 lost a write"
print("acks=1 + crash loses writes in", int(lost_seeds[("1", 1, "crash")]), "of",
      len(SEEDS), "seeds; acks=all + min.insync.replicas=2 in none")"""),
    new_markdown_cell("""\
One run up close: the first failing seed if there is one (else acks=1 under a crash),
with acknowledged sends, polls and the fault window per partition."""),
    new_code_cell("""\
failing = df[df["failing"]]
row = failing.iloc[0] if len(failing) else df[df["producers.writer.config.acks"] == "1"].iloc[0]
point = {k: row[k] for k in grid}
r = base.with_overrides(point).run(seed=int(row["seed"]))
print(point, r)
print(r.replay_line)
ax = ks.plot.timeline(r)
ax.figure.set_size_inches(11, 3.5)
r.violations[["name", "failing", "topic", "partition", "description"]].head(10)"""),
]

REBALANCE = [
    new_markdown_cell("""\
# Consumer group rebalancing

`scenarios/walkthrough/group_rebalance_after_crash.toml`: a group of 4 members on a
3-partition topic (one member idles). We crash two members in turn and watch who owns
which partition (the `assign` rows of the history) and how far the group lags behind the
acknowledged writes. The `group-overlap` checker verifies that no partition is owned by
two live members in one generation; `delivery` that every acknowledged record is
processed at least once.

Regenerate: `ctest -R python_notebook_consumer_group_rebalancing`."""),
    new_code_cell(SETUP),
    new_code_cell("""\
path = pathlib.Path("scenarios/walkthrough/group_rebalance_after_crash.toml")
# The scenario's own timings: the group forms its first generation a few seconds in,
# member 1 crashes at 10 s, member 2 at 18 s (shortened timings formed the group only
# after both crashes, so the plot showed no rebalance).
text = path.read_text() + '''
[[faults]]
at = "18s"
kind = "crash"
target = "consumer(billing,3)"
duration = "2s"
'''
sc = ks.Scenario.from_string(text, name=str(path))
[(f["at_ns"] / 1e9, f["kind"], f["target"], f["duration_ns"] / 1e9) for f in sc.faults]"""),
    new_code_cell("""\
r = sc.run(seed=1)
print(r, r.metrics.to_dict())
ks.frames.ownership(r.history).head(20)"""),
    new_code_cell("""\
fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 6), sharex=True)
ks.plot.ownership(r, ax=top)
top.set_title("partition ownership (assign rows), crashes dotted, fault windows shaded")
ks.plot.lag(r, ax=bottom)
bottom.set_title("consumer lag: acknowledged end minus processed end, per partition")
fig.tight_layout()"""),
    new_markdown_cell("""\
The finding, asserted: ownership moves after each crash (a later generation hands out
the partitions again), so the notebook fails when the plot stops showing a rebalance."""),
    new_code_cell("""\
own = ks.frames.ownership(r.history)
start = r.metrics["workload_start_seconds"]  # a fault's `at` counts from the workload start
for f in sc.faults:
    t = start + f["at_ns"] / 1e9
    before = own[own["time_s"] <= t]["generation"].max()
    after = own[own["time_s"] > t]["generation"].max()
    assert pd.notna(before), f"no generation had formed before the crash at {t:.1f}s"
    assert pd.notna(after) and after > before, f"ownership did not move after {t:.1f}s"
    print(f"crash of {f['target']} at {t:.2f}s: generation {before} -> {after}")"""),
    new_markdown_cell("Generations seen by each member, and the violations of this run:"),
    new_code_cell("""\
own = ks.frames.ownership(r.history)
print(own.groupby("process")["generation"].agg(["min", "max", "count"]).to_string())
r.violations[["name", "failing", "description"]]"""),
    new_markdown_cell("Across seeds: how often a rebalance went wrong, and the worst lag."),
    new_code_cell("""\
rows = []
for seed in range(1, 7):
    run = sc.run(seed=seed)
    lag = ks.frames.lag(run.history)
    rows.append({"seed": seed, "ok": run.ok, "anomalies": ",".join(run.anomalies),
                 "max_total_lag": int(lag.groupby("time_s")["lag"].sum().max()) if len(lag) else 0,
                 "rebalances": int(ks.frames.ownership(run.history)["generation"].nunique())})
pd.DataFrame(rows)"""),
]


def write(name, cells):
    notebook = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nbformat.write(notebook, HERE / f"{name}.ipynb")


if __name__ == "__main__":
    write("acks_and_durability", ACKS)
    write("consumer_group_rebalancing", REBALANCE)
