"""kafka-python against serve: the admin client creates a topic, gets Kafka's
InvalidReplicationFactorError for more replicas than brokers, describes configs and
deletes the topic; its producer and a partition-assigned consumer round-trip 1,000
records."""
import pytest
from kafka import KafkaAdminClient, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic
from kafka.errors import InvalidReplicationFactorError

from conftest import read_partitions


def admin_for(server):
    return KafkaAdminClient(bootstrap_servers=server.bootstrap, request_timeout_ms=15000)


def test_the_admin_client_creates_describes_and_deletes_a_topic(serve):
    server = serve("--brokers", "3")
    admin = admin_for(server)
    admin.create_topics([NewTopic("payments", num_partitions=2, replication_factor=3,
                                  topic_configs={"retention.ms": "60000"})])
    assert "payments" in admin.list_topics()
    with pytest.raises(InvalidReplicationFactorError) as error:
        admin.create_topics([NewTopic("too-many", num_partitions=1, replication_factor=4)])
    assert "Replication factor: 4 larger than available brokers: 3." in str(error.value)
    described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "payments")])
    configs = {entry[0]: entry[1] for entry in described[0].resources[0][4]}
    assert configs["retention.ms"] == "60000"
    assert configs["cleanup.policy"] == "delete"
    admin.delete_topics(["payments"])
    assert "payments" not in admin.list_topics()
    admin.close()


def test_the_producer_and_an_assigned_consumer_round_trip_a_thousand_records(serve):
    server = serve("--brokers", "3")
    admin = admin_for(server)
    admin.create_topics([NewTopic("events", num_partitions=2, replication_factor=2)])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=server.bootstrap, acks="all", linger_ms=5)
    futures = [producer.send("events", key=f"k{i % 7}".encode(), value=f"v{i}".encode())
               for i in range(1000)]
    producer.flush(timeout=30)
    sent = [future.get(timeout=10) for future in futures]
    assert len(sent) == 1000
    producer.close()
    values = read_partitions(server.bootstrap,
                             [TopicPartition("events", 0), TopicPartition("events", 1)])
    assert sorted(values, key=lambda v: int(v[1:])) == [f"v{i}" for i in range(1000)]
    assert len(values) == 1000
