#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Bad revocation servers on loopback for tests/cli/revocation_online_test.cpp:
#   /trickle     200 with a CRL content type, then one byte every half second, never done
#   /loop        302 to itself, forever
#   /garbage     200 application/ocsp-response with bytes that are no OCSP response
#   /status500   500 Internal Server Error
#   /stale-ocsp  the OCSP response in the file given as the second argument
# Usage: bad_http.py PORT STALE_OCSP_FILE
import http.server
import os
import sys
import time

STALE = open(sys.argv[2], "rb").read()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self):
        if self.path.startswith("/trickle"):
            self.send_response(200)
            self.send_header("Content-Type", "application/pkix-crl")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"0")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                return
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path.startswith("/status500"):
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            body = STALE if self.path.startswith("/stale-ocsp") else os.urandom(300)
            self.send_response(200)
            self.send_header("Content-Type", "application/ocsp-response")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def do_GET(self):
        self.answer()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        self.answer()


http.server.ThreadingHTTPServer.daemon_threads = True
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
