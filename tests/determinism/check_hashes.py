#!/usr/bin/env python3
"""Cross-build determinism (design.md §3): the trace hash of each pinned (scenario, seed)
must be the same in every build (-O0, -O2, sanitizers, clang) and on every machine.

Usage: check_hashes.py KAFKASIM_BINARY [--update]
Runs `kafkasim run SCENARIO --seed N` for every line of pinned_hashes.txt (from the source
root) and compares the printed trace hash with the pinned one. --update rewrites the file
with the hashes this binary prints (do it only after a deliberate behaviour change, and
check the other builds agree: scripts/cross_build_hashes).
"""
import concurrent.futures
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PINNED = HERE / "pinned_hashes.txt"
HASH_LINE = re.compile(r"^seed (\d+): trace hash (\S+),", re.MULTILINE)


def read_pinned():
    entries = []
    for line in PINNED.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            scenario, seed, trace_hash = line.split()
            entries.append((scenario, int(seed), trace_hash))
    return entries


def trace_hash(binary, scenario, seed):
    # Exit 1 only says this seed's verdict differs from the file's `expect` (a known-bad
    # scenario's seed may pass): the hash is what this test is about.
    done = subprocess.run([binary, "run", scenario, "--seed", str(seed)], cwd=ROOT,
                          capture_output=True, text=True, timeout=1200)
    match = HASH_LINE.search(done.stdout)
    if done.returncode not in (0, 1) or not match:
        return None, f"exit {done.returncode}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
    return match.group(2), ""


def main():
    binary = sys.argv[1]
    update = "--update" in sys.argv[2:]
    entries = read_pinned()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda e: trace_hash(binary, e[0], e[1]), entries))
    failures = 0
    lines = []
    for (scenario, seed, pinned), (actual, problem) in zip(entries, results):
        status = "ok" if actual == pinned else "DIFFERS"
        if actual != pinned:
            failures += 1
        print(f"{status:8} {scenario} --seed {seed}: pinned {pinned}, got {actual} {problem}")
        lines.append(f"{scenario} {seed} {actual or pinned}")
    if update:
        header = [l for l in PINNED.read_text().splitlines() if l.startswith("#")]
        PINNED.write_text("\n".join(header + lines) + "\n")
        print(f"updated {PINNED}")
        return 0
    print(f"{len(entries) - failures} of {len(entries)} trace hashes as pinned")
    if failures:
        print("A deliberate behaviour change? Re-pin with: tests/determinism/check_hashes.py "
              "BINARY --update, then confirm every build agrees: scripts/cross_build_hashes")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
