"""`kafkasim serve` as a script sees it: one line per listening broker, then `ready`; a
clean exit 0 on SIGTERM and on --for; one message and exit 2 on bad arguments; the shell's
cluster commands on stdin, a crashed broker's port refusing connections until restart."""
import socket
import struct
import subprocess
import time

import pytest

from conftest import (BINARY, REPO, api_versions, closed_by_server, connect, read_frame,
                      request_frame)


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


def answered_within(sock, correlation_id, seconds):
    """Sends ApiVersions v0 and says whether its answer came within `seconds`."""
    sock.sendall(request_frame(18, 0, correlation_id))
    sock.settimeout(seconds)
    try:
        payload = read_frame(sock)
    except socket.timeout:
        return None
    assert payload is not None, "the server closed the connection"
    return struct.unpack(">i", payload[:4])[0]


def test_a_paused_broker_keeps_its_sockets_open_and_silent_then_answers(serve):
    server = serve()
    with connect(server.ports[1]) as sock:
        assert answered_within(sock, 1, 5) == 1
        server.type("pause 1 2s", expect="broker 1 paused for 2s")
        assert answered_within(sock, 2, 1) is None
        sock.settimeout(10)
        assert struct.unpack(">i", read_frame(sock)[:4])[0] == 2  # after the pause


def test_an_isolated_broker_goes_silent_and_answers_once_healed(serve):
    server = serve("--brokers", "2")
    with connect(server.ports[2]) as sock:
        assert answered_within(sock, 1, 5) == 1
        server.type("isolate 2", expect="broker 2 isolated")
        assert answered_within(sock, 2, 1.5) is None
        with connect(server.ports[2]) as fresh:  # a connection opened while isolated
            assert answered_within(fresh, 3, 1) is None
            server.type("heal", expect="network healed")
            fresh.settimeout(10)
            assert struct.unpack(">i", read_frame(fresh)[:4])[0] == 3
        sock.settimeout(10)
        assert struct.unpack(">i", read_frame(sock)[:4])[0] == 2


def test_shell_listen_serves_the_shells_cluster_to_real_clients(serve):
    shell = serve("--brokers", "2", command="shell")
    shell.type("kafka-topics --create --topic from-the-shell --partitions 2",
               expect="Created topic from-the-shell.")
    listed = subprocess.run(["kcat", "-b", shell.bootstrap, "-L", "-t", "from-the-shell"],
                            capture_output=True, text=True, timeout=30)
    assert 'topic "from-the-shell" with 2 partitions:' in listed.stdout, listed.stderr
    for broker, port in shell.ports.items():
        assert f"broker {broker} at 127.0.0.1:{port}" in listed.stdout


def test_a_scenarios_scheduled_crash_closes_the_port_then_restart_reopens_it(serve):
    server = serve(str(REPO / "tests/serve/scheduled_crash.toml"))
    port = server.ports[2]
    assert not refused(port)
    deadline = time.monotonic() + 10
    while not refused(port):
        assert time.monotonic() < deadline, "the scheduled crash never closed the port"
        time.sleep(0.1)
    crashed_at = time.monotonic()
    while refused(port):
        assert time.monotonic() < deadline, "the crash never healed"
        time.sleep(0.1)
    assert 1.0 < time.monotonic() - crashed_at < 3.5  # paced: 2s of virtual time
    assert 18 in api_versions(port)
