#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Hostile clients against tracetop's metrics endpoint (metrics-hostile.test).

Usage: http-attack.py HOST:PORT SECONDS [SOURCE-ADDRESS]
       http-attack.py HOST:PORT SECONDS --spread N

The second form only trickles: from N addresses (127.0.0.2 on), 20
connections each, that send a header byte a second and connect again
as soon as the server cuts them: more than the server's slots, for
SECONDS.

For SECONDS, at once: 1000 connections held open (half of them having
sent a request they never read the answer of), slowloris clients that
send a header byte a second, garbage bytes, a 1 MiB header, unknown
methods and a 100 000-byte request line. Prints one line of what it did
and how the server answered; exits 0 (the test judges tracetop, not
this script).
"""
import os
import random
import resource
import socket
import sys
import threading
import time

host, port = sys.argv[1].rsplit(":", 1)
port = int(port)
seconds = float(sys.argv[2])
source = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != "--spread" else None
spread = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--spread" else 0
stats = {"held": 0, "refused": 0, "slow": 0, "garbage": 0, "huge": 0, "odd": 0}
answers = {}
lock = threading.Lock()

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
try:
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 4096), max(hard, 4096)))
except (ValueError, OSError):
    pass


def count(key, n=1):
    with lock:
        stats[key] += n


def status_of(s):
    """The status code of whatever the server answered, or 'none'."""
    s.settimeout(2)
    try:
        data = s.recv(64)
    except OSError:
        return "none"
    if data.startswith(b"HTTP/1."):
        return data[9:12].decode("ascii", "replace")
    return "closed" if not data else "other"


def note(code):
    with lock:
        answers[code] = answers.get(code, 0) + 1


def connect(src=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if src or source:
        s.bind((src or source, 0))
    s.settimeout(3)
    s.connect((host, port))
    return s


def hold_many():
    socks = []
    for i in range(1000):
        try:
            s = connect()
            if i % 2:
                s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            socks.append(s)
            count("held")
        except OSError:
            count("refused")
    time.sleep(seconds)
    for s in socks:
        s.close()


def slowloris():
    try:
        s = connect()
    except OSError:
        count("refused")
        return
    count("slow")
    line = b"GET /metrics HTTP/1.1\r\nX-Slow: " + b"a" * 1000
    end = time.time() + seconds
    i = 0
    try:
        while time.time() < end and i < len(line):
            s.send(line[i:i + 1])
            i += 1
            time.sleep(1)
    except OSError:
        pass
    s.close()


def garbage():
    rnd = random.Random(1)
    end = time.time() + seconds
    while time.time() < end:
        try:
            s = connect()
            s.sendall(bytes(rnd.getrandbits(8) for _ in range(4096)))
            note(status_of(s))
            s.close()
            count("garbage")
        except OSError:
            count("refused")
        time.sleep(0.02)


def huge():
    for _ in range(5):
        try:
            s = connect()
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Huge: ")
            s.sendall(b"h" * (1 << 20))
            s.sendall(b"\r\n\r\n")
        except OSError:
            pass
        try:
            note(status_of(s))
            s.close()
        except (OSError, UnboundLocalError):
            pass
        count("huge")


def odd():
    reqs = [b"BREW /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET /metrics HTTP/9.9\r\n\r\n",
            b"\x00\x01\x02\r\n\r\n",
            b"GET /metrics\r\n\r\n",
            b"GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
            b"GET /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"]
    for r in reqs * 10:
        try:
            s = connect()
            s.sendall(r)
            note(status_of(s))
            s.close()
            count("odd")
        except OSError:
            count("refused")


def trickle(src):
    """Holds a connection by a header byte a second; again when cut."""
    end = time.time() + seconds
    while time.time() < end:
        try:
            s = connect(src)
        except OSError:
            count("refused")
            time.sleep(0.2)
            continue
        count("slow")
        try:
            s.send(b"GET /metrics HTTP/1.1\r\n")
            while time.time() < end:
                s.send(b"X")
                time.sleep(1)
        except OSError:
            count("cut")
        s.close()


if spread:
    stats["cut"] = 0
    threads = [threading.Thread(target=trickle, args=("127.0.0.%d" % (2 + k % spread),))
               for k in range(20 * spread)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("attack:", " ".join("%s=%d" % kv for kv in sorted(stats.items())))
    sys.stdout.flush()
    os._exit(0)

threads = [threading.Thread(target=hold_many)]
threads += [threading.Thread(target=slowloris) for _ in range(50)]
threads += [threading.Thread(target=garbage), threading.Thread(target=huge),
            threading.Thread(target=odd)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("attack:", " ".join("%s=%d" % kv for kv in sorted(stats.items())),
      "answers:", " ".join("%s=%d" % kv for kv in sorted(answers.items())))
sys.stdout.flush()
os._exit(0)
