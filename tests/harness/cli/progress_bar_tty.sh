#!/usr/bin/env bash
# What a person sees when a sweep runs in a real terminal: a tmux pane runs
# `kafkasim run` on a scenario and the pane must show the progress bar filled to the
# last seed, then the summary table. Piped output (the other CLI tests) has no bar.
# Usage: progress_bar_tty.sh KAFKASIM_BINARY SCENARIO
set -euo pipefail
binary="$1"
scenario="$2"
command -v tmux > /dev/null || { echo "tmux is missing: run scripts/setup" >&2; exit 1; }

session="kafkasim-progress-$$"
socket="kafkasim-test-$$"
tmux_() { tmux -L "$socket" "$@"; }
trap 'tmux_ kill-server 2> /dev/null || true' EXIT

tmux_ new-session -d -s "$session" -x 120 -y 40
tmux_ send-keys -t "$session" "'$binary' run '$scenario' --seeds 1..4 --jobs 2; echo exit=\$?" Enter

# Poll the pane until the command has finished (at most 120 s of wall time).
screen=""
for _ in $(seq 1 600); do
    screen="$(tmux_ capture-pane -p -S - -t "$session")"
    if grep -Eq '^exit=[0-9]+$' <<< "$screen"; then break; fi
    sleep 0.2
done

fail() { echo "FAIL: $1"; echo "--- pane ---"; echo "$screen"; exit 1; }
grep -q '^exit=0$' <<< "$screen" || fail "kafkasim did not exit 0"
grep -Eq '\[#+\] 4/4 seeds, 0 failing' <<< "$screen" || fail "no full progress bar"
grep -Eq '^seeds run +4$' <<< "$screen" || fail "no summary table after the bar"
echo "progress bar and summary shown in a terminal"
