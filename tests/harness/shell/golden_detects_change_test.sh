#!/usr/bin/env bash
# The golden transcript test can fail: for each line of Kafka behaviour below, a copy
# of the expected transcript with that one line altered must be reported as a mismatch,
# with the altered line in the diff.
# Usage: golden_detects_change_test.sh KAFKASIM SCRIPT EXPECTED
set -euo pipefail
binary=$1
script=$2
expected=$3
checker="$(dirname "$0")/check_transcript.sh"
altered=$(mktemp)
report=$(mktemp)
trap 'rm -f "$altered" "$report"' EXIT

# pattern (a line of Kafka behaviour) -> sed expression altering it.
mutations=(
    "larger than available brokers: 1.|s/larger than available brokers: 1\./larger than available brokers: 2./"
    "PartitionCount: 3|s/PartitionCount: 3/PartitionCount: 4/"
    "\\[consumer-.*\\] M1\$|s/\\] M1\$/] M2/"
)
for mutation in "${mutations[@]}"; do
    pattern=${mutation%%|*}
    expression=${mutation#*|}
    line=$(grep -n -m1 -E "$pattern" "$expected" | cut -d: -f1)
    if [ -z "$line" ]; then
        echo "FAIL: no line matching '$pattern' in $expected"
        exit 1
    fi
    sed "${line}${expression}" "$expected" > "$altered"
    if cmp -s "$expected" "$altered"; then
        echo "FAIL: the mutation '$expression' changed nothing"
        exit 1
    fi
    if bash "$checker" "$binary" "$script" "$altered" > "$report" 2>&1; then
        echo "FAIL: a transcript with line $line altered ($expression) was accepted"
        exit 1
    fi
    if ! grep -q '^-' "$report" || ! grep -q 'transcript differs' "$report"; then
        echo "FAIL: the mismatch was not reported as a diff:"
        cat "$report"
        exit 1
    fi
    echo "ok: altering line $line ($expression) is reported:"
    grep -E '^[-+][^-+]' "$report"
done
