"""kcat (librdkafka) against serve: -L lists every broker with its port and every
partition with leader, replicas and ISR; 10,000 keyed lines produced with Java's murmur2
partitioner come back with -C -e, in order per partition, each key on its partition."""
import re
import subprocess

from conftest import REPO

SCENARIO = str(REPO / "tests/serve/three_brokers.toml")


def kcat(*args, stdin=None, timeout=60):
    done = subprocess.run(["kcat", *args], input=stdin, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done.stdout


def murmur2(data):
    """Kafka's Utils.murmur2 (seed 0x9747b28c), as the Java partitioner hashes keys."""
    m, r = 0x5bd1e995, 24
    length = len(data)
    h = (0x9747b28c ^ length) & 0xFFFFFFFF
    for i in range(0, length - length % 4, 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * m) & 0xFFFFFFFF
        k ^= k >> r
        k = (k * m) & 0xFFFFFFFF
        h = ((h * m) & 0xFFFFFFFF) ^ k
    tail = length % 4
    base = length - tail
    if tail == 3:
        h ^= data[base + 2] << 16
    if tail >= 2:
        h ^= data[base + 1] << 8
    if tail >= 1:
        h ^= data[base]
        h = (h * m) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * m) & 0xFFFFFFFF
    h ^= h >> 15
    return h


def partition_of(key, partitions):
    return (murmur2(key.encode()) & 0x7FFFFFFF) % partitions


def test_metadata_lists_every_broker_with_its_port_and_every_partition(serve):
    server = serve(SCENARIO)
    out = kcat("-b", server.bootstrap, "-L")
    for broker, port in server.ports.items():
        assert re.search(rf"broker {broker} at 127\.0\.0\.1:{port}\b", out), out
    assert 'topic "orders" with 3 partitions:' in out
    for partition in range(3):
        line = re.search(rf"partition {partition}, leader (\d+), replicas: ([\d,]+), "
                         rf"isrs: ([\d,]+)", out)
        assert line, out
        assert sorted(map(int, line.group(2).split(","))) == [1, 2, 3]
        assert sorted(map(int, line.group(3).split(","))) == [1, 2, 3]
        assert int(line.group(1)) in (1, 2, 3)


def test_ten_thousand_keyed_lines_come_back_in_order_on_their_murmur2_partitions(serve):
    server = serve(SCENARIO)
    lines = [f"truck_{i % 50}:{i}" for i in range(10000)]
    kcat("-b", server.bootstrap, "-t", "orders", "-P", "-K", ":",
         "-X", "partitioner=murmur2_random", stdin="\n".join(lines) + "\n")
    out = kcat("-b", server.bootstrap, "-t", "orders", "-C", "-e", "-o", "beginning",
               "-f", "%p %k %s\n")
    read = [line.split(" ") for line in out.splitlines() if line]
    assert len(read) == 10000
    assert sorted(int(value) for _, _, value in read) == list(range(10000))
    by_partition = {}
    for partition, key, value in read:
        assert int(partition) == partition_of(key, 3), (key, partition)
        by_partition.setdefault(int(partition), []).append(int(value))
    for values in by_partition.values():
        assert values == sorted(values)  # one producer: each partition keeps its order
