#!/usr/bin/env python3
"""House rules, enforced by a test rather than memory (style.md point 15).

Checks every C++ file under sim/ core/ wire/ check/ harness/ serve/ python/src/ bench/
tests/: banned tokens in the deterministic layers (sim/, core/, wire/), line length,
function length, the one-sentence opening comment of each header, and core/ reaching sim/ only through
its seam headers. Prints one line per violation (file:line: rule) and exits 1 if any.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
CPP_DIRS = ["sim", "core", "wire", "check", "harness", "serve", "python/src", "bench", "tests"]
DETERMINISTIC_DIRS = ["sim", "core", "wire"]
MAX_COLUMNS = 100
MAX_FUNCTION_LINES = 70
SEAM_HEADERS = {"node_env.h", "time.h", "rng.h", "assert.h", "result.h", "disk.h",
                "message.h", "mark.h"}

BANNED_EVERYWHERE_DETERMINISTIC = [
    (re.compile(r"std::random_device"), "std::random_device (use sim::Rng)"),
    (re.compile(r"\bsystem_clock\b"), "wall clock system_clock (use virtual time)"),
    (re.compile(r"\bsteady_clock\b"), "wall clock steady_clock (use virtual time)"),
    (re.compile(r"\bhigh_resolution_clock\b"), "wall clock high_resolution_clock"),
    (re.compile(r"(?<![\w:.])s?rand\s*\("), "rand() (use sim::Rng)"),
    (re.compile(r"std::thread\b|<thread>"), "threads inside a World"),
    (re.compile(r"_distribution\s*<"), "std::*_distribution (differs across libraries)"),
    (re.compile(r"<cassert>|(?<![\w_])assert\s*\("), "<cassert>/assert (use KS_ASSERT)"),
]
BANNED_IN_CORE = [
    (re.compile(r"<fstream>|<iostream>|<cstdio>|\bfopen\s*\("), "file I/O in core/"),
]
BANNED_ANYWHERE = [(re.compile(r"\bFIXME\b"), "FIXME left in the code")]


def cpp_files():
    for folder in CPP_DIRS:
        base = ROOT / folder
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix in (".h", ".cc", ".hpp", ".cpp") and "corpus" not in path.parts:
                yield path


def strip_strings_and_comments(line):
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    return line.split("//", 1)[0]


def check_tokens(path, rel, lines, problems):
    top = rel.parts[0]
    rules = list(BANNED_ANYWHERE)
    if top in DETERMINISTIC_DIRS:
        rules += BANNED_EVERYWHERE_DETERMINISTIC
    if top == "core":
        rules += BANNED_IN_CORE
    for number, line in enumerate(lines, 1):
        code = strip_strings_and_comments(line) if top != "tests" else line
        for pattern, why in rules:
            target = line if why.startswith("FIXME") else code
            if pattern.search(target):
                problems.append(f"{rel}:{number}: banned: {why}")


def check_columns(rel, lines, problems):
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_COLUMNS:
            problems.append(f"{rel}:{number}: line has {len(line)} columns (max {MAX_COLUMNS})")


def check_header_comment(rel, lines, problems):
    if rel.suffix != ".h":
        return
    body = [l for l in lines if l.strip() and not l.startswith("#pragma once")]
    if not body or not body[0].lstrip().startswith("//"):
        problems.append(f"{rel}:1: header must open with a comment saying what it owns")


def check_core_includes(rel, lines, problems):
    if rel.parts[0] != "core":
        return
    for number, line in enumerate(lines, 1):
        match = re.match(r'\s*#include\s+"sim/([^"]+)"', line)
        if match and match.group(1) not in SEAM_HEADERS:
            problems.append(f"{rel}:{number}: core/ may include only sim/ seam headers, "
                            f"not sim/{match.group(1)}")


FUNCTION_START = re.compile(r"^[A-Za-z_][\w:<>,\s\*&~\[\]]*\([^;]*\)[^;]*\{\s*$")


def check_function_lengths(rel, lines, problems):
    """Counts lines of functions defined at column 0 (the .cc convention here)."""
    if rel.suffix != ".cc":
        return
    index = 0
    while index < len(lines):
        line = lines[index]
        keyword = line.split("(")[0]
        if FUNCTION_START.match(line) and not re.match(
                r"^(namespace|struct|class|enum|union|extern|TEST|TEST_F|TEST_P)\b", keyword):
            depth = 0
            start = index
            while index < len(lines):
                depth += lines[index].count("{") - lines[index].count("}")
                if depth <= 0 and index > start:
                    break
                index += 1
            length = index - start + 1
            if length > MAX_FUNCTION_LINES:
                problems.append(f"{rel}:{start + 1}: function is {length} lines "
                                f"(max {MAX_FUNCTION_LINES})")
        index += 1


def main():
    problems = []
    count = 0
    for path in cpp_files():
        rel = path.relative_to(ROOT)
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        count += 1
        check_tokens(path, rel, lines, problems)
        check_columns(rel, lines, problems)
        check_header_comment(rel, lines, problems)
        check_core_includes(rel, lines, problems)
        check_function_lengths(rel, lines, problems)
    for problem in problems:
        print(problem)
    print(f"tidy: {count} files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
