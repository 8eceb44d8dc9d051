"""confluent-kafka's idempotent producer (acks=all, RF 3, min.insync.replicas=2) keeps
producing across a crash of the partition leader typed on serve's stdin; afterwards every
record it was told was delivered is read back exactly once."""
import time

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient
from kafka import TopicPartition

from conftest import REPO, read_partitions

SCENARIO = str(REPO / "tests/serve/three_brokers.toml")


def leader_of(bootstrap, topic, partition):
    metadata = AdminClient({"bootstrap.servers": bootstrap}).list_topics(timeout=10)
    return metadata.topics[topic].partitions[partition].leader


def test_idempotent_producer_survives_a_leader_crash_and_nothing_is_duplicated(serve):
    server = serve(SCENARIO)
    leader = leader_of(server.bootstrap, "orders", 0)
    delivered = []

    def on_delivery(error, message):
        if error is None:
            delivered.append(message.value().decode())

    producer = Producer({"bootstrap.servers": server.bootstrap, "enable.idempotence": True,
                         "acks": "all", "linger.ms": 5, "message.timeout.ms": 30000})
    sent = 0

    def produce_for(seconds):
        nonlocal sent
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            producer.produce("orders", value=f"v{sent}".encode(), partition=0,
                             on_delivery=on_delivery)
            sent += 1
            producer.poll(0.01)

    produce_for(2)
    before_crash = len(delivered)
    assert before_crash > 0
    server.type(f"crash {leader}", expect=f"broker {leader} crashed")
    produce_for(6)
    assert producer.flush(30) == 0
    assert len(delivered) > before_crash  # it kept producing after the crash
    assert leader_of(server.bootstrap, "orders", 0) != leader
    values = read_partitions(server.bootstrap, [TopicPartition("orders", 0)])
    assert len(values) == len(set(values)), "a delivered record was written twice"
    assert set(delivered) <= set(values), "a delivered record is missing"
