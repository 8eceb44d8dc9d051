"""Thread-pool sweep vs serial sweep from Python: the C++ run releases the GIL, so two
threads should run two Worlds at once. Writes reports/python_sweep.md.

    PYTHONPATH=python:build/python /usr/bin/python3 bench/python_sweep_speedup.py \
        [--seeds 24] [--workers 2] [--repeats 3]

Each configuration runs `repeats` times; the best wall time counts (the machine is
shared, so the minimum is the least disturbed measurement). Both sweeps must give the
same DataFrame.
"""
import argparse
import concurrent.futures
import os
import pathlib
import platform
import time

import pandas as pd

import kafkasim as ks

REPO = pathlib.Path(__file__).resolve().parents[1]
SCENARIO = "scenarios/known/leader_crash_acks_all.toml"
OVERRIDES = {"duration": "10s", "drain": "2s", "producers.trucks.rate": "500/s",
             "faults.0.at": "1s", "faults.0.duration": "1s"}


def best_time(run, repeats):
    """Best wall time, all wall times, the last result, and CPU seconds per wall second
    of the best repeat (how many cores the process kept busy: <= 1 serial, up to the
    worker count when threads really run at once)."""
    times, busy, frame = [], [], None
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        frame = run()
        times.append(time.perf_counter() - start)
        busy.append((time.process_time() - cpu) / times[-1])
    best = min(range(repeats), key=times.__getitem__)
    return times[best], times, frame, busy[best]


def starved_note(serial_busy, threaded_busy, workers):
    """Says when the machine, not the GIL, bounded the speedup."""
    if threaded_busy >= 0.8 * workers:
        return ""
    return (f"Note: the threaded sweep kept only {threaded_busy:.2f} cores busy (serial "
            f"{serial_busy:.2f}): other jobs held the CPUs, and Linux's autogroup scheduling "
            "gives this process's session one share however many threads it runs, so the "
            "wall-time ratio here measures the machine's load, not the binding. Rerun on an "
            "idle machine for the speedup (tests/python/test_run.py checks separately that "
            "Python threads progress while run() executes, i.e. that the GIL is released).\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=str(REPO / "reports" / "python_sweep.md"))
    args = parser.parse_args()

    sc = ks.Scenario.load(REPO / SCENARIO, OVERRIDES)
    seeds = range(1, args.seeds + 1)
    serial, serial_all, serial_df, serial_busy = best_time(lambda: ks.sweep(sc, seeds=seeds), args.repeats)

    def threaded_sweep():
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
            return ks.sweep(sc, seeds=seeds, executor=pool, chunksize=1)

    threaded, threaded_all, threaded_df, threaded_busy = best_time(threaded_sweep, args.repeats)
    pd.testing.assert_frame_equal(serial_df, threaded_df)
    speedup = serial / threaded
    load = os.getloadavg()
    overrides = " ".join(f"--set {k}={v}" for k, v in OVERRIDES.items())
    report = f"""# Python sweep: thread pool vs serial

`ks.sweep` of `{SCENARIO}` ({overrides}) over seeds 1..{args.seeds}, serial
(`executor=None`) and on a `ThreadPoolExecutor(max_workers={args.workers})` (chunksize 1).
The C++ `run()` releases the GIL, so threads run Worlds in parallel. Both sweeps gave the
same DataFrame (trace hashes equal seed by seed).

| sweep | best wall time (s) | all runs (s) | cores busy (CPU s / wall s) |
| --- | ---: | --- | ---: |
| serial | {serial:.2f} | {", ".join(f"{t:.2f}" for t in serial_all)} | {serial_busy:.2f} |
| {args.workers} threads | {threaded:.2f} | {", ".join(f"{t:.2f}" for t in threaded_all)} | {threaded_busy:.2f} |

**Speedup: {speedup:.2f}×** with {args.workers} workers on {os.cpu_count()} cores
({platform.processor() or platform.machine()}; load average at the end
{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}: other jobs shared the machine).

{starved_note(serial_busy, threaded_busy, args.workers)}
Regenerate:

    PYTHONPATH=python:build/python /usr/bin/python3 bench/python_sweep_speedup.py \\
        --seeds {args.seeds} --workers {args.workers} --repeats {args.repeats}
"""
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(report)
    print(report)


if __name__ == "__main__":
    main()
