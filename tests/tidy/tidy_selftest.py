#!/usr/bin/env python3
"""Proves tidy.py fails on each kind of violation: a tree seeded with one bad file per
rule must produce exactly those complaints, and a clean tree none."""
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
BAD = {
    "sim/clock.cc": "#include <chrono>\nauto t = std::chrono::steady_clock::now();\n",
    "core/rand.cc": "int f() { return rand(); }\n",
    "core/io.cc": "#include <fstream>\n",
    "core/seam.cc": '#include "sim/world.h"\n',
    "sim/nohead.h": "#pragma once\nint x;\n",
    "check/wide.cc": "// " + "x" * 120 + "\n",
    "sim/dist.cc": "std::uniform_int_distribution<int> d;\n",
    "harness/long.cc": "void f() {\n" + "  g();\n" * 80 + "}\n",
    "harness/wrapped.cc": "Status Runner::start(int first,\n                     int second)\n"
                          "    : a_(first) {\n" + "    g();\n" * 80 + "}\n",
    "core/big.cc": "// Big.\n" * 460,
    "check/ugly.cc": "int  f( ){return 1;}\n",
    "core/seam_ok.cc": '#include "sim/time.h"\n',
    "tests/tidy/unformatted.txt": "sim/ok.h\n",
}
EXPECTED = ["steady_clock", "rand()", "file I/O", "seam headers", "must open",
            "columns", "_distribution", "harness/long.cc:1: function is",
            "harness/wrapped.cc:1: function is", "core/big.cc:1: file has 460 lines",
            "check/ugly.cc:1: not clang-formatted", "sim/ok.h:1: formatted now"]
# Allowed: core/ may include what sim/node_env.h includes, transitively.
UNEXPECTED = ["core/seam_ok.cc"]


def run(tree):
    return subprocess.run([sys.executable, str(HERE / "tidy.py"), str(tree)],
                          capture_output=True, text=True)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / "sim").mkdir()
        (root / ".clang-format").write_text((HERE.parent.parent / ".clang-format").read_text())
        (root / "sim/ok.h").write_text("#pragma once\n// Owns nothing.\nint y;\n")
        (root / "sim/node_env.h").write_text('#pragma once\n// The seam.\n#include "sim/time.h"\n')
        (root / "sim/time.h").write_text("#pragma once\n// Time.\nint t;\n")
        clean = run(root)
        if clean.returncode != 0:
            print("clean tree rejected:\n" + clean.stdout)
            return 1
        for name, text in BAD.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        dirty = run(root)
        missing = [e for e in EXPECTED if e not in dirty.stdout]
        wrong = [u for u in UNEXPECTED if u in dirty.stdout]
        if dirty.returncode != 1 or missing or wrong:
            print(f"violations not caught: {missing}; wrongly caught: {wrong}\n{dirty.stdout}")
            return 1
    print("tidy self-test: every rule caught its violation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
