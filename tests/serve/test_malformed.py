"""Bad input never takes the server down: garbage bytes, a truncated frame, a size field
of 2 GiB, an unknown API key, a request to a broker that does not lead the partition. Each
gets Kafka's answer or a closed connection with one log line, and the server then answers
a well-formed request on another connection."""
import struct
import time

from conftest import (REPO, api_versions, closed_by_server, connect, read_frame,
                      request_frame)


def wait_for_log(server, text, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in server.log():
            return True
        time.sleep(0.05)
    return False


def test_garbage_bytes_close_that_connection_and_the_server_goes_on(serve):
    server = serve()
    port = server.ports[1]
    with connect(port) as bad:
        bad.sendall(struct.pack(">i", 12) + b"\xde\xad\xbe\xef garbage")
        assert closed_by_server(bad)
    assert wait_for_log(server, "closing connection")
    assert 3 in api_versions(port)


def test_a_truncated_frame_closes_only_that_connection(serve):
    server = serve()
    port = server.ports[1]
    with connect(port) as healthy:
        frame = request_frame(18, 0, 1)
        with connect(port) as bad:
            bad.sendall(struct.pack(">i", 100) + b"only ten b")  # announced 100, sent 10
        assert wait_for_log(server, "in the middle of a frame")
        healthy.sendall(frame)
        assert read_frame(healthy) is not None


def test_a_body_shorter_than_its_fields_is_an_invalid_request(serve):
    server = serve()
    port = server.ports[1]
    with connect(port) as bad:
        # Metadata v1 announcing 5 topic names and carrying none.
        bad.sendall(request_frame(3, 1, 2, struct.pack(">i", 5)))
        assert closed_by_server(bad)
    assert len(server.log().strip().splitlines()) == 1
    assert 3 in api_versions(port)


def test_a_two_gib_size_is_refused_before_it_is_read(serve):
    server = serve()
    port = server.ports[1]
    with connect(port) as bad:
        bad.sendall(struct.pack(">i", 2**31 - 1))
        assert closed_by_server(bad)
    assert wait_for_log(server, "socket.request.max.bytes 104857600")
    assert 0 in api_versions(port)


def test_an_unknown_api_key_closes_that_connection(serve):
    server = serve()
    port = server.ports[1]
    with connect(port) as bad:
        bad.sendall(request_frame(999, 0, 3))
        assert closed_by_server(bad)
    assert wait_for_log(server, "closing connection")
    assert 18 in api_versions(port)


def test_an_unsupported_api_versions_version_gets_kafkas_v0_fallback(serve):
    server = serve()
    with connect(server.ports[1]) as sock:
        sock.sendall(request_frame(18, 99, 4))
        payload = read_frame(sock)
    correlation_id, error = struct.unpack(">ih", payload[:6])
    assert (correlation_id, error) == (4, 35)  # UNSUPPORTED_VERSION, with the v0 table
    assert struct.unpack(">i", payload[6:10])[0] > 0


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def varint(value):
    value = (value << 1) ^ (value >> 63)  # zigzag
    out = b""
    while value >= 0x80:
        out += bytes([(value & 0x7F) | 0x80])
        value >>= 7
    return out + bytes([value])


def one_record_batch(value):
    """Record batch v2 (magic 2) holding one record with a null key."""
    record = b"\x00" + varint(0) + varint(0) + varint(-1) + varint(len(value)) + value + varint(0)
    record = varint(len(record)) + record
    after_crc = (struct.pack(">hiqqqhii", 0, 0, 0, 0, -1, -1, -1, 1) + record)
    after_length = struct.pack(">ib", -1, 2) + struct.pack(">I", crc32c(after_crc)) + after_crc
    return struct.pack(">qi", 0, len(after_length)) + after_length


def produce_error(port, topic, correlation_id):
    """Produce v3 (acks=1) of one record to partition 0; the partition's error code."""
    batch = one_record_batch(b"hello")
    body = (struct.pack(">hhi", -1, 1, 5000) + struct.pack(">ih", 1, len(topic)) + topic +
            struct.pack(">iii", 1, 0, len(batch)) + batch)
    with connect(port) as sock:
        sock.sendall(request_frame(0, 3, correlation_id, body))
        payload = read_frame(sock)
    assert payload is not None, "the server closed a well-formed Produce"
    # correlation id, [topics] 1, name, [partitions] 1, index, error code
    offset = 4 + 4 + 2 + len(topic) + 4 + 4
    assert struct.unpack(">i", payload[:4])[0] == correlation_id
    return struct.unpack(">h", payload[offset:offset + 2])[0]


def test_produce_to_a_broker_that_is_not_the_leader_answers_not_leader_or_follower(serve):
    server = serve(str(REPO / "tests/serve/one_replica_each.toml"))
    errors = {broker: produce_error(port, b"only-one", broker)
              for broker, port in server.ports.items()}
    assert sorted(errors.values()) == [0, 6]  # NONE from the leader, NOT_LEADER_OR_FOLLOWER
    assert 0 in api_versions(server.ports[1])
