#!/usr/bin/env bash
# Golden transcript: runs `kafkasim shell < SCRIPT` and compares what it prints with
# EXPECTED byte for byte, printing a unified diff when they differ (exit 1).
# KAFKASIM_UPDATE_GOLDEN=1 rewrites EXPECTED from the run instead.
# Usage: check_transcript.sh KAFKASIM SCRIPT EXPECTED [shell flags...]
set -euo pipefail
binary=$1
script=$2
expected=$3
shift 3
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$binary" shell "$@" < "$script" > "$actual" 2>&1
if [ "${KAFKASIM_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$actual" "$expected"
    echo "updated $expected"
    exit 0
fi
if ! diff -u --label "$expected" --label "kafkasim shell < $script" "$expected" "$actual"; then
    echo "transcript differs from $expected (KAFKASIM_UPDATE_GOLDEN=1 rewrites it)"
    exit 1
fi
echo "transcript matches $expected"
