#!/usr/bin/python3
"""Records the request frames a real Kafka client sends, for tests/wire's golden tests.

A fake broker on 127.0.0.1:PORT answers just enough for the client to go on: ApiVersions
(any version, with the ranges below), Metadata v0-4 (one broker, itself; the topics asked
for, one partition each, led by itself), FindCoordinator v0-2 (itself) and Produce v3-7
(advertised from v0; every partition NONE at offset 0). Each of the first LIMIT request
frames (default: all) is written, size prefix included, to OUT/<n>-<ApiName>-v<version>.bin.
Run it, then point a client at it (see README.md beside this file); stop it with ^C.

    /usr/bin/python3 capture.py PORT OUT_DIR [LIMIT]
"""
import os
import socket
import struct
import sys
import threading

NAMES = {0: "Produce", 1: "Fetch", 2: "ListOffsets", 3: "Metadata", 10: "FindCoordinator",
         11: "JoinGroup", 12: "Heartbeat", 13: "LeaveGroup", 14: "SyncGroup", 18: "ApiVersions",
         19: "CreateTopics", 20: "DeleteTopics", 22: "InitProducerId", 32: "DescribeConfigs"}
# (key, min, max) advertised: narrow enough that the answers below stay hand-written.
# Produce from 0, as Kafka 4.0 advertises it: librdkafka <= 2.11 compresses only then; and
# FindCoordinator from v0, which librdkafka 2.0 requires before it uses lz4; FindCoordinator
# is answered (itself); JoinGroup and the other group requests are only recorded.
ADVERTISED = [(0, 0, 7), (10, 0, 2), (11, 2, 5), (12, 0, 3), (13, 0, 3), (14, 0, 3), (1, 4, 11), (2, 1, 5), (3, 0, 4), (18, 0, 3), (19, 2, 4),
              (20, 1, 3), (22, 0, 1), (32, 1, 2)]
counter = [0]
limit = [1 << 30]
lock = threading.Lock()


def uvarint(n):
    out = b""
    while n >= 0x80:
        out += bytes([(n & 0x7F) | 0x80])
        n >>= 7
    return out + bytes([n])


def string(s):
    b = s.encode()
    return struct.pack(">h", len(b)) + b


def api_versions(version):
    if version >= 3:  # flexible body, header v0 (KIP-511)
        body = struct.pack(">h", 0) + uvarint(len(ADVERTISED) + 1)
        for key, lo, hi in ADVERTISED:
            body += struct.pack(">hhh", key, lo, hi) + b"\x00"
        return body + struct.pack(">i", 0) + b"\x00"
    body = struct.pack(">hi", 0, len(ADVERTISED))
    for key, lo, hi in ADVERTISED:
        body += struct.pack(">hhh", key, lo, hi)
    return body + (struct.pack(">i", 0) if version >= 1 else b"")


def read_string(buf, at):
    (n,) = struct.unpack_from(">h", buf, at)
    at += 2
    if n < 0:
        return None, at
    return buf[at:at + n].decode(), at + n


def metadata(version, body, port):
    (count,) = struct.unpack_from(">i", body, 0)
    topics, at = [], 4
    for _ in range(max(count, 0)):
        name, at = read_string(body, at)
        topics.append(name)
    out = struct.pack(">i", 0) if version >= 3 else b""
    out += struct.pack(">i", 1) + struct.pack(">i", 1) + string("127.0.0.1")
    out += struct.pack(">i", port) + (struct.pack(">h", -1) if version >= 1 else b"")
    if version >= 2:
        out += string("capture")
    if version >= 1:
        out += struct.pack(">i", 1)
    out += struct.pack(">i", len(topics))
    for name in topics:
        out += struct.pack(">h", 0) + string(name) + (b"\x00" if version >= 1 else b"")
        out += struct.pack(">i", 1) + struct.pack(">hii", 0, 0, 1)
        out += struct.pack(">ii", 1, 1) + struct.pack(">ii", 1, 1)
    return out


def produce(version, body):
    at = 0
    _, at = read_string(body, at)  # transactional id
    at += 6  # acks, timeout
    (topics,) = struct.unpack_from(">i", body, at)
    at += 4
    out = struct.pack(">i", topics)
    for _ in range(topics):
        name, at = read_string(body, at)
        (parts,) = struct.unpack_from(">i", body, at)
        at += 4
        out += string(name) + struct.pack(">i", parts)
        for _ in range(parts):
            (index, size) = struct.unpack_from(">ii", body, at)
            at += 8 + max(size, 0)
            out += struct.pack(">ihq", index, 0, 0) + struct.pack(">q", -1)
            out += struct.pack(">q", 0) if version >= 5 else b""
    return out + struct.pack(">i", 0)


def find_coordinator(version, port):
    out = struct.pack(">i", 0) if version >= 1 else b""
    out += struct.pack(">h", 0) + (struct.pack(">h", -1) if version >= 1 else b"")
    return out + struct.pack(">i", 1) + string("127.0.0.1") + struct.pack(">i", port)


def serve(conn, out_dir, port):
    with conn:
        while True:
            head = conn.recv(4, socket.MSG_WAITALL)
            if len(head) < 4:
                return
            (size,) = struct.unpack(">i", head)
            payload = conn.recv(size, socket.MSG_WAITALL)
            key, version, correlation = struct.unpack_from(">hhi", payload, 0)
            with lock:
                counter[0] += 1
                name = "%02d-%s-v%d.bin" % (counter[0], NAMES.get(key, str(key)), version)
                if counter[0] <= limit[0]:
                    with open(os.path.join(out_dir, name), "wb") as f:
                        f.write(head + payload)
            _, at = read_string(payload, 8)
            body = payload[at:]
            if key == 18:
                answer = api_versions(version)
            elif key == 3:
                answer = metadata(version, body, port)
            elif key == 0:
                answer = produce(version, body)
            elif key == 10:
                answer = find_coordinator(version, port)
            else:
                return
            frame = struct.pack(">i", correlation) + answer
            conn.sendall(struct.pack(">i", len(frame)) + frame)


def main():
    port, out_dir = int(sys.argv[1]), sys.argv[2]
    if len(sys.argv) > 3:
        limit[0] = int(sys.argv[3])
    os.makedirs(out_dir, exist_ok=True)
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen()
    print("listening", port, flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn, out_dir, port), daemon=True).start()


if __name__ == "__main__":
    main()
