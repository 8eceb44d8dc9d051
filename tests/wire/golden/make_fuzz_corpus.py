#!/usr/bin/python3
"""Seeds tests/fuzz/corpus/{wire_frame_fuzz,record_batch_fuzz} from the golden frames.

wire_frame_fuzz inputs are a mode byte (0 = request, 1 = response) and a payload: every
distinct golden request, and capture.py's hand-written ApiVersions and Metadata answers
(prefixed with their key and version). record_batch_fuzz inputs are the record batches of
the golden Produce v7 frames. Run from anywhere: /usr/bin/python3 make_fuzz_corpus.py
"""
import glob
import hashlib
import os
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import capture  # noqa: E402

fuzz = os.path.join(here, "..", "..", "fuzz", "corpus")
frames_dir = os.path.join(fuzz, "wire_frame_fuzz")
batches_dir = os.path.join(fuzz, "record_batch_fuzz")


def read_string(buf, at):
    (n,) = struct.unpack_from(">h", buf, at)
    return at + 2 + max(n, 0)


def produce_batch(payload):
    at = read_string(payload, 8)     # client id
    at = read_string(payload, at)    # transactional id
    at += 6 + 4                      # acks, timeout, topic count
    at = read_string(payload, at)    # topic
    at += 4 + 4                      # partition count, index
    (size,) = struct.unpack_from(">i", payload, at)
    return payload[at + 4:at + 4 + size]


def main():
    for folder in (frames_dir, batches_dir):
        os.makedirs(folder, exist_ok=True)
        for old in glob.glob(os.path.join(folder, "*")):
            os.remove(old)
    seen = set()
    for path in sorted(glob.glob(os.path.join(here, "*", "*.bin"))):
        payload = open(path, "rb").read()[4:]
        digest = hashlib.sha1(payload).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        name = os.path.basename(os.path.dirname(path)) + "-" + os.path.basename(path)[3:-4]
        open(os.path.join(frames_dir, "request-" + name), "wb").write(b"\x00" + payload)
        if struct.unpack_from(">h", payload, 0)[0] == 0:
            open(os.path.join(batches_dir, name), "wb").write(produce_batch(payload))
    one_topic = struct.pack(">i", 1) + capture.string("golden")
    answers = [(18, 3, capture.api_versions(3)), (18, 0, capture.api_versions(0)),
               (3, 4, capture.metadata(4, one_topic, 9092)),
               (3, 1, capture.metadata(1, struct.pack(">i", 0), 9092))]
    for key, version, body in answers:
        name = "response-%d-v%d" % (key, version)
        seed = b"\x01" + struct.pack(">hhi", key, version, 7) + body
        open(os.path.join(frames_dir, name), "wb").write(seed)


if __name__ == "__main__":
    main()
