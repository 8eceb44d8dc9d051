#!/usr/bin/env python3
"""House rules, enforced by a test rather than memory (style.md point 15).

Checks every C++ file under sim/ core/ check/ harness/ wire/ serve/ python/src/ bench/
tests/: banned tokens in the deterministic layers (sim/, core/), line length, function
length (signatures wrapped over several lines too), file length, the one-sentence opening
comment of each header, core/ reaching sim/ only through the seam (sim/node_env.h and the
headers it includes, followed transitively, so the list is what exists), and .clang-format
on every file not yet listed in tests/tidy/unformatted.txt. Prints one line per violation
(file:line: rule) and exits 1 if any.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
CPP_DIRS = ["sim", "core", "check", "harness", "wire", "serve", "python/src", "bench", "tests"]
DETERMINISTIC_DIRS = ["sim", "core"]
MAX_COLUMNS = 100
MAX_FUNCTION_LINES = 70
# style.md: split at ~400 lines. Above the soft limit tidy prints a note; above the hard
# limit the file fails, in the product's folders (tests may hold longer tables).
SOFT_FILE_LINES = 400
MAX_FILE_LINES = 450
FILE_SIZE_DIRS = ["sim", "core", "check", "harness", "wire", "serve"]
SEAM_ROOT = "node_env.h"
# Files that predate the .clang-format check: exempt until formatted, then removed (tidy
# says so), so the list only shrinks. A new file is checked from its first commit.
UNFORMATTED_LIST = "tests/tidy/unformatted.txt"

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


SIM_INCLUDE = re.compile(r'\s*#include\s+"sim/([^"]+)"')


def seam_headers(problems):
    """sim/node_env.h and every sim/ header it includes, transitively: the types the seam
    names. Computed, so it always matches the tree."""
    seam, todo = set(), [SEAM_ROOT]
    while todo:
        name = todo.pop()
        path = ROOT / "sim" / name
        if name in seam:
            continue
        if not path.exists():
            problems.append(f"sim/{name}:1: seam header is missing")
            continue
        seam.add(name)
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            match = SIM_INCLUDE.match(line)
            if match:
                todo.append(match.group(1))
    return seam


def check_core_includes(rel, lines, seam, problems):
    if rel.parts[0] != "core":
        return
    for number, line in enumerate(lines, 1):
        match = SIM_INCLUDE.match(line)
        if match and match.group(1) not in seam:
            problems.append(f"{rel}:{number}: core/ may include only sim/ seam headers "
                            f"({', '.join(sorted(seam))}), not sim/{match.group(1)}")


def check_file_length(rel, lines, problems, notes):
    if rel.parts[0] not in FILE_SIZE_DIRS:
        return
    if len(lines) > MAX_FILE_LINES:
        problems.append(f"{rel}:1: file has {len(lines)} lines (max {MAX_FILE_LINES}; "
                        f"split it by idea)")
    elif len(lines) > SOFT_FILE_LINES:
        notes.append(f"{rel}:1: note: file has {len(lines)} lines (aim for "
                     f"{SOFT_FILE_LINES}; fails above {MAX_FILE_LINES})")


SIGNATURE_START = re.compile(r"^[A-Za-z_][\w:<>,\s\*&~\[\]]*\(")
NOT_A_FUNCTION = re.compile(r"^(namespace|struct|class|enum|union|extern|TEST|TEST_F|TEST_P|"
                            r"return|using|typedef|template)\b")
MAX_SIGNATURE_LINES = 12


def function_body_start(lines, index):
    """The line holding the opening brace of a function defined at column 0 whose
    signature starts at `index` (wrapped over lines, with a constructor's initializer
    list), or None when the lines there are not a function definition."""
    line = lines[index]
    if not SIGNATURE_START.match(line) or NOT_A_FUNCTION.match(line.split("(")[0]):
        return None
    depth = 0
    for at in range(index, min(len(lines), index + MAX_SIGNATURE_LINES)):
        code = strip_strings_and_comments(lines[at])
        if at > index and code[:1] not in ("", " ", "\t", ":", ")"):
            return None  # a new statement at column 0: it was not a definition
        depth += code.count("(") - code.count(")")
        if ";" in code and depth <= 0:
            return None
        if depth <= 0 and code.rstrip().endswith("{"):
            return at
    return None


def check_function_lengths(rel, lines, problems):
    """Counts the lines of functions defined at column 0 (the .cc convention here), from
    the first line of the signature to the closing brace."""
    if rel.suffix != ".cc":
        return
    index = 0
    while index < len(lines):
        body = function_body_start(lines, index)
        if body is None:
            index += 1
            continue
        start, depth, at = index, 0, body
        while at < len(lines):
            code = strip_strings_and_comments(lines[at])
            depth += code.count("{") - code.count("}")
            if depth <= 0:
                break
            at += 1
        length = at - start + 1
        if length > MAX_FUNCTION_LINES:
            problems.append(f"{rel}:{start + 1}: function is {length} lines "
                            f"(max {MAX_FUNCTION_LINES})")
        index = at + 1


def clang_format_binary():
    for name in ("clang-format-14", "clang-format"):
        found = shutil.which(name)
        if found:
            return found
    return None


def check_formatting(rels, problems):
    listed_path = ROOT / UNFORMATTED_LIST
    listed = set()
    if listed_path.exists():
        for line in listed_path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                listed.add(line.strip())
    binary = clang_format_binary()
    if binary is None:
        problems.append(f"{UNFORMATTED_LIST}:1: clang-format not found (scripts/setup "
                        f"installs it)")
        return
    names = sorted(str(rel) for rel in rels)
    present = set(names)
    for name in sorted(listed - present):
        problems.append(f"{UNFORMATTED_LIST}:1: {name} no longer exists; remove it")
    if not names:
        return
    result = subprocess.run([binary, "--dry-run", "-Werror", "--style=file", *names],
                            cwd=ROOT, capture_output=True, text=True)
    unformatted = set()
    for line in result.stderr.splitlines():
        match = re.match(r"^(\S+?):\d+:\d+: (?:error|warning): code should be clang-formatted",
                         line)
        if match:
            unformatted.add(os.path.normpath(match.group(1)))
    for name in names:
        if name in listed and name not in unformatted:
            problems.append(f"{name}:1: formatted now: remove it from {UNFORMATTED_LIST}")
        elif name not in listed and name in unformatted:
            problems.append(f"{name}:1: not clang-formatted (run clang-format-14 -i {name})")


def main():
    problems, notes = [], []
    seam = seam_headers(problems)
    rels = []
    for path in cpp_files():
        rel = path.relative_to(ROOT)
        rels.append(rel)
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        check_tokens(path, rel, lines, problems)
        check_columns(rel, lines, problems)
        check_header_comment(rel, lines, problems)
        check_core_includes(rel, lines, seam, problems)
        check_function_lengths(rel, lines, problems)
        check_file_length(rel, lines, problems, notes)
    check_formatting(rels, problems)
    count = len(rels)
    for note in notes:
        print(note)
    for problem in problems:
        print(problem)
    print(f"tidy: {count} files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
