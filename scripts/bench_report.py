"""Renders scripts/bench's measurements as Markdown: one table per benchmark, the peak
memory per run length, then each goal of issue 8 with the figure it is read from.

Usage: bench_report.py <dir with <bench>.json and rss_<seconds> files> <bench>...
"""
import json
import statistics
import sys
from pathlib import Path

INTROS = {
    "end_to_end_bench": (
        "One item is one simulated message produced (acks=all, linger.ms=1), replicated "
        "to both followers and consumed: 3 brokers, RF 3, min.insync.replicas=2, 10 "
        "partitions, one producer and one consumer; per_ms is the offered load per "
        "simulated millisecond, for 2 simulated seconds."
    ),
    "scenario_bench": (
        "One item is one seed of the standard fault scenario (`bench/standard_fault.toml`: "
        "3 brokers, 3 controllers, RF 3, acks=all, a 4-member group, 500 records/s, nemesis "
        "on, 30 s simulated + 10 s drain, every checker) or a variant with one dimension "
        "scaled; seeds/minute = items/s x 60 on one core. Each repetition runs new seeds "
        "(seed numbers go on from the previous repetition)."
    ),
}


def rate(r):
    if r >= 1e6:
        return f"{r / 1e6:.1f}M"
    if r >= 1e3:
        return f"{r / 1e3:.1f}k"
    return f"{r:.2f} ({r * 60:.0f}/min)"


def load_runs(path):
    runs = {}
    for b in json.loads(path.read_text())["benchmarks"]:
        if b.get("run_type") != "iteration" or "items_per_second" not in b:
            continue
        runs.setdefault(b["run_name"], []).append(b["items_per_second"])
    return runs


def table(runs):
    print("| benchmark | best items/s | median items/s | CPU time per item (median) |")
    print("| --- | ---: | ---: | ---: |")
    for name, rates in runs.items():
        median = statistics.median(rates)
        ns = 1e9 / median
        per_item = f"{ns / 1e6:.0f} ms" if ns >= 1e6 else f"{ns:.1f} ns"
        print(f"| {name} | {rate(max(rates))} | {rate(median)} | {per_item} |")
    print()


def best(all_runs, bench, name):
    rates = all_runs.get(bench, {}).get(name)
    return max(rates) if rates else None


def scaling(all_runs):
    runs = all_runs.get("scenario_bench", {})
    prefix = "BM_StandardFaultScenarioSeeds/"
    base = best(all_runs, "scenario_bench", prefix + "brokers:3/partitions:10/seconds:30")
    if not base:
        return
    print("## Scaling (cost per seed relative to the standard scenario)")
    print()
    print("| dimension | value | CPU ms per seed (best) | relative cost | relative size |")
    print("| --- | ---: | ---: | ---: | ---: |")
    rows = [("brokers", [3, 9, 27], "brokers:{}/partitions:10/seconds:30"),
            ("partitions", [10, 100, 1000], "brokers:3/partitions:{}/seconds:30"),
            ("simulated seconds", [10, 30, 90], "brokers:3/partitions:10/seconds:{}")]
    for dimension, values, pattern in rows:
        for value in values:
            rates = runs.get(prefix + pattern.format(value))
            if not rates:
                continue
            r = max(rates)
            print(f"| {dimension} | {value} | {1e3 / r:.0f} | {base / r:.2f}x | "
                  f"{value / values[1]:.2f}x |")
    print()


def memory(out):
    rows = []
    for seconds in (10, 30, 90):
        path = out / f"rss_{seconds}"
        if path.exists():
            text = path.read_text().strip().splitlines()
            if text and text[-1].isdigit():
                rows.append((seconds, int(text[-1])))
    if not rows:
        return
    print("## Peak memory against retained messages")
    print()
    print("One seed of the standard scenario per run length (`/usr/bin/time` max RSS of the")
    print("whole process). Retained messages = 500/s x simulated seconds: every record stays")
    print("in three replicas' logs and in the history until the run ends.")
    print()
    print("| simulated s | retained messages | max RSS | RSS growth per added message |")
    print("| ---: | ---: | ---: | ---: |")
    previous = None
    for seconds, kib in rows:
        messages = 500 * seconds
        growth = ""
        if previous:
            growth = f"{(kib - previous[1]) * 1024 / (messages - previous[0]):.0f} B"
        print(f"| {seconds} | {messages:,} | {kib / 1024:.0f} MiB | {growth} |")
        previous = (messages, kib)
    print()


