#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# A partner that accepts TCP and never answers. It writes to BURST_FILE how many connections
# arrived within WINDOW seconds of the first one: with a check timeout longer than the window, no
# check can end inside it, so that is how many the client dials at once.
# Usage: black_hole.py PORT BURST_FILE WINDOW
import socket
import sys
import threading
import time

port, burst_file, window = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
first = None
burst = 0


def hold(conn):
    try:
        while conn.recv(4096):
            pass  # read the ClientHello and whatever follows, answer nothing
    except OSError:
        pass
    finally:
        conn.close()


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(512)
print("listening", flush=True)  # the test waits for this line, not for a probe that would count
while True:
    c, _ = server.accept()
    now = time.monotonic()
    if first is None:
        first = now
    if now - first <= window:
        burst += 1
        with open(burst_file, "w") as f:
            f.write(str(burst))
    threading.Thread(target=hold, args=(c,), daemon=True).start()
