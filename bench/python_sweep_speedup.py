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
OVERRIDES = {"duration": "4s", "drain": "2s", "producers.trucks.rate": "200/s",
             "faults.0.at": "1s", "faults.0.duration": "1s"}


def best_time(run, repeats):
    times, frame = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        frame = run()
        times.append(time.perf_counter() - start)
    return min(times), times, frame


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=str(REPO / "reports" / "python_sweep.md"))
    args = parser.parse_args()

    sc = ks.Scenario.load(REPO / SCENARIO, OVERRIDES)
    seeds = range(1, args.seeds + 1)
    serial, serial_all, serial_df = best_time(lambda: ks.sweep(sc, seeds=seeds), args.repeats)

    def threaded_sweep():
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
            return ks.sweep(sc, seeds=seeds, executor=pool, chunksize=1)

    threaded, threaded_all, threaded_df = best_time(threaded_sweep, args.repeats)
    pd.testing.assert_frame_equal(serial_df, threaded_df)
    speedup = serial / threaded
    load = os.getloadavg()
    overrides = " ".join(f"--set {k}={v}" for k, v in OVERRIDES.items())
    report = f"""# Python sweep: thread pool vs serial

`ks.sweep` of `{SCENARIO}` ({overrides}) over seeds 1..{args.seeds}, serial
(`executor=None`) and on a `ThreadPoolExecutor(max_workers={args.workers})` (chunksize 1).
The C++ `run()` releases the GIL, so threads run Worlds in parallel. Both sweeps gave the
same DataFrame (trace hashes equal seed by seed).

| sweep | best wall time (s) | all runs (s) |
| --- | ---: | --- |
| serial | {serial:.2f} | {", ".join(f"{t:.2f}" for t in serial_all)} |
| {args.workers} threads | {threaded:.2f} | {", ".join(f"{t:.2f}" for t in threaded_all)} |

**Speedup: {speedup:.2f}×** with {args.workers} workers on {os.cpu_count()} cores
({platform.processor() or platform.machine()}; load average at the end
{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}: other jobs shared the machine).

Regenerate:

    PYTHONPATH=python:build/python /usr/bin/python3 bench/python_sweep_speedup.py \\
        --seeds {args.seeds} --workers {args.workers} --repeats {args.repeats}
"""
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(report)
    print(report)


if __name__ == "__main__":
    main()