def sweep(out):
    """(wall seconds, failing seeds, violations) of the CLI sweep, or None."""
    seconds_path, text_path = out / "sweep_seconds", out / "sweep.txt"
    if not seconds_path.exists() or not text_path.exists():
        return None
    lines = seconds_path.read_text().strip().splitlines()
    try:
        seconds = float(lines[-1])
    except (IndexError, ValueError):
        return None
    failing, violations = None, []
    text = text_path.read_text().splitlines()
    for i, line in enumerate(text):
        if line.startswith("failing seeds"):
            failing = int(line.split()[-1])
        if line.startswith("violations by anomaly"):
            for item in text[i + 1:]:
                if not item.startswith("  "):
                    break
                violations.append(" ".join(item.split()))
    return seconds, failing, violations


def goals(all_runs, out, cores):
    print("## Goals (issue 8)")
    print()
    print("| goal | figure (best) | met? |")
    print("| --- | --- | --- |")

    def row(goal, figure, target, unit):
        if figure is None:
            print(f"| {goal} | not measured | - |")
            return
        short = target / figure
        verdict = ("yes" if figure >= target else
                   f"no: {100 * (short - 1):.0f} % short" if short < 1.2 else
                   f"no: {short:.1f}x short")
        print(f"| {goal} | {rate(figure)} {unit} | {verdict} |")

    row("event loop >= 20M events/s/core (128 pending)",
        best(all_runs, "event_loop_bench", "BM_ScheduleAndDispatch/128"), 20e6, "events/s")
    row("event loop >= 20M events/s/core (65,536 pending)",
        best(all_runs, "event_loop_bench", "BM_ScheduleAndDispatch/65536"), 20e6, "events/s")
    e2e = [best(all_runs, "end_to_end_bench", f"BM_EndToEndAcksAll/per_ms:{n}")
           for n in (10, 50)]
    e2e = [r for r in e2e if r]
    row(">= 2M simulated messages/s/core end to end", max(e2e) if e2e else None, 2e6,
        "msgs/s")
    seeds = best(all_runs, "scenario_bench",
                 "BM_StandardFaultScenarioSeeds/brokers:3/partitions:10/seconds:30")
    # 1,000 seeds in 60 s on 2 cores = 500 seeds per minute per core = 8.33 seeds/s.
    row("1,000 seeds of the standard scenario < 60 s on 2 cores (>= 8.33 seeds/s/core)",
        seeds, 1000 / 60 / 2, "seeds/s")
    measured = sweep(out)
    if measured:
        seconds, failing, violations = measured
        command = (f"`kafkasim run bench/standard_fault.toml --seeds 1000 --jobs {cores}`, "
                   "wall clock")
        if failing is None:
            # No summary: the sweep itself broke (exit 2 or 3), so its time means nothing.
            print(f"| the same, measured: {command} | no summary: the sweep failed | - |")
        else:
            verdict = "yes" if seconds < 60 else f"no: {seconds / 60:.1f}x over"
            print(f"| the same, measured: {command} | {seconds:.0f} s ({failing} failing "
                  f"seeds) | {verdict} |")
    if seeds:
        print()
        print(f"At the best single-core rate, 1,000 seeds would take {1000 / seeds / 2:.0f} s "
              f"on 2 cores; the CLI sweep's {cores} threads share the caches and memory "
              "bandwidth (reports/bench_notes.md, \"Measuring seeds\").")
    if measured and measured[2]:
        print()
        print("Failing seeds of the sweep, by anomaly: " + "; ".join(measured[2]) + ".")
    print()


def main():
    out = Path(sys.argv[1])
    cores = sys.argv[2]
    all_runs = {}
    for bench in sys.argv[3:]:
        path = out / f"{bench}.json"
        if not path.exists():
            continue
        all_runs[bench] = load_runs(path)
        print(f"## {bench}")
        print()
        if bench in INTROS:
            print(INTROS[bench])
            print()
        table(all_runs[bench])
    scaling(all_runs)
    memory(out)
    goals(all_runs, out, cores)


if __name__ == "__main__":
    main()
