"""`kafkasim serve` as a script sees it: one line per listening broker, then `ready`; a
clean exit 0 on SIGTERM and on --for; one message and exit 2 on bad arguments; the shell's
cluster commands on stdin, a crashed broker's port refusing connections until restart."""
import socket
import subprocess

import pytest

from conftest import BINARY, REPO, api_versions, closed_by_server, connect


def refused(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        return False
    except ConnectionRefusedError:
        return True


def test_every_broker_listens_on_its_own_port_then_ready_and_sigterm_exits_0(serve):
    server = serve("--brokers", "3")
    assert sorted(server.ports) == [1, 2, 3]
    assert len(set(server.ports.values())) == 3
    for port in server.ports.values():
        connect(port).close()
    assert server.stop() == 0


def test_for_stops_serving_after_that_long_with_exit_0():
    done = subprocess.run([BINARY, "serve", "--listen", "127.0.0.1:0", "--for", "1s"],
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "ready"


@pytest.mark.parametrize("args,message", [
    (["--listen", "localhost"], "--listen: expected HOST:PORT"),
    (["--listen", "127.0.0.1:70000"], "--listen: expected HOST:PORT"),
    (["--for", "soon"], "--for: expected a duration"),
    (["no/such/scenario.toml"], "no/such/scenario.toml"),
])
def test_bad_arguments_print_one_message_and_exit_2(args, message):
    if "--listen" not in args:
        args = ["--listen", "127.0.0.1:0", *args]
    done = subprocess.run([BINARY, "serve", *args],
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "ready" not in done.stdout


def test_a_port_already_in_use_is_bad_input():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([BINARY, "serve", "--listen", f"127.0.0.1:{port}"],
                              capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr


def test_a_crashed_broker_closes_its_connections_and_refuses_new_ones_until_restart(serve):
    server = serve("--brokers", "2")
    port = server.ports[2]
    open_connection = connect(port)
    server.type("crash 2", expect="broker 2 crashed")
    assert closed_by_server(open_connection)
    assert refused(port)
    assert not refused(server.ports[1])
    server.type("restart 2", expect="broker 2 restarted")
    assert api_versions(port)[18][0] == 0


def test_stdin_takes_the_shells_cluster_commands_with_the_shells_usage_errors(serve):
    server = serve("--brokers", "3")
    lines = server.type("brokers", expect="broker 3")
    assert any("broker 1" in line and "up" in line for line in lines)
    server.type("pause 2", expect="usage: pause BROKER DURATION")
    server.type("isolate 3", expect="broker 3 isolated")
    server.type("heal", expect="network healed")
    server.type("power-loss 3", expect="broker 3 lost power")
    server.type("kafka-topics --list", expect="unknown command 'kafka-topics'")
    server.type("crash 9", expect="no broker 9 (brokers: 1,2,3)")
