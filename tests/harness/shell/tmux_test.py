#!/usr/bin/env python3
"""`kafkasim shell` in a real terminal, as a person sees it.

Starts the shell in a detached tmux session (its own tmux server socket, so nothing else
is touched), types commands with send-keys, and reads the screen with capture-pane:
the prompt, a topic created, a consumer started, records typed at the producer's ">"
prompt, Ctrl-C ending the producer, and the consumer printing the records. Polls the screen with a timeout rather than
sleeping. tmux is installed by scripts/setup: without it this test fails.
"""
import os
import shutil
import subprocess
import sys
import time

SOCKET = f"kafkasim-shell-test-{os.getpid()}"
SESSION = "shell"
TIMEOUT_S = 30


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=check,
                          capture_output=True, text=True)


def screen():
    return tmux("capture-pane", "-p", "-t", SESSION, check=False).stdout


def wait_for(text, after=0):
    """Waits until `text` shows on the screen, after `after` occurrences of it."""
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        shown = screen()
        if shown.count(text) > after:
            return shown
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {text!r}; the screen shows:\n{screen()}")


def wait_for_last_line(text):
    """Waits until the last non-empty line on the screen is `text` (a fresh prompt)."""
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        lines = [line for line in screen().splitlines() if line.strip()]
        if lines and lines[-1].rstrip() == text:
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for a last line {text!r}:\n{screen()}")


def type_line(text):
    tmux("send-keys", "-t", SESSION, "-l", text)
    tmux("send-keys", "-t", SESSION, "Enter")


def main():
    if shutil.which("tmux") is None:
        print("FAIL: tmux is not installed (scripts/setup installs it)")
        return 1
    binary = sys.argv[1]
    tmux("new-session", "-d", "-s", SESSION, "-x", "160", "-y", "50", f"{binary} shell")
    try:
        shown = wait_for("kafkasim>")
        assert "kafkasim shell: 1 broker" in shown, shown
        type_line("kafka-topics.sh --bootstrap-server localhost:9092 --create "
                  "--topic demo --partitions 2 --replication-factor 1")
        wait_for("Created topic demo.")
        type_line("kafka-topics --list")
        wait_for("kafkasim>", after=2)
        type_line("kafka-console-consumer --topic demo --from-beginning")
        wait_for("consumer-1 started: topic demo")
        type_line("sleep 1s")
        wait_for("kafkasim>", after=4)
        type_line("kafka-console-producer --topic demo")
        wait_for(">")
        for record in ("hello", "world"):
            type_line(record)
            wait_for(">" + record)
        # Ctrl-C ends the console producer (a typed line "^C" does too, when piped).
        wait_for_last_line(">")
        tmux("send-keys", "-t", SESSION, "C-c")
        wait_for(">^C")
        wait_for("[consumer-1] hello")
        shown = wait_for("[consumer-1] world")
        type_line("kafka-topics --describe --topic nope")
        shown = wait_for("Error while executing topic command")
        type_line("bogus")
        shown = wait_for("kafkasim: unknown command 'bogus' (try 'help')")
        lines = shown.splitlines()
        assert any(line.startswith("kafkasim> kafka-topics --list") for line in lines), shown
        assert "demo" in lines, shown
        type_line("exit")
        deadline = time.monotonic() + TIMEOUT_S
        while tmux("has-session", "-t", SESSION, check=False).returncode == 0:
            if time.monotonic() > deadline:
                raise AssertionError("the shell did not exit on 'exit'")
            time.sleep(0.05)
        print(shown)
        print("tmux: prompt, topic, producer and consumer seen as a person sees them")
        return 0
    finally:
        tmux("kill-server", check=False)


if __name__ == "__main__":
    sys.exit(main())
