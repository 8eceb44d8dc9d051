"""The APIs no installed client exercises, sent as raw frames: DescribeCluster (KIP-700,
flexible v0) lists every live broker with its advertised port and names a live broker as
the controller; OffsetForLeaderEpoch (KIP-320) answers the leader's epoch end offset and
NOT_LEADER_OR_FOLLOWER from a broker that does not lead."""
import struct

from conftest import REPO, connect, read_frame
from test_malformed import produce_error


def uvarint(data, at):
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def compact_string(data, at):
    length, at = uvarint(data, at)
    if length == 0:
        return None, at
    return data[at:at + length - 1].decode(), at + length - 1


def describe_cluster(port):
    """DescribeCluster v0: request header v2 (tagged fields), the response's brokers."""
    client_id = b"raw"
    payload = (struct.pack(">hhih", 60, 0, 11, len(client_id)) + client_id + b"\x00" +
               b"\x00" + b"\x00")  # include_cluster_authorized_operations, tagged fields
    with connect(port) as sock:
        sock.sendall(struct.pack(">i", len(payload)) + payload)
        data = read_frame(sock)
    assert data is not None
    assert struct.unpack(">i", data[:4])[0] == 11
    _, at = uvarint(data, 4)  # response header v1 tagged fields
    _, error = struct.unpack(">ih", data[at:at + 6])
    assert error == 0
    _, at = compact_string(data, at + 6)  # error_message
    cluster_id, at = compact_string(data, at)
    controller_id = struct.unpack(">i", data[at:at + 4])[0]
    count, at = uvarint(data, at + 4)
    brokers = {}
    for _ in range(count - 1):
        broker_id = struct.unpack(">i", data[at:at + 4])[0]
        host, at = compact_string(data, at + 4)
        port_ = struct.unpack(">i", data[at:at + 4])[0]
        _, at = compact_string(data, at + 4)  # rack
        _, at = uvarint(data, at)  # tagged fields
        brokers[broker_id] = (host, port_)
    return cluster_id, controller_id, brokers


def test_describe_cluster_lists_the_live_brokers_at_their_ports(serve):
    server = serve("--brokers", "3", "--controllers", "1")
    cluster_id, controller_id, brokers = describe_cluster(server.ports[2])
    assert cluster_id == "kafkasim"
    assert brokers == {b: ("127.0.0.1", p) for b, p in server.ports.items()}
    assert controller_id in brokers  # a dedicated KRaft controller has no client listener


def offset_for_leader_epoch(port, topic):
    """OffsetForLeaderEpoch v3 for partition 0 in epoch 0 (a new topic's first leader's):
    (error, epoch, end offset)."""
    body = (struct.pack(">ii", -1, 1) + struct.pack(">h", len(topic)) + topic +
            struct.pack(">iiii", 1, 0, -1, 0))
    client_id = b"raw"
    payload = struct.pack(">hhih", 23, 3, 12, len(client_id)) + client_id + body
    with connect(port) as sock:
        sock.sendall(struct.pack(">i", len(payload)) + payload)
        data = read_frame(sock)
    assert data is not None and struct.unpack(">i", data[:4])[0] == 12
    at = 4 + 4 + 4 + 2 + len(topic) + 4  # corr, throttle, [topics], name, [partitions]
    error, _, epoch, end = struct.unpack(">hiiq", data[at:at + 18])
    return error, epoch, end


def test_offset_for_leader_epoch_answers_the_leaders_end_offset(serve):
    server = serve(str(REPO / "tests/serve/one_replica_each.toml"))
    errors = {b: produce_error(p, b"only-one", b) for b, p in server.ports.items()}
    leader = next(b for b, e in errors.items() if e == 0)
    follower = next(b for b in errors if b != leader)
    error, epoch, end = offset_for_leader_epoch(server.ports[leader], b"only-one")
    assert (error, epoch, end) == (0, 0, 1)  # epoch 0 is the latest: it ends at the log end
    assert offset_for_leader_epoch(server.ports[follower], b"only-one")[0] == 6
