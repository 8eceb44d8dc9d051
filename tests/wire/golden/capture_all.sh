#!/usr/bin/env bash
# Regenerates the golden frames of tests/wire/golden/: each client below talks to
# capture.py's fake broker on a loopback port and its request frames land in one folder.
# Needs Debian's kafkacat (kcat), python3-kafka and python3-confluent-kafka.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=39400

run_capture() {  # run_capture NAME COMMAND...: run COMMAND against a fresh fake broker
    local name=$1
    shift
    local limit=${LIMIT:-1000}
    port=$((port + 1))
    rm -rf "${here:?}/$name"
    /usr/bin/python3 "$here/capture.py" "$port" "$here/$name" "$limit" >/dev/null 2>&1 &
    local server=$!
    sleep 0.5
    PORT=$port timeout 15 "$@" >/dev/null 2>&1
    kill "$server"
    wait "$server" 2>/dev/null
    echo "$name: $(ls "$here/$name" | tr '\n' ' ')"
}

# 200 keyed lines k1:line 1 ... k200:line 200, repetitive enough that librdkafka keeps the
# compressed batch (it sends a batch uncompressed when compression would not shrink it).
for codec in none gzip snappy lz4 zstd; do
    run_capture "kcat-produce-$codec" bash -c \
        "seq 1 200 | sed 's/.*/k&:line & of the golden batch/' |
         kcat -b 127.0.0.1:\$PORT -P -t golden -K: -z $codec -X linger.ms=500"
done
run_capture kcat-list bash -c 'kcat -b 127.0.0.1:$PORT -L'
run_capture kcat-headers bash -c \
    "printf 'k:v\n' | kcat -b 127.0.0.1:\$PORT -P -t golden -K: -H h1=x -H h2=y"
run_capture kcat-idempotent bash -c \
    "printf 'k:v\n' | kcat -b 127.0.0.1:\$PORT -P -t golden -K: -X enable.idempotence=true"
run_capture kafka-python-admin /usr/bin/python3 -c '
import os, kafka
from kafka.admin import NewTopic, ConfigResource, ConfigResourceType
a = kafka.KafkaAdminClient(bootstrap_servers="127.0.0.1:" + os.environ["PORT"])
try: a.create_topics([NewTopic("golden", 3, 1, topic_configs={"min.insync.replicas": "1"})])
except Exception: pass'
run_capture kafka-python-producer /usr/bin/python3 -c '
import os, kafka
p = kafka.KafkaProducer(bootstrap_servers="127.0.0.1:" + os.environ["PORT"])
p.send("golden", key=b"k1", value=b"hello").get(timeout=5)'
run_capture confluent-kafka-producer /usr/bin/python3 -c '
import os, confluent_kafka
p = confluent_kafka.Producer({"bootstrap.servers": "127.0.0.1:" + os.environ["PORT"],
                              "enable.idempotence": False})
p.produce("golden", key=b"k1", value=b"hello"); p.flush(5)'
run_capture confluent-kafka-admin /usr/bin/python3 -c '
import os, confluent_kafka.admin as admin
a = admin.AdminClient({"bootstrap.servers": "127.0.0.1:" + os.environ["PORT"]})
f = a.create_topics([admin.NewTopic("golden", 3, 1)], request_timeout=3)
[v.exception(5) for v in f.values()]'
run_capture kcat-consume-offset bash -c 'kcat -b 127.0.0.1:$PORT -C -t golden -p 0 -o 5 -e'
run_capture kcat-consume-beginning bash -c 'kcat -b 127.0.0.1:$PORT -C -t golden -p 0 -o beginning -e'
run_capture kafka-python-describe-configs /usr/bin/python3 -c '
import os, kafka
from kafka.admin import ConfigResource, ConfigResourceType
a = kafka.KafkaAdminClient(bootstrap_servers="127.0.0.1:" + os.environ["PORT"])
a.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "golden")])'
run_capture kafka-python-delete-topics /usr/bin/python3 -c '
import os, kafka
a = kafka.KafkaAdminClient(bootstrap_servers="127.0.0.1:" + os.environ["PORT"])
a.delete_topics(["golden"])'
LIMIT=8 run_capture kcat-group-consumer bash -c 'kcat -b 127.0.0.1:$PORT -G golden-group golden'
LIMIT=5 run_capture kafka-python-group-consumer /usr/bin/python3 -c '
import os, kafka
c = kafka.KafkaConsumer("golden", group_id="golden-group",
                        bootstrap_servers="127.0.0.1:" + os.environ["PORT"])
c.poll(timeout_ms=3000)'
