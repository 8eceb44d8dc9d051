"""Shared fixtures for the tests of `kafkasim serve` against real Kafka clients: a running
server on free loopback ports (started, parsed, stopped with SIGTERM) and a minimal raw
Kafka client for the malformed-input tests. Every wait is bounded, so a hung server fails
a test in seconds instead of hanging CI."""
import os
import pathlib
import select
import signal
import socket
import struct
import subprocess
import time

import pytest

REPO = pathlib.Path(os.environ.get("KAFKASIM_SOURCE_DIR",
                                   pathlib.Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("KAFKASIM_BINARY", str(REPO / "build/harness/kafkasim"))
READY_TIMEOUT = 60


class Serve:
    """One `kafkasim serve --listen 127.0.0.1:0` process."""

    def __init__(self, tmp_path, *args, command="serve"):
        self.log_path = tmp_path / f"{command}-{id(self)}.stderr"
        self.log_file = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [BINARY, command, "--listen", "127.0.0.1:0", *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log_file,
            cwd=REPO, text=True, bufsize=1)
        self.pending = b""  # stdout bytes read but not yet returned as a line
        self.ports = {}
        for line in self.read_until(lambda l: l == "ready", READY_TIMEOUT):
            if " listening on " in line:
                broker, address = line.split(" listening on ")
                self.ports[int(broker.split()[1])] = int(address.rsplit(":", 1)[1])

    def read_line(self, timeout):
        """The next stdout line, or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)  # raw reads: a buffered readline would hide lines
            if not chunk:
                return None
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode()

    def read_until(self, done, timeout):
        """Stdout lines up to and including the first for which done(line) holds."""
        lines = []
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            line = self.read_line(max(left, 0)) if left > 0 else None
            if line is None:
                raise AssertionError(f"serve printed {lines} and then nothing for {timeout}s; "
                                     f"stderr: {self.log()}")
            lines.append(line)
            if done(line):
                return lines

    def type(self, line, expect=None, timeout=10):
        """Types `line` on serve's stdin; with `expect`, waits for a stdout line holding it."""
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        if expect is not None:
            return self.read_until(lambda l: expect in l, timeout)
        return []

    @property
    def bootstrap(self):
        return ",".join(f"127.0.0.1:{port}" for port in self.ports.values())

    def log(self):
        self.log_file.flush()
        return self.log_path.read_text()

    def stop(self):
        """SIGTERM; the exit code (serve exits 0 on a signal)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.log_file.close()


@pytest.fixture
def serve(tmp_path):
    """A factory: serve(*args) starts a server; every one started is stopped at the end."""
    started = []

    def start(*args, command="serve"):
        server = Serve(tmp_path, *args, command=command)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


# A raw Kafka client: just enough to send well-formed and malformed frames.

def request_frame(api_key, version, correlation_id, body=b"", client_id=b"raw"):
    """Request header v1 (key, version, correlation id, client id) and the body."""
    header = struct.pack(">hhih", api_key, version, correlation_id, len(client_id)) + client_id
    payload = header + body
    return struct.pack(">i", len(payload)) + payload


def connect(port, timeout=10):
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.settimeout(timeout)
    return sock


def read_frame(sock):
    """One response frame's payload, or None when the server closed the connection."""
    size = recv_exactly(sock, 4)
    if size is None:
        return None
    return recv_exactly(sock, struct.unpack(">i", size)[0])


def recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def api_versions(port):
    """ApiVersions v0 on a fresh connection: {api_key: (min, max)}."""
    with connect(port) as sock:
        sock.sendall(request_frame(18, 0, 7))
        payload = read_frame(sock)
    assert payload is not None, "the server closed a well-formed ApiVersions"
    correlation_id, error, count = struct.unpack(">ihi", payload[:10])
    assert (correlation_id, error) == (7, 0)
    versions = {}
    for i in range(count):
        key, low, high = struct.unpack(">hhh", payload[10 + 6 * i:16 + 6 * i])
        versions[key] = (low, high)
    return versions


def closed_by_server(sock, timeout=10):
    """True when the server closes the connection (EOF or reset) within `timeout`."""
    sock.settimeout(timeout)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def read_partitions(bootstrap, partitions, timeout=30):
    """Every record value of `partitions` (kafka-python TopicPartitions) from the log start
    to the end offsets at the time of the call, with a partition-assigned consumer."""
    from kafka import KafkaConsumer
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None,
                             request_timeout_ms=15000)
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    end = consumer.end_offsets(partitions)
    values = []
    deadline = time.monotonic() + timeout
    while any(consumer.position(tp) < end[tp] for tp in partitions):
        assert time.monotonic() < deadline, f"read {len(values)} records in {timeout}s"
        for records in consumer.poll(timeout_ms=500).values():
            values.extend(record.value.decode() for record in records)
    consumer.close()
    return values
