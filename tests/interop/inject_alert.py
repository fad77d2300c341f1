#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# A TLS server (Python's ssl, i.e. OpenSSL) requiring client certificates that answers the first
# SIP request not with a response but with a cleartext fatal alert written under the TLS layer,
# as a middlebox injecting one would. Usage: inject_alert.py PORT TESTCERTS 2|3 (TLS 1.2 or 1.3).
import os
import socket
import ssl
import sys
import time

port, certs, version = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(certs + "/cases/b-rsa.pem", certs + "/cases/b-rsa.key")
ctx.load_verify_locations(certs + "/pki/root-ca.pem")
ctx.verify_mode = ssl.CERT_REQUIRED
ctx.minimum_version = ctx.maximum_version = getattr(ssl.TLSVersion, "TLSv1_" + version)
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", port))
listener.listen(4)
print("ready", flush=True)
while True:
    raw, _ = listener.accept()
    try:
        tls = ctx.wrap_socket(raw, server_side=True)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = tls.recv(4096)
            if not chunk:
                break
            data += chunk
        if data:
            os.write(tls.fileno(), b"\x15\x03\x03\x00\x02\x02\x28")  # alert(21), fatal handshake_failure
            time.sleep(0.5)
    except (ssl.SSLError, OSError):
        pass
    raw.close()
